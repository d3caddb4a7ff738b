import { z } from 'zod';
import { hoursState, isTimeZone, WEEKDAYS } from '../business-hours.js';
import { stepId } from '../schema-parts.js';
import { refs, type VerbDefinition } from '../verb.js';

const clock = z.string({ error: 'must be a time "HH:MM"' })
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time of day "HH:MM" (00:00-24:00)');
const range = z.tuple([clock, clock], { error: 'must be a range ["HH:MM", "HH:MM"]' });
const date = z.string({ error: 'must be a date "YYYY-MM-DD"' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date "YYYY-MM-DD"');

const schema = z.object({
  /**
   * The IANA zone, e.g. "America/Chicago". With `weekly`, the schedule is
   * the flow's own; without both, the client's business hours and holidays
   * (admin pages) apply, in the client's zone.
   */
  time_zone: z.string({ error: 'must be an IANA time zone' }).refine(isTimeZone, 'must be an IANA time zone such as "Europe/London"').optional(),
  weekly: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(range).optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<z.ZodArray<typeof range>>>).strict().optional(),
  holidays: z.array(z.union([date, z.object({ date, name: z.string().optional() }).strict()], { error: 'must be a date "YYYY-MM-DD" or { date, name }' })).default([]),
  open: stepId.optional(),
  closed: stepId,
  /** Without it, holidays take the closed branch. */
  holiday: stepId.optional(),
}).strict().refine((c) => (c.time_zone === undefined) === (c.weekly === undefined),
  { message: 'give time_zone and weekly together, or neither (the client\'s business hours)', path: ['weekly'] });
export type HoursConfig = z.infer<typeof schema>;

/** `hours`: open / closed / holiday branches from a weekly schedule in the client's time zone. */
export const hoursVerb: VerbDefinition<HoursConfig> = {
  name: 'hours',
  schema,
  waitsForCaller: false,
  media: false,
  branches: (c) => refs([['open'], c.open], [['closed'], c.closed], [['holiday'], c.holiday]),
  fallsThrough: (c) => c.open === undefined,
  async exec(c, ctx) {
    const own = c.time_zone !== undefined && c.weekly !== undefined
      ? { timeZone: c.time_zone, weekly: c.weekly, holidays: c.holidays.map((h) => (typeof h === 'string' ? h : h.date)) }
      : undefined;
    const hours = own ?? ctx.call.businessHours();
    // A client without business hours is never shut out by a flow that relies on them.
    if (hours === undefined) return { next: c.open, outcome: 'open (no business hours set)' };
    const state = hoursState(own === undefined ? { ...hours, holidays: [...hours.holidays, ...c.holidays.map((h) => (typeof h === 'string' ? h : h.date))] } : hours, ctx.call.now());
    ctx.vars.set('hours', state);
    if (state === 'open') return { next: c.open, outcome: 'open' };
    if (state === 'holiday') return { next: c.holiday ?? c.closed, outcome: 'holiday' };
    return { next: c.closed, outcome: 'closed' };
  },
};
