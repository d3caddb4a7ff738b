/**
 * What the wallboard needs beyond the engine's own figures, derived from
 * the routing events on the bus (so RoutingService only publishes):
 * - each agent's current interaction (ringing, talking, wrapping up) with
 *   its client and queue, published as `agent.work` (client-tagged, so a
 *   supervisor confined to other clients never sees it, and carrying the
 *   agent's `team_id`, so one confined to other teams does not either);
 * - today's per-interval volume and service level (intervals.ts),
 *   published as `queue.interval` each time a bucket changes.
 */
import type { Clock } from '../../platform/clock.js';
import type { EventBus, LiveEvent } from '../../platform/event-bus.js';
import type { InteractionState } from '../types.js';
import { IntervalStats, type IntervalBucket } from './intervals.js';

export type WorkState = 'offered' | 'active' | 'wrap_up';

export interface AgentWork {
  interaction_id: string;
  client_id: string | null;
  queue_id: string;
  state: WorkState;
  /** ISO time the interaction reached this state for the agent. */
  since: string;
}

const ENDED = new Set<string>(['done', 'abandoned', 'failed', 'exited']);

export class LiveBoard {
  readonly intervals: IntervalStats;
  /** agent id → its interactions (several for multi-chat agents), in the order they started. */
  readonly #work = new Map<string, Map<string, AgentWork>>();
  /** interaction id → agents holding it (several while a ring-all group rings). */
  readonly #holders = new Map<string, Set<string>>();
  readonly #off: () => void;

  constructor(private readonly deps: { bus: EventBus; clock: Clock; thresholdMs: (queueId: string) => number | undefined;
    /** The agent's team (null: none), for the team tag of `agent.work`. */
    teamOf?: (agentId: string) => string | null }) {
    this.intervals = new IntervalStats(deps.thresholdMs);
    this.#off = deps.bus.subscribe((e) => this.#on(e));
  }

  stop(): void {
    this.#off();
  }

  /** The agent's most recent interaction in hand, if any. */
  current(agentId: string): AgentWork | undefined {
    const m = this.#work.get(agentId);
    if (!m || m.size === 0) return undefined;
    let last: AgentWork | undefined;
    for (const w of m.values()) last = w;
    return last;
  }

  buckets(queueIds?: ReadonlySet<string>): IntervalBucket[] {
    return this.intervals.buckets(this.deps.clock.now(), queueIds);
  }

  #on(e: LiveEvent): void {
    const d = e.data;
    const client = e.client_id ?? null;
    if (e.type === 'interaction.state') {
      const id = d.interaction_id as string, to = d.state as InteractionState, queueId = d.queue_id as string;
      const from = (d.from as InteractionState | 'new' | undefined) ?? 'new';
      const b = this.intervals.record(id, queueId, from, to, Date.parse(e.at));
      if (b) this.#publish('queue.interval', e.client_id, e.at, { ...b });
      const agentId = d.agent_id as string | null;
      if ((to === 'active' || to === 'wrap_up') && agentId) {
        for (const other of [...(this.#holders.get(id) ?? [])]) if (other !== agentId) this.#clear(other, id, e.at);
        this.#set(agentId, { interaction_id: id, client_id: client, queue_id: queueId, state: to, since: e.at });
      } else if (ENDED.has(to) || to === 'queued') {
        for (const a of [...(this.#holders.get(id) ?? [])]) this.#clear(a, id, e.at);
      }
    } else if (e.type === 'interaction.offered') {
      this.#set(d.agent_id as string, { interaction_id: d.interaction_id as string, client_id: client, queue_id: d.queue_id as string, state: 'offered', since: e.at });
    } else if (e.type === 'interaction.offer_withdrawn') {
      const w = this.#work.get(d.agent_id as string)?.get(d.interaction_id as string);
      if (w?.state === 'offered') this.#clear(d.agent_id as string, w.interaction_id, e.at);
    }
  }

  #set(agentId: string, w: AgentWork): void {
    let m = this.#work.get(agentId);
    if (!m) { m = new Map(); this.#work.set(agentId, m); }
    m.delete(w.interaction_id);
    m.set(w.interaction_id, w);
    let h = this.#holders.get(w.interaction_id);
    if (!h) { h = new Set(); this.#holders.set(w.interaction_id, h); }
    h.add(agentId);
    this.#publish('agent.work', w.client_id ?? undefined, w.since, { agent_id: agentId, team_id: this.#teamOf(agentId), ...w });
  }

  #clear(agentId: string, interactionId: string, at: string): void {
    const m = this.#work.get(agentId);
    const w = m?.get(interactionId);
    if (!m || !w) return;
    m.delete(interactionId);
    if (m.size === 0) this.#work.delete(agentId);
    const h = this.#holders.get(interactionId);
    h?.delete(agentId);
    if (h?.size === 0) this.#holders.delete(interactionId);
    this.#publish('agent.work', w.client_id ?? undefined, at, { agent_id: agentId, team_id: this.#teamOf(agentId), interaction_id: interactionId, client_id: w.client_id,
      queue_id: w.queue_id, state: 'ended', since: at });
  }

  #teamOf(agentId: string): string | null {
    return this.deps.teamOf?.(agentId) ?? null;
  }

  #publish(type: string, clientId: string | undefined, at: string, data: Record<string, unknown>): void {
    this.deps.bus.publish({ type, at, ...(clientId ? { client_id: clientId } : {}), data });
  }
}
