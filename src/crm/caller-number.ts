import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The caller's number as the screen pop matches it: E.164, reading a
 * national number ("020 7946 0958", "5125550134") in the client's country.
 * Matching is lenient on purpose (a *possible* number, not one the numbering
 * plan knows is assigned): a test line or a new range must still find its
 * customer, while "anonymous", an extension ("1001") or a SIP name does not
 * match anyone and creates no customer.
 */
export function callerE164(raw: string | null | undefined, defaultCountry: string | null | undefined): string | null {
  if (!raw) return null;
  // A URI or a display form may arrive: keep the user part, drop visual separators.
  const user = raw.trim().replace(/^<?(?:sips?|tel):/i, '').replace(/[@;>].*$/, '');
  if (!/^\+?[\d\s().\-/]{4,30}$/.test(user)) return null;
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  // A number without '+' but with the country calling code (e.g. 15125550134) is read as national first, then as international.
  const parsed = parsePhoneNumberFromString(user, { defaultCountry: country, extract: false })
    ?? (user.startsWith('+') ? undefined : parsePhoneNumberFromString(`+${user}`, { extract: false }));
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** Normalises numbers typed into a customer record; names the first bad one. */
export function normaliseCustomerPhones(list: readonly string[], defaultCountry: string | null | undefined): { ok: true; phones: string[] } | { ok: false; index: number } {
  const out: string[] = [];
  for (const [i, raw] of list.entries()) {
    const e164 = callerE164(raw, defaultCountry);
    if (e164 === null) return { ok: false, index: i };
    if (!out.includes(e164)) out.push(e164);
  }
  return { ok: true, phones: out };
}
