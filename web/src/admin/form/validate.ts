/** Field name (or dotted path) → message. Empty object means valid. */
export type FieldErrors = Record<string, string>;

export const isBlank = (v: string): boolean => v.trim().length === 0;

/** Adds "Required" for every named field that is blank. */
export function requireFields<D extends object>(draft: D, fields: (keyof D & string)[], errors: FieldErrors): void {
  for (const f of fields) {
    const v = draft[f];
    if (typeof v === 'string' ? isBlank(v) : v === null || v === undefined) errors[f] ??= 'Required';
  }
}

/** Parses a whole number within [min, max]; returns an error message or the number. */
export function parseIntInRange(text: string, min: number, max: number): number | string {
  if (isBlank(text)) return 'Required';
  const n = Number(text);
  if (!Number.isInteger(n)) return 'Enter a whole number';
  if (n < min || n > max) return max === Number.MAX_SAFE_INTEGER ? `Must be at least ${min}` : `Must be between ${min} and ${max}`;
  return n;
}

/** Checks a whole-number field and records its error; returns the number or null. */
export function checkInt(errors: FieldErrors, field: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  const r = parseIntInRange(text, min, max);
  if (typeof r === 'string') {
    errors[field] ??= r;
    return null;
  }
  return r;
}

/** ISO 3166-1 alpha-2: two letters (case is normalised on submit). */
export const isCountryCode = (v: string): boolean => /^[A-Za-z]{2}$/.test(v.trim());

export const isEmail = (v: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

/** Every IANA zone this browser knows; empty if the API is missing (old engines). */
export function knownTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** Validates an IANA zone by asking the engine to use it (covers aliases such as "UTC"). */
export function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v.trim() });
    return !isBlank(v);
  } catch {
    return false;
  }
}
