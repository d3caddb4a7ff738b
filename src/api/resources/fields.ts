import { z } from 'zod';

/** Field validators shared by the admin resources. */
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
export const timezone = z.string().refine((v) => ZONES.has(v), { message: 'must be an IANA time zone such as Europe/London' });
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as GB');
export const name = z.string().trim().min(1, 'is required').max(200);
export const uuid = z.string().uuid({ message: 'must be a UUID' });
export const iso = (d: Date) => d.toISOString();
export const stamps = { disabled: z.boolean(), created_at: z.string(), updated_at: z.string() };

/** Makes every field optional and adds `disabled`, for PATCH bodies. */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).partial().extend({ disabled: z.boolean().optional() }).strict();
}
