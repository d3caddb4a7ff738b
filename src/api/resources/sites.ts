import { eq, asc } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { SITE_KINDS, sites } from '../../store/schema.js';
import { ADMIN, STAFF, pageRows, type ResourceDef } from './resource.js';
import { country, iso, name, patchOf, stamps, timezone } from './fields.js';

const shape = { name, timezone, country, kind: z.enum(SITE_KINDS).default('onshore') };
const row = z.object({ id: z.string(), name: z.string(), timezone: z.string(), country: z.string(), kind: z.enum(SITE_KINDS), ...stamps });
type Row = z.infer<typeof row>;
const toRow = (s: typeof sites.$inferSelect): Row => ({ id: s.id, name: s.name, timezone: s.timezone, country: s.country, kind: s.kind,
  disabled: s.disabled, created_at: iso(s.createdAt), updated_at: iso(s.updatedAt) });

/** Sites are the BPO's own premises, not client data: every staff member may read them. */
export const sitesResource: ResourceDef<Row, z.infer<z.ZodObject<typeof shape>>, z.infer<ReturnType<typeof patchOf<typeof shape>>>> = {
  path: 'sites', entity: 'site', clientScope: 'shared', row,
  create: z.object(shape).strict(), patch: patchOf(shape), readRoles: STAFF, writeRoles: ADMIN,
  list: ({ db }, q) => pageRows(db, sites, [], [sites.name, sites.country], q, sites.disabled,
    async (w) => (await db.select().from(sites).where(w).orderBy(asc(sites.name)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db }, id) {
    const [s] = await db.select().from(sites).where(eq(sites.id, id));
    return s && toRow(s);
  },
  async insert({ db }, b) {
    const [s] = await db.insert(sites).values({ id: newId(), ...b }).returning();
    return toRow(s);
  },
  async update({ db }, id, p) {
    const [s] = await db.update(sites).set({ ...p, updatedAt: new Date() }).where(eq(sites.id, id)).returning();
    return toRow(s);
  },
};
