import { z } from 'zod';

/**
 * The agent desktop's WebSocket protocol (GET /api/v1/desktop), JSON both
 * ways. What the page sends is validated here; a message that does not fit
 * gets an `error` naming the field and the socket stays open. What the
 * server sends is typed below (the page mirrors it in web/src/desktop).
 *
 * Page → server: presence (available / aux / offline), the device the
 * agent takes calls on, answer (with the page's WebRTC offer, candidates
 * included) / reject an offer, call control, end of wrap-up. Mute is the
 * page's own business (it stops sending its track); DTMF goes in RTP.
 */
const uuid = z.string().uuid({ message: 'must be a UUID' });
const interactionId = uuid;

const transferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agent_id: uuid }),
  z.object({ kind: z.literal('queue'), queue_id: uuid }),
  z.object({ kind: z.literal('number'), number: z.string().trim().regex(/^\+?[0-9]{3,16}$/, 'must be a phone number (digits, optional +)') }),
], { error: 'must be agent, queue or number' });

export const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: z.enum(['available', 'aux', 'offline']), reason: z.string().trim().min(1).max(40).optional() })
    .refine((m) => m.state !== 'aux' || m.reason !== undefined, { path: ['reason'], message: 'is required for aux' }),
  z.object({ type: z.literal('device'), device: z.enum(['browser', 'sip_phone']) }),
  z.object({ type: z.literal('answer'), interaction_id: interactionId, sdp: z.string().min(20, 'must be an SDP offer').max(20_000).refine((s) => s.startsWith('v=0'), 'must be an SDP offer') }),
  z.object({ type: z.literal('reject'), interaction_id: interactionId }),
  /** The reloaded page's new peer connection for the call it had: the server answers and carries the call on it. */
  z.object({ type: z.literal('rejoin'), interaction_id: interactionId, sdp: z.string().min(20, 'must be an SDP offer').max(20_000).refine((s) => s.startsWith('v=0'), 'must be an SDP offer') }),
  z.object({ type: z.literal('hangup'), interaction_id: interactionId }),
  z.object({ type: z.literal('hold'), interaction_id: interactionId }),
  z.object({ type: z.literal('unhold'), interaction_id: interactionId }),
  z.object({ type: z.literal('transfer'), interaction_id: interactionId, mode: z.enum(['blind', 'warm']), to: transferTarget })
    .refine((m) => m.mode === 'blind' || m.to.kind !== 'queue', { path: ['mode'], message: 'a queue takes blind transfers only' }),
  z.object({ type: z.literal('transfer_complete'), interaction_id: interactionId }),
  z.object({ type: z.literal('transfer_cancel'), interaction_id: interactionId }),
  z.object({ type: z.literal('end_wrap_up'), interaction_id: interactionId }),
  z.object({ type: z.literal('ping') }),
]);

const TYPES: readonly string[] = clientMessage.options.map((o) => o.shape.type.value);

export type ClientMessage = z.infer<typeof clientMessage>;

/** Why a page message was refused: the field and what is wrong with it. */
export interface ProtocolError { readonly field: string; readonly message: string }

/** Parses one WebSocket frame from the page. */
export function parseClientMessage(raw: string): { ok: true; message: ClientMessage } | { ok: false; error: ProtocolError } {
  if (raw.length > 32_000) return { ok: false, error: { field: '(message)', message: 'too large' } };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { field: '(message)', message: 'must be JSON' } };
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !TYPES.includes(type)) return { ok: false, error: { field: 'type', message: `must be one of ${TYPES.join(', ')}` } };
  const r = clientMessage.safeParse(json);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  const field = issue.path.join('.') || '(message)';
  return { ok: false, error: { field, message: issue.message } };
}

// ---- server → page -------------------------------------------------------------------

export type Device = 'browser' | 'sip_phone';

export interface AgentStateView {
  readonly state: string;
  readonly aux_reason: string | null;
  /** When the agent entered this state (ISO). */
  readonly since: string;
}

/** A ringing interaction: what the page shows before the agent answers. */
export interface OfferView {
  readonly interaction_id: string;
  readonly queue: { readonly id: string; readonly name: string } | null;
  readonly from_number: string;
  /** What the caller did in the IVR (digits, path summary, flow variables). */
  readonly attributes: Record<string, unknown>;
  /** When the ringing stops on its own (ISO). */
  readonly expires_at: string;
  /** Where it rings: answered in the page, or on the desk phone (the page shows it only). */
  readonly device: Device;
  /** A routed call, or a colleague's warm-transfer consultation (the customer on hold behind them). */
  readonly purpose: 'queue' | 'consult';
  /** For a consultation: the colleague calling. */
  readonly consult_from: string | null;
}

export type CallStatus = 'talking' | 'held' | 'consulting' | 'ended' | 'wrap_up';

export interface CallView {
  readonly interaction_id: string;
  readonly queue: { readonly id: string; readonly name: string } | null;
  readonly from_number: string;
  readonly attributes: Record<string, unknown>;
  readonly status: CallStatus;
  /** When the conversation started (ISO). */
  readonly answered_at: string;
  /** In wrap-up: when it ends on its own (ISO), null when the queue has no limit. */
  readonly wrap_up_ends_at: string | null;
  /** Seconds of wrap-up left when this was sent. */
  readonly wrap_up_remaining_s: number | null;
  /** The device carrying the call: the page's softphone or the desk phone (controlled from the page all the same). */
  readonly device: Device;
  /** This agent is the consulted party of a colleague's warm transfer (the call is not theirs yet). */
  readonly consult: boolean;
  /** Consulted: the colleague who is transferring to this agent. */
  readonly consult_from: string | null;
  /** Consulting: whom this agent is talking to while the customer waits (a colleague's name, or 'an outside number'). */
  readonly consulting_with: string | null;
  /** Browser calls: 'lost' while the page's peer connection is gone (reloaded) and the call waits for it; null on the desk phone. */
  readonly media: 'connected' | 'lost' | null;
}

export interface DirectoryView {
  readonly agents: ReadonlyArray<{ id: string; name: string; extension: string }>;
  readonly queues: ReadonlyArray<{ id: string; name: string }>;
}

export type ServerMessage =
  | { type: 'hello'; agent: { id: string; name: string; extension: string }; state: AgentStateView; device: Device; offer: OfferView | null; call: CallView | null; directory: DirectoryView }
  | { type: 'state'; state: AgentStateView }
  | { type: 'device'; device: Device }
  | { type: 'offer'; offer: OfferView }
  | { type: 'offer_withdrawn'; interaction_id: string; reason: string }
  /** The engine's WebRTC answer to the page's offer (our candidate inside, nothing trickled). */
  | { type: 'media_answer'; interaction_id: string; sdp: string }
  | { type: 'call'; call: CallView | null }
  | { type: 'result'; of: ClientMessage['type']; ok: boolean; reason?: string }
  | { type: 'error'; field: string; message: string; code?: string }
  | { type: 'pong' };
