import { eq, asc } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { skills } from '../../store/schema.js';
import { ADMIN, STAFF, pageRows, type ResourceDef } from './resource.js';
import { iso, name, patchOf, stamps } from './fields.js';

const shape = { name, description: z.string().max(1000).default('') };
const row = z.object({ id: z.string(), name: z.string(), description: z.string(), ...stamps });
type Row = z.infer<typeof row>;
const toRow = (s: typeof skills.$inferSelect): Row => ({ id: s.id, name: s.name, description: s.description,
  disabled: s.disabled, created_at: iso(s.createdAt), updated_at: iso(s.updatedAt) });

/** Skills are a shared catalogue (languages, products, tiers): not client data. */
export const skillsResource: ResourceDef<Row, z.infer<z.ZodObject<typeof shape>>, z.infer<ReturnType<typeof patchOf<typeof shape>>>> = {
  path: 'skills', entity: 'skill', clientScope: 'shared', row,
  create: z.object(shape).strict(), patch: patchOf(shape), readRoles: STAFF, writeRoles: ADMIN,
  list: ({ db }, q) => pageRows(db, skills, [], [skills.name], q, skills.disabled,
    async (w) => (await db.select().from(skills).where(w).orderBy(asc(skills.name)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db }, id) {
    const [s] = await db.select().from(skills).where(eq(skills.id, id));
    return s && toRow(s);
  },
  async insert({ db }, b) {
    const [s] = await db.insert(skills).values({ id: newId(), ...b }).returning();
    return toRow(s);
  },
  async update({ db }, id, p) {
    const [s] = await db.update(skills).set({ ...p, updatedAt: new Date() }).where(eq(skills.id, id)).returning();
    return toRow(s);
  },
};
