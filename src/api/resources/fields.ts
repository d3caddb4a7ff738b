import { z } from 'zod';

/** Field validators shared by the admin resources. */
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
export const timezone = z.string().refine((v) => ZONES.has(v), { message: 'must be an IANA time zone such as Europe/London' });
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as GB');
export const name = z.string().trim().min(1, 'is required').max(200);
export const uuid = z.string().uuid({ message: 'must be a UUID' });
export const iso = (d: Date) => d.toISOString();
export const stamps = { disabled: z.boolean(), created_at: z.string(), updated_at: z.string() };

/**
 * Makes every field optional and adds `disabled`, for PATCH bodies. Create
 * defaults are removed first: a field left out of a PATCH must stay as it
 * is, never be reset to its default (zod applies defaults inside optional).
 */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  const noDefaults = Object.fromEntries(Object.entries(shape).map(([k, f]) =>
    [k, f instanceof z.ZodDefault ? (f.def.innerType as z.ZodType) : f])) as T;
  return z.object(noDefaults).partial().extend({ disabled: z.boolean().optional() }).strict();
}
