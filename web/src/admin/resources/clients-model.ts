import type { Client } from '../../api/types.js';
import { isBlank, isCountryCode, isTimeZone, requireFields, type FieldErrors } from '../form/validate.js';

export interface ClientDraft {
  name: string;
  code: string;
  timezone: string;
  country: string;
  record_calls: boolean;
  /** Dial plan: E.164 prefixes outbound calls may go to, and the trunk ('' = the default). */
  allowed_prefixes: string[];
  dial_trunk_id: string;
}

export const clientDraft = (row: Client | null): ClientDraft => ({
  name: row?.name ?? '',
  code: row?.code ?? '',
  timezone: row?.timezone ?? '',
  country: row?.country ?? '',
  record_calls: row?.record_calls ?? false,
  allowed_prefixes: row?.dial_plan?.allowed_prefixes ?? [],
  dial_trunk_id: row?.dial_plan?.trunk_id ?? '',
});

/** "+1", "+4420": a plus and 1–15 digits. */
export const prefixProblem = (p: string): string | null => (/^\+\d{1,15}$/.test(p) ? null : 'A prefix is + and digits, e.g. +1 or +4420');

export function validateClient(d: ClientDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name', 'code', 'timezone'], errors);
  if (!errors['code'] && /\s/.test(d.code.trim())) errors['code'] = 'No spaces: a short code such as ACME';
  if (!errors['timezone'] && !isTimeZone(d.timezone)) errors['timezone'] = 'Not a known IANA time zone';
  if (!isBlank(d.country) && !isCountryCode(d.country)) errors['country'] = 'Two letters (ISO 3166), e.g. US';
  const bad = d.allowed_prefixes.find((p) => prefixProblem(p) !== null);
  if (bad !== undefined) errors['dial_plan'] = `“${bad}”: ${prefixProblem(bad) ?? ''}`;
  return errors;
}

export function clientBody(d: ClientDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    code: d.code.trim().toUpperCase(),
    timezone: d.timezone.trim(),
    record_calls: d.record_calls,
    dial_plan: { allowed_prefixes: d.allowed_prefixes, trunk_id: d.dial_trunk_id === '' ? null : d.dial_trunk_id },
  };
  if (!isBlank(d.country)) body['country'] = d.country.trim().toUpperCase();
  return body;
}
