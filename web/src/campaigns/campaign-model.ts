import { checkInt, isBlank, isCountryCode, requireFields, type FieldErrors } from '../admin/form/validate.js';
import {
  CAMPAIGN_TYPES, COMPLIANCE_PROFILES, DIAL_MODES,
  type Campaign, type CampaignType, type ComplianceProfile, type DialMode, type MachineAction, type RetryDelay,
} from './campaign-types.js';

/** One line of the retry rules editor: a disposition code and its delay. */
export interface RetryRuleDraft {
  disposition: string;
  kind: 'minutes' | 'next_day';
  minutes: string;
}

export interface CampaignDraft {
  client_id: string;
  name: string;
  type: CampaignType | '';
  mode: DialMode;
  caller_id: string;
  compliance_profile: ComplianceProfile;
  default_country: string;
  window_start: string;
  window_end: string;
  max_attempts: string;
  retry_rules: RetryRuleDraft[];
  queue_id: string;
  machine_action: MachineAction;
  machine_message: string;
}

/** The server's defaults (campaign-routes.ts), so a new campaign starts where the API would. */
const DEFAULT_RULES: Record<string, RetryDelay> = { busy: 30, no_answer: 240, machine: 'next_day' };
const MAX_RETRY_MINUTES = 60 * 24 * 30;

export function rulesToDrafts(rules: Record<string, RetryDelay>): RetryRuleDraft[] {
  return Object.entries(rules).map(([disposition, d]) =>
    d === 'next_day' ? { disposition, kind: 'next_day', minutes: '' } : { disposition, kind: 'minutes', minutes: String(d) });
}

export function draftsToRules(rows: RetryRuleDraft[]): Record<string, RetryDelay> {
  return Object.fromEntries(rows.map((r) => [r.disposition.trim(), r.kind === 'next_day' ? 'next_day' : Number(r.minutes)]));
}

export function campaignDraft(row: Campaign | null): CampaignDraft {
  return {
    client_id: row?.client_id ?? '',
    name: row?.name ?? '',
    type: row?.type ?? '',
    mode: row?.mode ?? 'preview',
    caller_id: row?.caller_id ?? '',
    compliance_profile: row?.compliance_profile ?? 'US',
    default_country: row?.default_country ?? 'US',
    window_start: row?.window_start ?? '08:00',
    window_end: row?.window_end ?? '21:00',
    max_attempts: String(row?.max_attempts ?? 3),
    retry_rules: rulesToDrafts(row?.retry_rules ?? DEFAULT_RULES),
    queue_id: row?.queue_id ?? '',
    machine_action: row?.machine_action ?? 'hangup',
    machine_message: row?.machine_message ?? '',
  };
}

const clockMinutes = (v: string): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(v.trim());
  if (!m) return null;
  const h = Number(m[1]), min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
};

export function validateRetryRules(rows: RetryRuleDraft[], errors: FieldErrors): void {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const code = r.disposition.trim();
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(code)) errors[`retry_rules.${i}.disposition`] = 'A lower_snake_case code, e.g. no_answer';
    else if (seen.has(code)) errors[`retry_rules.${i}.disposition`] = 'Already has a rule';
    seen.add(code);
    if (r.kind === 'minutes') checkInt(errors, `retry_rules.${i}.minutes`, r.minutes, 0, MAX_RETRY_MINUTES);
  });
  if (rows.length > 50) errors['retry_rules'] = 'At most 50 rules';
  const first = Object.keys(errors).find((k) => k.startsWith('retry_rules.'));
  if (first) errors['retry_rules'] ??= errors[first];
}

export function validateCampaign(d: CampaignDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['client_id', 'name', 'type', 'caller_id'], errors);
  if (d.type !== '' && !CAMPAIGN_TYPES.includes(d.type)) errors['type'] = 'Choose a type';
  if (!DIAL_MODES.includes(d.mode)) errors['mode'] = 'Choose a mode';
  if (!COMPLIANCE_PROFILES.includes(d.compliance_profile)) errors['compliance_profile'] = 'Choose US or UK';
  if (!isBlank(d.caller_id) && !/^\+[1-9]\d{6,14}$/.test(d.caller_id.trim())) errors['caller_id'] = 'E.164, e.g. +12125550100';
  if (!isCountryCode(d.default_country)) errors['default_country'] = 'Two letters, e.g. US';
  const start = clockMinutes(d.window_start), end = clockMinutes(d.window_end);
  if (start === null) errors['window_start'] = 'HH:MM, e.g. 08:00';
  if (end === null) errors['window_end'] = 'HH:MM, e.g. 21:00';
  if (start !== null && end !== null && start >= end) errors['window_end'] = 'Must be after the start';
  checkInt(errors, 'max_attempts', d.max_attempts, 1, 50);
  if (d.machine_message.trim().length > 1000) errors['machine_message'] = 'At most 1000 characters';
  validateRetryRules(d.retry_rules, errors);
  return errors;
}

/** POST takes every field; PATCH may not change the client. */
export function campaignBody(d: CampaignDraft, isNew: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    type: d.type,
    mode: d.mode,
    caller_id: d.caller_id.trim(),
    compliance_profile: d.compliance_profile,
    default_country: d.default_country.trim().toUpperCase(),
    window_start: d.window_start.trim(),
    window_end: d.window_end.trim(),
    max_attempts: Number(d.max_attempts),
    retry_rules: draftsToRules(d.retry_rules),
    queue_id: d.queue_id === '' ? null : d.queue_id,
    machine_action: d.machine_action,
    machine_message: d.machine_message.trim() === '' ? null : d.machine_message.trim(),
  };
  return isNew ? { client_id: d.client_id, ...body } : body;
}

/** "30 min", "4 h", "next day": how a rule reads in the list. */
export function delayLabel(d: RetryDelay): string {
  if (d === 'next_day') return 'next day';
  if (d >= 60 && d % 60 === 0) return `${d / 60} h`;
  return `${d} min`;
}
