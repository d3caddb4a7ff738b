import type { Channel } from '../api/types.js';

/**
 * An interaction as `/interactions` sends it. The fields after `simulated`
 * are read when the server includes them (call details: numbers, IVR
 * attributes, disposition, CSAT, durations).
 */
export interface CallRow {
  id: string;
  client_id: string;
  channel: Channel;
  state: string;
  queue_id: string | null;
  agent_id: string | null;
  priority: number;
  subject: string | null;
  created_at: string;
  queued_at: string | null;
  offered_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  wrap_up_ended_at: string | null;
  outcome: string | null;
  simulated: boolean;
  direction?: 'inbound' | 'outbound' | 'internal';
  customer_address?: string | null;
  service_address?: string | null;
  disposition?: string | null;
  notes?: string | null;
  csat?: number | null;
  wait_ms?: number | null;
  talk_ms?: number | null;
  hold_ms?: number | null;
  wrap_ms?: number | null;
  offers?: number;
  attributes?: Record<string, unknown>;
}

/** A CDR row: one SIP leg of the call. */
export interface CallLeg {
  id: string;
  interaction_id: string | null;
  sip_call_id: string;
  direction: 'inbound' | 'outbound';
  role: string;
  from_uri: string;
  to_uri: string;
  trunk_id: string | null;
  agent_id: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  sip_status: number | null;
  rtp_sent?: number | null;
  rtp_received?: number | null;
}

export interface Recording {
  id: string;
  interaction_id: string;
  kind: 'call' | 'voicemail';
  state: 'recording' | 'complete' | 'failed';
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  paused_ms?: number;
}

/** The channels the Calls page lists. */
export const CALL_CHANNELS: readonly Channel[] = ['voice', 'callback'];

export interface TimelineEntry { key: string; label: string; at: string; offsetMs: number }

const STAMPS: [keyof CallRow, string][] = [
  ['created_at', 'Arrived'], ['queued_at', 'Queued'], ['offered_at', 'Offered to an agent'], ['answered_at', 'Answered'],
  ['ended_at', 'Ended'], ['wrap_up_ended_at', 'Wrap-up ended'],
];

/** The lifecycle timestamps that are set, with the time since arrival. */
export function timeline(row: CallRow): TimelineEntry[] {
  const t0 = Date.parse(row.created_at);
  const out: TimelineEntry[] = [];
  for (const [key, label] of STAMPS) {
    const at = row[key];
    if (typeof at === 'string') out.push({ key, label, at, offsetMs: Date.parse(at) - t0 });
  }
  return out;
}

export function msBetween(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const d = Date.parse(b) - Date.parse(a);
  return Number.isFinite(d) && d >= 0 ? d : null;
}

/** 75_000 → "1:15"; 3_725_000 → "1:02:05". */
export function clock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Wait (arrival → answer, or → end if never answered) and talk (answer → end), from the stored durations or the timestamps. */
export function durations(row: CallRow): { waitMs: number | null; talkMs: number | null } {
  const waitMs = row.wait_ms ?? msBetween(row.queued_at ?? row.created_at, row.answered_at ?? row.ended_at);
  const talkMs = row.talk_ms ?? msBetween(row.answered_at, row.ended_at);
  return { waitMs, talkMs };
}

export interface IvrStep { step: number | null; id: string | null; verb: string; outcome: string | null }
export interface IvrDigits { step: number | null; verb: string | null; digits: string }
export interface IvrTrace { flow: string | null; path: IvrStep[]; digits: IvrDigits[] }

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "main-menu:menu (2)" → id main-menu, verb menu, outcome 2 (the flow runner's flat form). */
function parsePathString(s: string): IvrStep {
  const m = /^([^:]+):(\S+)(?: \((.*)\))?$/.exec(s);
  if (!m) return { step: null, id: null, verb: s, outcome: null };
  const step = /^\d+$/.test(m[1]) ? Number(m[1]) : null;
  return { step, id: step === null ? m[1] : null, verb: m[2], outcome: m[3] ?? null };
}

/**
 * The IVR path and digits from an interaction's attributes, in either shape
 * the call engine writes: `path` [{step, id, verb, outcome}] and `digits`
 * [{step, verb, digits}], or the flow runner's flat `flow_path`
 * ["id:verb (outcome)"] and `digits` "1 2".
 */
export function ivrTrace(attributes: Record<string, unknown> | undefined): IvrTrace {
  const a = attributes ?? {};
  const path: IvrStep[] = [];
  const rawPath = Array.isArray(a['path']) ? a['path'] : Array.isArray(a['flow_path']) ? a['flow_path'] : [];
  for (const p of rawPath as unknown[]) {
    if (typeof p === 'string') path.push(parsePathString(p));
    else if (typeof p === 'object' && p !== null) {
      const o = p as Record<string, unknown>;
      path.push({ step: num(o['step']), id: str(o['id']), verb: str(o['verb']) ?? '?', outcome: str(o['outcome']) ?? (num(o['outcome'])?.toString() ?? null) });
    }
  }
  const digits: IvrDigits[] = [];
  const rawDigits = a['digits'];
  if (Array.isArray(rawDigits)) {
    for (const d of rawDigits as unknown[]) {
      if (typeof d === 'object' && d !== null) {
        const o = d as Record<string, unknown>;
        const value = str(o['digits']) ?? num(o['digits'])?.toString() ?? null;
        if (value !== null) digits.push({ step: num(o['step']), verb: str(o['verb']), digits: value });
      } else if (typeof d === 'string' && d !== '') digits.push({ step: null, verb: null, digits: d });
    }
  } else if (typeof rawDigits === 'string' && rawDigits.trim() !== '') {
    for (const d of rawDigits.trim().split(/\s+/)) digits.push({ step: null, verb: null, digits: d });
  }
  return { flow: str(a['flow']) ?? str(a['flow_name']), path, digits };
}

const OUTCOME_LABELS: Record<string, string> = {
  answered: 'Answered', abandoned: 'Abandoned', failed: 'Failed', voicemail: 'Voicemail', callback_requested: 'Callback requested',
  transferred: 'Transferred', completed: 'Completed',
};
const STATE_LABELS: Record<string, string> = {
  created: 'Arriving', queued: 'Waiting', offered: 'Ringing', active: 'Talking', wrap_up: 'Wrap-up', done: 'Done', abandoned: 'Abandoned', failed: 'Failed',
};

/** What happened, in a word: the outcome once ended, else the live state. */
export function resultLabel(row: CallRow): string {
  if (row.outcome) return OUTCOME_LABELS[row.outcome] ?? row.outcome;
  return STATE_LABELS[row.state] ?? row.state;
}

/** A tone for the result pill. */
export function resultTone(row: CallRow): 'ok' | 'bad' | 'live' | 'neutral' {
  const r = row.outcome ?? row.state;
  if (r === 'abandoned' || r === 'failed') return 'bad';
  if (r === 'answered' || r === 'completed' || r === 'done') return 'ok';
  if (r === 'queued' || r === 'offered' || r === 'active' || r === 'wrap_up' || r === 'created') return 'live';
  return 'neutral';
}

/** "sip:+15125550100@host;user=phone" → "+15125550100". */
export function uriUser(uri: string): string {
  const m = /^(?:sips?:|tel:)?([^@;>]+)/.exec(uri.replace(/^.*</, ''));
  return m ? m[1] : uri;
}
