/**
 * The desktop WebSocket's messages (the server's types, src/desktop/protocol.ts,
 * where what the page sends is validated), and the CRM answers
 * the screen pop, wrap-up and "my day" panels read.
 */
import type { ServerMessage } from '../../../src/desktop/protocol.js';

export type { AgentStateView, CallStatus, CallView, ClientMessage, Device, DirectoryView, OfferView, ServerMessage } from '../../../src/desktop/protocol.js';
export type AgentView = Extract<ServerMessage, { type: 'hello' }>['agent'];
export interface QueueRef { id: string; name: string }
export type TransferTarget = { kind: 'agent'; agent_id: string } | { kind: 'queue'; queue_id: string } | { kind: 'number'; number: string };

// ---- CRM REST answers ----------------------------------------------------------------

export interface ScreenPop {
  interaction: { id: string; client_id: string; queue: QueueRef | null; from_number: string | null; on_dnc: boolean; channel: string; attributes: Record<string, unknown> };
  /** null: a withheld number or an extension, which finds and makes no customer. */
  customer: { id: string; name: string; phones: string[]; emails: string[]; custom_fields: Record<string, unknown> } | null;
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
