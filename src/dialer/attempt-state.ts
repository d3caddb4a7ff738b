import { DialerErrors } from './dialer-errors.js';

/**
 * One dial attempt's life, as the dialer sees it (AMD decides what
 * "answered" means):
 *
 *   dialing ─answered_human─► waiting_for_agent ─agent─► connected
 *      │                              └─deadline (2 s)─► abandoned
 *      ├─answered_machine─► machine
 *      ├─ring timeout─────► no_answer
 *      └─busy tone────────► busy
 *
 * A live answer always passes through waiting_for_agent, for no time at all
 * when an agent is free, so the connect deadline has one place to live.
 */
export type AttemptState = 'dialing' | 'waiting_for_agent' | 'connected' | 'abandoned' | 'machine' | 'no_answer' | 'busy';

const NEXT: Record<AttemptState, readonly AttemptState[]> = {
  dialing: ['waiting_for_agent', 'machine', 'no_answer', 'busy'],
  waiting_for_agent: ['connected', 'abandoned'],
  connected: [],
  abandoned: [],
  machine: [],
  no_answer: [],
  busy: [],
};

/** Returns `to` if the move is legal, else throws DIALER_ILLEGAL_TRANSITION. */
export function transitionAttempt(from: AttemptState, to: AttemptState): AttemptState {
  if (!NEXT[from].includes(to)) {
    throw DialerErrors.create('DIALER_ILLEGAL_TRANSITION', { from, to }, `a dial attempt cannot go from ${from} to ${to}`);
  }
  return to;
}
