/** Row shapes of the outbound API (src/api/campaign-routes.ts, dnc-routes.ts), snake_case as sent. */

export const CAMPAIGN_TYPES = ['telemarketing', 'collections', 'survey'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export type DialMode = (typeof DIAL_MODES)[number];
export const COMPLIANCE_PROFILES = ['US', 'UK'] as const;
export type ComplianceProfile = (typeof COMPLIANCE_PROFILES)[number];
export type CampaignStatus = 'draft' | 'running' | 'paused' | 'stopped';

/** Minutes until the next attempt, or "next_day". */
export type RetryDelay = number | 'next_day';

export interface Campaign {
  id: string;
  client_id: string;
  name: string;
  type: CampaignType;
  mode: DialMode;
  caller_id: string;
  compliance_profile: ComplianceProfile;
  default_country: string;
  window_start: string;
  window_end: string;
  max_attempts: number;
  retry_rules: Record<string, RetryDelay>;
  holidays: string[];
  queue_id: string | null;
  /** What the live dialer does with an answering machine. */
  machine_action: MachineAction;
  /** Spoken after the beep when machine_action is 'message'. */
  machine_message: string | null;
  status: CampaignStatus;
  /** Leads in the campaign (any status). */
  lead_count: number;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export const MACHINE_ACTIONS = ['hangup', 'message', 'agent'] as const;
export type MachineAction = (typeof MACHINE_ACTIONS)[number];

export type LeadStatus = 'new' | 'retry' | 'done' | 'exhausted';

export interface Lead {
  id: string;
  campaign_id: string;
  phone: string;
  name: string | null;
  time_zone: string | null;
  country: string | null;
  fields: Record<string, string>;
  status: LeadStatus;
  priority: number;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_disposition: string | null;
}

export interface RejectedRow { line: number; code: string; reason: string }

/** POST /campaigns/:id/leads/import */
export interface LeadImportReport {
  rows: number;
  imported: number;
  merged_duplicates: number;
  rejected: number;
  on_dnc: number;
  rejected_rows: RejectedRow[];
}

/** What the server reads from which CSV column (header names). */
export interface LeadMapping {
  phone?: string;
  name?: string;
  time_zone?: string;
  country?: string;
  priority?: string;
  fields?: string[];
}

export interface NextLeads { at: string; items: Lead[] }

export const DNC_SOURCES = ['import', 'ivr', 'agent', 'api'] as const;
export type DncSource = (typeof DNC_SOURCES)[number];

export interface DncEntry {
  id: string;
  /** null: the global list. */
  client_id: string | null;
  phone: string;
  source: DncSource;
  created_by: string | null;
  created_at: string;
}

/** POST /dnc/import */
export interface DncImportReport {
  rows: number;
  added: number;
  already_listed: number;
  rejected: number;
  rejected_rows: RejectedRow[];
}

/** GET /campaigns/:id/stats: what the live dialer is doing and what the stored attempts add up to. */
export interface CampaignStats {
  campaign_id: string;
  status: string;
  mode: string;
  policy: string | null;
  running: boolean;
  dial_level: number;
  lines_in_use: number;
  calls_ringing: number;
  waiting_for_agent: number;
  talking: number;
  agents_logged_in: number;
  agents_free: number;
  live_answers_30d: number;
  live_answers_24h: number;
  abandoned_30d: number;
  abandoned_24h: number;
  /** US: abandoned ÷ live answers over 30 days (0–1). */
  abandonment_30d: number;
  /** UK: over 24 hours, AMD false positives estimated in (0–1). */
  abandonment_24h: number;
  attempts_24h: number;
  leads_remaining: number;
  dispositions: Record<string, number>;
}
