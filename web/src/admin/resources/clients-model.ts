import type { Client } from '../../api/types.js';
import { isBlank, isCountryCode, isTimeZone, requireFields, type FieldErrors } from '../form/validate.js';

export interface ClientDraft {
  name: string;
  code: string;
  timezone: string;
  country: string;
}

export const clientDraft = (row: Client | null): ClientDraft => ({
  name: row?.name ?? '',
  code: row?.code ?? '',
  timezone: row?.timezone ?? '',
  country: row?.country ?? '',
});

export function validateClient(d: ClientDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name', 'code', 'timezone'], errors);
  if (!errors['code'] && /\s/.test(d.code.trim())) errors['code'] = 'No spaces: a short code such as ACME';
  if (!errors['timezone'] && !isTimeZone(d.timezone)) errors['timezone'] = 'Not a known IANA time zone';
  if (!isBlank(d.country) && !isCountryCode(d.country)) errors['country'] = 'Two letters (ISO 3166), e.g. US';
  return errors;
}

export function clientBody(d: ClientDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    code: d.code.trim().toUpperCase(),
    timezone: d.timezone.trim(),
  };
  if (!isBlank(d.country)) body['country'] = d.country.trim().toUpperCase();
  return body;
}
