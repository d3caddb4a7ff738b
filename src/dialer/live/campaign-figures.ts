import { ukAbandonmentRate, usAbandonmentRate } from '../compliance.js';

/**
 * A campaign's live figures (the stats API and the `campaign.stats` event):
 * what the runner knows right now (lines, agents, the last pacing decision)
 * and what the stored attempts say (answers, abandons over the profile
 * windows, leads left, dispositions). Pure: the counts come in.
 */
export interface LiveCounts {
  readonly callsInFlight: number;
  readonly waitingForAgent: number;
  readonly talking: number;
  readonly agentsLoggedIn: number;
  readonly freeAgents: number;
  readonly lastDecision?: { readonly dial: number; readonly placed: number; readonly reason: string; readonly atMs: number };
}

export interface StoredCounts {
  /** Attempt results (attributes.dial_result) over the last 30 days and the last 24 hours. */
  readonly days30: Readonly<Record<string, number>>;
  readonly hours24: Readonly<Record<string, number>>;
  /** Connected calls of the last 24 h the agent dispositioned as a machine. */
  readonly machineConnects24h: number;
  readonly leadsRemaining: number;
  readonly dispositions: Readonly<Record<string, number>>;
}

/** The AMD false-positive rate assumed for Ofcom's estimate (the benchmark's middle case). */
export const ASSUMED_AMD_FALSE_POSITIVE_RATE = 0.02;

export function campaignFigures(c: { id: string; status: string; mode: string }, live: LiveCounts | undefined, s: StoredCounts, policy: string | undefined) {
  const n = (r: Readonly<Record<string, number>>, k: string) => r[k] ?? 0;
  const lines = live === undefined ? 0 : live.callsInFlight + live.waitingForAgent + live.talking;
  const connected30 = n(s.days30, 'connected'), abandoned30 = n(s.days30, 'abandoned');
  const connected24 = n(s.hours24, 'connected'), abandoned24 = n(s.hours24, 'abandoned');
  const machines24 = n(s.hours24, 'machine') + n(s.hours24, 'machine_message');
  return {
    campaign_id: c.id,
    status: c.status,
    mode: c.mode,
    policy: policy ?? null,
    running: live !== undefined,
    /** Lines in use per logged-in agent (VICIdial's "dial level" as seen on the floor). */
    dial_level: live === undefined || live.agentsLoggedIn === 0 ? 0 : Math.round((lines / live.agentsLoggedIn) * 100) / 100,
    lines_in_use: lines,
    calls_ringing: live?.callsInFlight ?? 0,
    waiting_for_agent: live?.waitingForAgent ?? 0,
    talking: live?.talking ?? 0,
    agents_logged_in: live?.agentsLoggedIn ?? 0,
    agents_free: live?.freeAgents ?? 0,
    live_answers_30d: connected30 + abandoned30,
    live_answers_24h: connected24 + abandoned24,
    abandoned_30d: abandoned30,
    abandoned_24h: abandoned24,
    /** US (TSR): abandoned ÷ live answers, 30 days. */
    abandonment_30d: usAbandonmentRate({ abandonedLive: abandoned30, amdFalsePositives: 0, liveAnswers: connected30 + abandoned30 }),
    /** UK (Ofcom): 24 h, the machine share of connects taken out of the drops, AMD false positives added (estimated). */
    abandonment_24h: ukAbandonmentRate({ drops: abandoned24, agentConnects: connected24, machineConnects: Math.min(s.machineConnects24h, connected24),
      amdFalsePositives: machines24 * ASSUMED_AMD_FALSE_POSITIVE_RATE }),
    attempts_24h: Object.values(s.hours24).reduce((a, b) => a + b, 0),
    results_24h: s.hours24,
    leads_remaining: s.leadsRemaining,
    dispositions: s.dispositions,
    last_decision: live?.lastDecision === undefined ? null
      : { dial: live.lastDecision.dial, placed: live.lastDecision.placed, reason: live.lastDecision.reason, at: new Date(live.lastDecision.atMs).toISOString() },
  };
}

export type CampaignFigures = ReturnType<typeof campaignFigures>;
