/**
 * The pacing interface every dial policy implements: the same code paces a
 * real campaign and the simulated one in bench/dialer. Policies are pure:
 * time comes in as `nowMs` (from an injected Clock), facts come in as
 * events, and a decision is a number of calls to place now. No timers, no I/O.
 */

/** What the campaign looks like at the moment of a decision. */
export interface CampaignSnapshot {
  /** Agents logged in to the campaign and not on break. */
  readonly agentsLoggedIn: number;
  /** Agents idle and ready for a call right now. */
  readonly freeAgents: number;
  /** Agents handling a call: talking (or listening to a machine the AMD let through) or in wrap-up. */
  readonly busyAgents: readonly BusyAgent[];
  /** Calls placed and not yet answered, failed or classified (dialing, ringing, AMD listening). */
  readonly callsInFlight: readonly CallInFlight[];
  /** Live answers waiting for an agent (they are abandoned when the connect deadline passes). */
  readonly callsWaitingForAgent: number;
}

export interface BusyAgent {
  readonly phase: 'talk' | 'wrap';
  /** When the agent entered this phase. */
  readonly phaseSinceMs: number;
}

export interface CallInFlight {
  readonly placedAtMs: number;
}

/**
 * Facts a policy learns from. `answered_human` means the answer was classified
 * as a live person (by AMD when enabled) and needs an agent; `answered_machine`
 * means the AMD hung up or left a message.
 */
export type PacingEvent =
  | { readonly kind: 'call_placed'; readonly atMs: number }
  | { readonly kind: 'answered_human'; readonly atMs: number; readonly placedAtMs: number }
  | { readonly kind: 'answered_machine'; readonly atMs: number; readonly placedAtMs: number }
  | { readonly kind: 'no_answer'; readonly atMs: number; readonly placedAtMs: number }
  | { readonly kind: 'busy'; readonly atMs: number; readonly placedAtMs: number }
  /** A waiting live answer reached an agent. */
  | { readonly kind: 'connected'; readonly atMs: number }
  /** A live answer found no agent within the connect deadline and heard the compliance message. */
  | { readonly kind: 'abandoned'; readonly atMs: number }
  /** An agent started handling a call. */
  | { readonly kind: 'agent_busy'; readonly atMs: number }
  /** An agent finished talking and started wrap-up; `talkMs` is how long the talk lasted. */
  | { readonly kind: 'agent_wrap'; readonly atMs: number; readonly talkMs: number }
  /** An agent became free; `wrapMs` is how long the wrap-up lasted. */
  | { readonly kind: 'agent_free'; readonly atMs: number; readonly wrapMs: number };

export interface PacingDecision {
  /** Calls to place now (>= 0). */
  readonly dial: number;
  /** Why, for logs and the wallboard: a short code and its numbers. */
  readonly reason: string;
}

export interface PacingPolicy {
  /** e.g. `progressive`, `ratio:1.3`, `vicidial-adapt-hard-limit`, `switchboard`. */
  readonly name: string;
  observe(event: PacingEvent): void;
  decide(state: CampaignSnapshot, nowMs: number): PacingDecision;
}

/** Free agents not already claimed by a live answer waiting for one. */
export function unclaimedAgents(state: CampaignSnapshot): number {
  return Math.max(0, state.freeAgents - state.callsWaitingForAgent);
}
