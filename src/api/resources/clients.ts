import { eq, and, asc } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../store/database.js';
import { clients, trunks, type DialPlan } from '../../store/schema.js';
import { clientCondition } from '../access.js';
import { validationError } from '../errors.js';
import { ADMIN, pageRows, type ResourceDef } from './resource.js';
import { country, iso, name, patchOf, stamps, timezone, uuid } from './fields.js';
import type { Role } from '../../store/schema.js';

const shape = {
  name,
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,20}$/, 'must be 2-20 letters, digits, - or _'),
  timezone,
  country: country.nullable().optional(),
  /** Record this client's calls (a queue's `recording` may override it). */
  record_calls: z.boolean().default(false),
  /** Where this client's flows and agents may dial out: E.164 prefixes, and the trunk used. */
  dial_plan: z.object({
    allowed_prefixes: z.array(z.string().trim().regex(/^\+[1-9][0-9]{0,14}$/, 'must be "+" and the leading digits of E.164 numbers, like +1 or +4420')).max(200),
    trunk_id: uuid.nullable().optional(),
  }).strict().default({ allowed_prefixes: [] }),
};
const row = z.object({
  id: z.string(), name: z.string(), code: z.string(), timezone: z.string(), country: z.string().nullable(), record_calls: z.boolean(),
  dial_plan: z.object({ allowed_prefixes: z.array(z.string()), trunk_id: z.string().nullable() }), ...stamps,
});
type Row = z.infer<typeof row>;

const toRow = (c: typeof clients.$inferSelect): Row => ({ id: c.id, name: c.name, code: c.code, timezone: c.timezone, country: c.country,
  record_calls: c.recordCalls, dial_plan: { allowed_prefixes: c.dialPlan.allowed_prefixes, trunk_id: c.dialPlan.trunk_id ?? null },
  disabled: c.disabled, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt) });

/** The dial plan's trunk must be the client's own or a shared one (a new client can only name a shared one). */
async function checkDialPlan(db: Db, clientId: string, plan: DialPlan | undefined): Promise<DialPlan | undefined> {
  if (!plan) return undefined;
  if (plan.trunk_id) {
    const [t] = await db.select({ clientId: trunks.clientId }).from(trunks).where(eq(trunks.id, plan.trunk_id));
    if (!t || (t.clientId !== null && t.clientId !== clientId)) throw validationError([{ path: 'dial_plan.trunk_id', message: 'no such trunk for this client (use its own or a shared one)' }]);
  }
  return { allowed_prefixes: [...new Set(plan.allowed_prefixes)], trunk_id: plan.trunk_id ?? null };
}

/** Every role may read the clients it is confined to (a client viewer sees its own). */
const EVERYONE: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'planner', 'client_viewer'];

export const clientsResource: ResourceDef<Row, z.infer<z.ZodObject<typeof shape>>, z.infer<ReturnType<typeof patchOf<typeof shape>>>> = {
  path: 'clients', entity: 'client', clientScope: 'entity', row,
  create: z.object(shape).strict(), patch: patchOf(shape),
  readRoles: EVERYONE, writeRoles: ADMIN,
  clientOf: (r) => r.id,
  list: ({ db, caller }, q) => pageRows(db, clients, [clientCondition(caller.scope, clients.id)], [clients.name, clients.code], q, clients.disabled,
    async (w) => (await db.select().from(clients).where(w).orderBy(asc(clients.name)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db, caller }, id) {
    const [c] = await db.select().from(clients).where(and(eq(clients.id, id), clientCondition(caller.scope, clients.id)));
    return c && toRow(c);
  },
  async insert({ db }, b) {
    const id = newId();
    const [c] = await db.insert(clients).values({ id, name: b.name, code: b.code, timezone: b.timezone, country: b.country ?? null,
      recordCalls: b.record_calls, dialPlan: await checkDialPlan(db, id, b.dial_plan) }).returning();
    return toRow(c);
  },
  async update({ db }, id, p) {
    const { record_calls: recordCalls, dial_plan: plan, ...rest } = p;
    const [c] = await db.update(clients).set({ ...rest, recordCalls, dialPlan: await checkDialPlan(db, id, plan), updatedAt: new Date() }).where(eq(clients.id, id)).returning();
    return toRow(c);
  },
};
