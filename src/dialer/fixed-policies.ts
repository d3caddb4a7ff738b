import { DialerErrors } from './dialer-errors.js';
import { unclaimedAgents, type CampaignSnapshot, type PacingDecision, type PacingPolicy } from './pacing-types.js';

/**
 * Progressive: one call in flight per free agent. Every live answer finds the
 * agent it was dialed for, so it never abandons; the agent waits through
 * every ring, busy and machine.
 */
export function progressivePolicy(): PacingPolicy {
  return {
    name: 'progressive',
    observe: () => {},
    decide: (state) => progressiveDecision(state, 'progressive'),
  };
}

/** Calls progressive would place now: one per unclaimed free agent, less the calls already in flight. */
export function progressiveCount(state: CampaignSnapshot): number {
  return Math.max(0, unclaimedAgents(state) - state.callsInFlight.length);
}

export function progressiveDecision(state: CampaignSnapshot, why: string): PacingDecision {
  const dial = progressiveCount(state);
  return { dial, reason: dial === 0 ? `${why} hold` : `${why} free=${unclaimedAgents(state)} in_flight=${state.callsInFlight.length}` };
}

/**
 * Fixed ratio: `ratio` calls in flight per free agent, rounded as VICIdial
 * rounds its goal (`sprintf "%.0f"`). It never dials ahead of an agent who
 * is still busy.
 */
export function ratioPolicy(ratio: number): PacingPolicy {
  if (!(Number.isFinite(ratio) && ratio >= 1 && ratio <= 20)) {
    throw DialerErrors.create('DIALER_INVALID_POLICY', { field: 'ratio', ratio }, `dial ratio must be between 1 and 20, got ${ratio}`);
  }
  return {
    name: `ratio:${ratio}`,
    observe: () => {},
    decide: (state) => {
      const free = unclaimedAgents(state);
      const goal = Math.round(ratio * free);
      return { dial: Math.max(0, goal - state.callsInFlight.length), reason: `ratio goal=${goal} in_flight=${state.callsInFlight.length}` };
    },
  };
}
