import type { Channel } from '../api/types.js';

/** The CRM API's shapes (src/api/crm-routes.ts), as the pages read them. */
export type CaseStatus = 'open' | 'pending' | 'resolved';
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'pending', 'resolved'];
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = { open: 'Open', pending: 'Pending', resolved: 'Resolved' };

export interface Customer {
  id: string;
  client_id: string;
  name: string;
  phones: string[];
  emails: string[];
  custom_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface CaseRow {
  id: string;
  client_id: string;
  customer_id: string;
  customer_name: string;
  subject: string;
  status: CaseStatus;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  interactions: number;
}

export interface LinkedInteraction {
  id: string;
  at: string;
  channel: Channel;
  direction: string;
  state: string;
  agent_name: string | null;
  disposition: string | null;
  outcome: string | null;
  notes: string | null;
}

export type TimelineEntry =
  | { kind: 'interaction'; id: string; at: string; channel: Channel; direction: string; state: string; queue_name: string | null; agent_name: string | null;
    disposition: string | null; outcome: string | null; notes: string | null; subject: string | null }
  | { kind: 'case'; id: string; at: string; subject: string; status: CaseStatus; resolved_at: string | null };

export const customerPath = (id: string) => `/customers/${encodeURIComponent(id)}`;
export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

/** "3 Nov, 14:05" in the viewer's locale. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
