/**
 * The desktop WebSocket's messages as the page sees them (the server's
 * definitions are src/desktop/protocol.ts), and the CRM answers the screen
 * pop, wrap-up and "my day" panels read.
 */
export type Device = 'browser' | 'sip_phone';
export type CallStatus = 'talking' | 'held' | 'consulting' | 'ended' | 'wrap_up';

export interface AgentStateView { state: string; aux_reason: string | null; since: string }
export interface QueueRef { id: string; name: string }

export interface OfferView {
  interaction_id: string;
  queue: QueueRef | null;
  from_number: string;
  attributes: Record<string, unknown>;
  expires_at: string;
}

export interface CallView {
  interaction_id: string;
  queue: QueueRef | null;
  from_number: string;
  attributes: Record<string, unknown>;
  status: CallStatus;
  answered_at: string;
  wrap_up_ends_at: string | null;
  wrap_up_remaining_s: number | null;
}

export interface DirectoryView {
  agents: Array<{ id: string; name: string; extension: string }>;
  queues: QueueRef[];
}

export interface AgentView { id: string; name: string; extension: string }

export type ServerMessage =
  | { type: 'hello'; agent: AgentView; state: AgentStateView; device: Device; offer: OfferView | null; call: CallView | null; directory: DirectoryView }
  | { type: 'state'; state: AgentStateView }
  | { type: 'device'; device: Device }
  | { type: 'offer'; offer: OfferView }
  | { type: 'offer_withdrawn'; interaction_id: string; reason: string }
  | { type: 'media_answer'; interaction_id: string; sdp: string }
  | { type: 'call'; call: CallView | null }
  | { type: 'result'; of: string; ok: boolean; reason?: string }
  | { type: 'error'; field: string; message: string; code?: string }
  | { type: 'pong' };

export type TransferTarget = { kind: 'agent'; agent_id: string } | { kind: 'queue'; queue_id: string } | { kind: 'number'; number: string };

export type ClientMessage =
  | { type: 'state'; state: 'available' | 'aux' | 'offline'; reason?: string }
  | { type: 'device'; device: Device }
  | { type: 'answer'; interaction_id: string; sdp: string }
  | { type: 'reject' | 'hangup' | 'hold' | 'unhold' | 'transfer_complete' | 'transfer_cancel' | 'end_wrap_up'; interaction_id: string }
  | { type: 'transfer'; interaction_id: string; mode: 'blind' | 'warm'; to: TransferTarget }
  | { type: 'ping' };

// ---- CRM REST answers ----------------------------------------------------------------

export interface ScreenPop {
  interaction: { id: string; queue: QueueRef | null; from_number: string; channel: string; attributes: Record<string, unknown> };
  customer: { id: string; name: string; phones: string[]; emails: string[]; custom_fields: Record<string, unknown> };
  history: Array<{ id: string; channel: string; direction: string; created_at: string; queue_name: string | null; disposition: string | null; outcome: string | null }>;
  open_cases: Array<{ id: string; subject: string; status: string }>;
  script_html: string | null;
  dispositions: string[];
}

export interface MyDay {
  answered: number;
  resolved: number;
  aht_s: number | null;
  states: Record<string, number>;
}
