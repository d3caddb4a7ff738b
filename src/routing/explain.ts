import { agentTier, stageMismatch, type NormalizedQueue } from './queue-config.js';
import type { OfferRecord } from './offer-record.js';
import type { AgentEntry } from './queue-runtime.js';
import type { SelectionPolicy } from './types.js';

/**
 * What the engine records at decision time — only what is already in hand
 * (the winner's key, the pool sizes it looked at, the top of the winning
 * pool), so recording costs O(1); it is stored flat on the offer's
 * `OfferRecord` and expanded into this shape by `explain`. Reasons for
 * every other agent are worked out when `explain` is called, from the
 * queue configuration in force at decision time and each agent's
 * timestamped state history (and its current configuration).
 */
export interface DecisionRecord {
  offerId: string;
  interactionId: string;
  queueId: string;
  agentId: string;
  at: number;
  /** interaction_ready: an interaction looked for an agent (arrival, overflow step, requeue);
   *  agent_ready: an agent got free capacity and took the most deserving waiting interaction;
   *  reassigned: a supervisor sent the interaction to this agent. */
  trigger: 'interaction_ready' | 'agent_ready' | 'reassigned';
  policy: SelectionPolicy;
  /** The interaction's overflow stage when decided. */
  stage: number;
  /** The winner's tier in the queue (0 = meets the base requirements). */
  tier: number;
  /** The winner's policy key, lower wins (see QueueRuntime.setKey). */
  key: [number, number, number];
  /** Available agents per tier 0..stage at decision time (interaction_ready). */
  tierSizes: number[];
  /** The next best available agent of the winning tier (interaction_ready). */
  runnersUp: { agentId: string; key: [number, number, number] }[];
  /** Agents rung together with the winner (ring-all). */
  ringGroup: string[];
  /** agent_ready: waiting interactions the agent was eligible for, and the runner-up. */
  waitingConsidered: number;
  runnerUpInteractionId: string | undefined;
}

export type OtherReason =
  | 'not_serving_client'
  | 'no_channel_capacity'
  | 'missing_skill'
  | 'skill_level_too_low'
  | 'overflow_tier_not_reached'
  | 'not_available'
  | 'busy'
  | 'ranked_lower'
  | 'state_unknown';

export interface Explanation extends DecisionRecord {
  /** Up to `limit` other agents with the reason they did not get it. */
  others: { agentId: string; reason: OtherReason; detail?: Record<string, unknown> }[];
  othersByReason: Partial<Record<OtherReason, number>>;
  othersTruncated: boolean;
}

export function explainDecision(rec: OfferRecord, agents: Iterable<AgentEntry>, limit = 100): Explanation {
  const others: Explanation['others'] = [];
  const counts: Partial<Record<OtherReason, number>> = {};
  let truncated = false;
  const rung = new Set([rec.entry.cfg.id, ...rec.ringGroup]);
  for (const e of agents) {
    if (rung.has(e.cfg.id)) continue;
    const why = reasonFor(rec, rec.queueCfg, e);
    counts[why.reason] = (counts[why.reason] ?? 0) + 1;
    if (others.length < limit) others.push({ agentId: e.cfg.id, ...why });
    else truncated = true;
  }
  return {
    offerId: rec.id,
    interactionId: rec.interactionId,
    queueId: rec.queueId,
    agentId: rec.entry.cfg.id,
    at: rec.at,
    trigger: rec.trigger,
    policy: rec.queueCfg.policy,
    stage: rec.stage,
    tier: rec.tier,
    key: [rec.k1, rec.k2, rec.k3],
    tierSizes: [...rec.tierSizes],
    runnersUp: rec.runnerUpAgentId === undefined ? [] : [{ agentId: rec.runnerUpAgentId, key: [rec.r1, rec.r2, rec.r3] }],
    ringGroup: [...rec.ringGroup],
    waitingConsidered: rec.waitingConsidered,
    runnerUpInteractionId: rec.runnerUpInteractionId,
    others,
    othersByReason: counts,
    othersTruncated: truncated,
  };
}

function reasonFor(rec: OfferRecord, q: NormalizedQueue, e: AgentEntry): { reason: OtherReason; detail?: Record<string, unknown> } {
  const mismatch = stageMismatch(q, e.cfg, rec.stage);
  if (mismatch) {
    const { reason, ...detail } = mismatch;
    const tier = agentTier(q, e.cfg);
    if (tier > rec.stage) return { reason: 'overflow_tier_not_reached', detail: { tier } };
    return { reason, detail };
  }
  const state = e.agent.machine.stateAt(rec.at);
  if (state === undefined) return { reason: 'state_unknown' };
  if (state === 'offline' || state === 'aux') return { reason: 'not_available', detail: { state } };
  // Reserved/busy/wrap_up: holding other work. (A multi-chat agent may still have had
  // a free chat slot; the history keeps states, not slot counts, so this is reported as busy.)
  if (state !== 'available') return { reason: 'busy', detail: { state } };
  const tier = agentTier(q, e.cfg);
  return { reason: 'ranked_lower', detail: { tier, winnerTier: rec.tier, state } };
}
