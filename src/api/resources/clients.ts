import { eq, and, asc } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { clients } from '../../store/schema.js';
import { clientCondition } from '../access.js';
import { ADMIN, pageRows, type ResourceDef } from './resource.js';
import { country, iso, name, patchOf, stamps, timezone } from './fields.js';
import type { Role } from '../../store/schema.js';

const shape = {
  name,
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,20}$/, 'must be 2-20 letters, digits, - or _'),
  timezone,
  country: country.nullable().optional(),
};
const row = z.object({ id: z.string(), name: z.string(), code: z.string(), timezone: z.string(), country: z.string().nullable(), ...stamps });
type Row = z.infer<typeof row>;

const toRow = (c: typeof clients.$inferSelect): Row => ({ id: c.id, name: c.name, code: c.code, timezone: c.timezone, country: c.country,
  disabled: c.disabled, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt) });

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
    const [c] = await db.insert(clients).values({ id: newId(), name: b.name, code: b.code, timezone: b.timezone, country: b.country ?? null }).returning();
    return toRow(c);
  },
  async update({ db }, id, p) {
    const [c] = await db.update(clients).set({ ...p, updatedAt: new Date() }).where(eq(clients.id, id)).returning();
    return toRow(c);
  },
};
