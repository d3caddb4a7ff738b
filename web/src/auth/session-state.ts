import type { User } from '../api/types.js';

/**
 * The browser's view of its login session.
 *
 *            ┌────── retry ───────┐
 *            ▼                    │
 *   ──► loading ──fail──────► unreachable
 *         │  │
 *         │  └─restore────► signed_in ◄──┐
 *         │                    │         │
 *         └─anonymous──► signed_out ─────┘ login
 *                          ▲   │
 *                          └───┘ logout / expire (from signed_in)
 */
export type SessionStatus = 'loading' | 'unreachable' | 'signed_out' | 'signed_in';

export type SessionEvent =
  | { type: 'restore'; user: User }
  | { type: 'anonymous' }
  | { type: 'fail'; message: string }
  | { type: 'retry' }
  | { type: 'login'; user: User }
  | { type: 'logout' }
  | { type: 'expire' };

export interface SessionState {
  status: SessionStatus;
  user: User | null;
  /** Why the server could not be asked (unreachable), or why the session ended (expire). */
  notice: string | null;
}

export const initialSession: SessionState = { status: 'loading', user: null, notice: null };

const ALLOWED: Record<SessionStatus, readonly SessionEvent['type'][]> = {
  loading: ['restore', 'anonymous', 'fail'],
  unreachable: ['retry'],
  signed_out: ['login'],
  signed_in: ['logout', 'expire'],
};

export class IllegalSessionTransition extends Error {
  constructor(from: SessionStatus, event: SessionEvent['type']) {
    super(`session cannot ${event} while ${from}`);
    this.name = 'IllegalSessionTransition';
  }
}

/** The one guarded move; throws on an event the current status does not accept. */
export function transition(state: SessionState, event: SessionEvent): SessionState {
  if (!ALLOWED[state.status].includes(event.type)) throw new IllegalSessionTransition(state.status, event.type);
  switch (event.type) {
    case 'restore':
    case 'login':
      return { status: 'signed_in', user: event.user, notice: null };
    case 'anonymous':
    case 'logout':
      return { status: 'signed_out', user: null, notice: null };
    case 'expire':
      return { status: 'signed_out', user: null, notice: 'Your session ended. Please log in again.' };
    case 'fail':
      return { status: 'unreachable', user: null, notice: event.message };
    case 'retry':
      return initialSession;
  }
}

/** Like transition() but ignores moves that raced a newer one (e.g. two 401s in flight). */
export function transitionIfAllowed(state: SessionState, event: SessionEvent): SessionState {
  return ALLOWED[state.status].includes(event.type) ? transition(state, event) : state;
}
