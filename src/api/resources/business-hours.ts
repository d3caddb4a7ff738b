import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { hoursVerb } from '../../calls/flows/verbs/hours.js';
import { WEEKDAYS } from '../../calls/flows/business-hours.js';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../store/database.js';
import { businessHours, clients, type Holiday, type WeeklyHours } from '../../store/schema.js';
import { assertClientVisible, clientCondition } from '../access.js';
import { ApiErrors, validationError } from '../errors.js';
import { ADMIN, pageRows, STAFF, type ResourceDef } from './resource.js';
import { iso, patchOf, stamps, uuid } from './fields.js';

const range = z.tuple([z.string(), z.string()]);
const weekly = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(range).max(10).optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<z.ZodArray<typeof range>>>).strict();
const holiday = z.object({ date: z.string(), name: z.string().trim().max(200).nullable().optional() }).strict();
const editable = {
  /** { mon: [["09:00", "17:30"]], ... } in the client's time zone; an end at or before the start runs past midnight. */
  weekly,
  holidays: z.array(holiday).max(366).default([]),
};
/** One row per client: client_id is set once. */
const shape = { client_id: uuid, ...editable };
const row = z.object({
  id: z.string(), client_id: z.string(), weekly: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  holidays: z.array(z.object({ date: z.string(), name: z.string().optional() })), ...stamps,
});
type Row = z.infer<typeof row>;
type Create = z.infer<z.ZodObject<typeof shape>>;
type Patch = z.infer<ReturnType<typeof patchOf<typeof editable>>>;

const toRow = (b: typeof businessHours.$inferSelect): Row => ({
  id: b.id, client_id: b.clientId, weekly: b.weekly as Row['weekly'], holidays: b.holidays.map((h) => (h.name ? { date: h.date, name: h.name } : { date: h.date })),
  disabled: b.disabled, created_at: iso(b.createdAt), updated_at: iso(b.updatedAt),
});

/**
 * The rules are the `hours` verb's own (times "HH:MM" 00:00-24:00, dates
 * "YYYY-MM-DD"): its schema checks them here, so a schedule saved here
 * always reads the same in a flow. Paths come back as `weekly.mon.0.1`.
 */
function checkHours(timeZone: string, w: z.infer<typeof weekly>, holidays: z.infer<typeof holiday>[]): { weekly: WeeklyHours; holidays: Holiday[] } {
  const hs = holidays.map((h) => (h.name ? { date: h.date, name: h.name } : { date: h.date }));
  const parsed = hoursVerb.schema.safeParse({ time_zone: timeZone, weekly: w, holidays: hs.map((h) => h.date), closed: 'closed' });
  if (!parsed.success) {
    throw validationError(parsed.error.issues.map((i) => ({ path: [...i.path, ...(i.path[0] === 'holidays' ? ['date'] : [])].join('.'), message: i.message })));
  }
  const dates = hs.map((h) => h.date);
  const twice = dates.findIndex((d, i) => dates.indexOf(d) !== i);
  if (twice >= 0) throw validationError([{ path: `holidays.${twice}.date`, message: `${dates[twice]} is listed twice` }]);
  return { weekly: w, holidays: [...hs].sort((a, b) => a.date.localeCompare(b.date)) };
}

async function clientZone(db: Db, clientId: string): Promise<string> {
  const [c] = await db.select({ timezone: clients.timezone }).from(clients).where(eq(clients.id, clientId));
  if (!c) throw validationError([{ path: 'client_id', message: 'no such client' }]);
  return c.timezone;
}

/** A client's opening hours and holidays, in the client's time zone: the `hours` verb's default and the after-hours branch's source. */
export const businessHoursResource: ResourceDef<Row, Create, Patch> = {
  path: 'business-hours', entity: 'business_hours', clientScope: 'entity', row,
  create: z.object(shape).strict(), patch: patchOf(editable), readRoles: STAFF, writeRoles: ADMIN,
  clientOf: (r) => r.client_id,
  list: ({ db, caller }, q) => pageRows(db, businessHours, [clientCondition(caller.scope, businessHours.clientId)], [], q, businessHours.disabled,
    async (w) => (await db.select().from(businessHours).where(w).orderBy(asc(businessHours.createdAt)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db, caller }, id) {
    const [b] = await db.select().from(businessHours).where(and(eq(businessHours.id, id), clientCondition(caller.scope, businessHours.clientId)));
    return b && toRow(b);
  },
  async insert({ db, caller }, b) {
    assertClientVisible(caller.scope, b.client_id);
    const checked = checkHours(await clientZone(db, b.client_id), b.weekly, b.holidays);
    const [existing] = await db.select({ id: businessHours.id }).from(businessHours).where(eq(businessHours.clientId, b.client_id));
    if (existing) throw ApiErrors.create('CONFLICT', { field: 'client_id', id: existing.id }, `client_id: this client already has business hours; change them with PATCH /business-hours/${existing.id}`);
    const [r] = await db.insert(businessHours).values({ id: newId(), clientId: b.client_id, ...checked }).returning();
    return toRow(r);
  },
  async update({ db }, id, p, before) {
    const checked = p.weekly === undefined && p.holidays === undefined ? undefined
      : checkHours(await clientZone(db, before.client_id), p.weekly ?? before.weekly, p.holidays ?? before.holidays);
    const [r] = await db.update(businessHours).set({ ...checked, disabled: p.disabled, updatedAt: new Date() }).where(eq(businessHours.id, id)).returning();
    return toRow(r);
  },
};
