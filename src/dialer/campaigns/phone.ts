import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult =
  | { ok: true; e164: string; country: string | null }
  | { ok: false; code: 'missing_phone' | 'bad_phone'; reason: string };

/**
 * A number as written by a person or a spreadsheet ("(212) 555-0134",
 * "020 7946 0958", "+44 20...") → E.164, reading national formats in
 * `defaultCountry`. Only numbers valid in the numbering plan pass: a dialer
 * must not spend attempts on digits that cannot ring.
 */
export function normalisePhone(raw: string, defaultCountry: string): PhoneResult {
  const text = raw.trim();
  if (text === '') return { ok: false, code: 'missing_phone', reason: 'missing phone number' };
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: defaultCountry as CountryCode, extract: false });
  if (!parsed) return { ok: false, code: 'bad_phone', reason: `bad phone number "${text}": not a phone number` };
  if (!parsed.isValid()) return { ok: false, code: 'bad_phone', reason: `bad phone number "${text}": not a valid number${parsed.country ? ` in ${parsed.country}` : ''}` };
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}
