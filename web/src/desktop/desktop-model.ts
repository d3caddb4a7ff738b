import type { AgentStateView, AgentView, CallView, Device, DirectoryView, OfferView, ServerMessage } from './desktop-types.js';

/** The page's view of the desktop connection; `hello` replaces all of it (a reconnect restores everything). */
export interface DesktopState {
  link: 'connecting' | 'open' | 'reconnecting' | 'refused';
  /** Why the server refused us (no agent record), shown instead of the desktop. */
  refusal: string | null;
  agent: AgentView | null;
  state: AgentStateView | null;
  device: Device;
  offer: OfferView | null;
  call: CallView | null;
  directory: DirectoryView;
  /** The last refused action or protocol error, for the notice line. */
  notice: string | null;
  /** Times `hello` arrived (1 = first connect; more = reconnected). */
  hellos: number;
}

export const INITIAL: DesktopState = {
  link: 'connecting', refusal: null, agent: null, state: null, device: 'browser', offer: null, call: null,
  directory: { agents: [], queues: [] }, notice: null, hellos: 0,
};

/** Folds one server message into the page's state (pure; `hello` replaces everything it carries). */
export function apply(s: DesktopState, m: ServerMessage): DesktopState {
  switch (m.type) {
    case 'hello':
      return { ...s, link: 'open', refusal: null, agent: m.agent, state: m.state, device: m.device, offer: m.offer, call: m.call, directory: m.directory, hellos: s.hellos + 1 };
    case 'state':
      return { ...s, state: m.state };
    case 'device':
      return { ...s, device: m.device };
    case 'offer':
      return { ...s, offer: m.offer };
    case 'offer_withdrawn':
      return s.offer?.interaction_id === m.interaction_id ? { ...s, offer: null } : s;
    case 'call':
      return { ...s, call: m.call, offer: m.call !== null && s.offer?.interaction_id === m.call.interaction_id ? null : s.offer };
    case 'result':
      return m.ok ? (s.notice === null ? s : { ...s, notice: null }) : { ...s, notice: m.reason ?? `${m.of} failed` };
    case 'error':
      return { ...s, notice: `${m.field}: ${m.message}` };
    default:
      return s;
  }
}
