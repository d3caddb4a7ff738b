import { eq, and, asc } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { teams } from '../../store/schema.js';
import { agentTeamCondition, assertClientVisible, clientOrSharedCondition } from '../access.js';
import { ADMIN, STAFF, pageRows, type ResourceDef } from './resource.js';
import { iso, name, patchOf, stamps, uuid } from './fields.js';

const shape = { name, site_id: uuid, client_id: uuid.nullable().optional() };
const row = z.object({ id: z.string(), name: z.string(), site_id: z.string(), client_id: z.string().nullable(), ...stamps });
type Row = z.infer<typeof row>;
const toRow = (t: typeof teams.$inferSelect): Row => ({ id: t.id, name: t.name, site_id: t.siteId, client_id: t.clientId,
  disabled: t.disabled, created_at: iso(t.createdAt), updated_at: iso(t.updatedAt) });

/** Teams: horizontal (no client, serves many) or dedicated to one client (vertical BPO). A team-confined supervisor sees only their teams. */
export const teamsResource: ResourceDef<Row, z.infer<z.ZodObject<typeof shape>>, z.infer<ReturnType<typeof patchOf<typeof shape>>>> = {
  path: 'teams', entity: 'team', clientScope: 'entity', row,
  create: z.object(shape).strict(), patch: patchOf(shape), readRoles: STAFF, writeRoles: ADMIN,
  clientOf: (r) => r.client_id,
  list: ({ db, caller }, q) => pageRows(db, teams, [clientOrSharedCondition(caller.scope, teams.clientId), agentTeamCondition(caller.scope, teams.id)], [teams.name], q, teams.disabled,
    async (w) => (await db.select().from(teams).where(w).orderBy(asc(teams.name)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db, caller }, id) {
    const [t] = await db.select().from(teams).where(and(eq(teams.id, id), clientOrSharedCondition(caller.scope, teams.clientId), agentTeamCondition(caller.scope, teams.id)));
    return t && toRow(t);
  },
  async insert({ db, caller }, b) {
    assertClientVisible(caller.scope, b.client_id);
    const [t] = await db.insert(teams).values({ id: newId(), name: b.name, siteId: b.site_id, clientId: b.client_id ?? null }).returning();
    return toRow(t);
  },
  async update({ db, caller }, id, p) {
    if (p.client_id !== undefined) assertClientVisible(caller.scope, p.client_id);
    const [t] = await db.update(teams).set({ name: p.name, siteId: p.site_id, clientId: p.client_id, disabled: p.disabled, updatedAt: new Date() })
      .where(eq(teams.id, id)).returning();
    return toRow(t);
  },
};
