import { eq, and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { ROLES, sessions, teams, userClients, userTeams, users } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { canSeeAgentTeam, canSeeClient, visibleClientIds, type Scope } from '../access.js';
import { hashPassword } from '../auth/password.js';
import { toPublicUser } from '../auth/auth-service.js';
import { ApiErrors, validationError } from '../errors.js';
import { ADMIN, pageRows, type ResourceDef } from './resource.js';
import { loadLinks, mergeClientIds } from './client-links.js';
import { name, patchOf, stamps, uuid } from './fields.js';

const password = z.string().min(10, 'must be at least 10 characters').max(200);
const shape = {
  email: z.string().trim().toLowerCase().email('must be an email address').max(320),
  name,
  role: z.enum(ROLES),
  client_ids: z.array(uuid).max(500).default([]),
  /** Team confinement on top of the clients: only these teams' agents are the user's. Empty: every team. */
  team_ids: z.array(uuid).max(200).default([]),
};
const row = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), client_ids: z.array(z.string()), team_ids: z.array(z.string()), ...stamps });
type Row = z.infer<typeof row>;

/** A confined caller sees users confined within its own clients, never unconfined staff. */
function visibility(scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  const ids = [...scope.clientIds];
  if (ids.length === 0) return sql`false`;
  const inScope = sql.join(ids.map((i) => sql`${i}`), sql`, `);
  return and(
    sql`exists (select 1 from ${userClients} where ${userClients.userId} = ${users.id})`,
    sql`not exists (select 1 from ${userClients} where ${userClients.userId} = ${users.id} and ${userClients.clientId} not in (${inScope}))`,
  );
}

interface TeamLink { id: string; clientId: string | null }
/** A team the caller may see: horizontal or of one of their clients, and within their own teams if they have any. */
const teamVisible = (scope: Scope, t: TeamLink) => (t.clientId === null || canSeeClient(scope, t.clientId)) && canSeeAgentTeam(scope, t.id);

/** Each user's teams with the team's client (for visibility and checks): user id → teams. */
async function teamLinks(db: Db, userIds: string[]): Promise<Map<string, TeamLink[]>> {
  const map = new Map<string, TeamLink[]>();
  if (userIds.length === 0) return map;
  const rows = await db.select({ owner: userTeams.userId, id: teams.id, clientId: teams.clientId }).from(userTeams)
    .innerJoin(teams, eq(teams.id, userTeams.teamId)).where(inArray(userTeams.userId, userIds));
  for (const r of rows) map.set(r.owner, [...(map.get(r.owner) ?? []), { id: r.id, clientId: r.clientId }]);
  return map;
}

async function rowsWithClients(db: Db, scope: Scope, list: (typeof users.$inferSelect)[]): Promise<Row[]> {
  if (list.length === 0) return [];
  const ids = list.map((u) => u.id);
  const links = await loadLinks(db.select({ owner: userClients.userId, clientId: userClients.clientId }).from(userClients).where(inArray(userClients.userId, ids)));
  const teamsOf = await teamLinks(db, ids);
  return list.map((u) => ({ ...toPublicUser(u, { clientIds: visibleClientIds(scope, links.get(u.id) ?? []),
    teamIds: (teamsOf.get(u.id) ?? []).filter((t) => teamVisible(scope, t)).map((t) => t.id) }) }));
}

/**
 * Like mergeClientIds for teams: every requested team must exist and be
 * visible to the caller, else 404 naming the field (existence is not
 * leaked); stored teams the caller cannot see are kept.
 */
async function mergeTeams(db: Db, scope: Scope, requested: string[], current: TeamLink[]): Promise<TeamLink[]> {
  const wanted = [...new Set(requested)];
  const found = new Map((wanted.length ? await db.select({ id: teams.id, clientId: teams.clientId }).from(teams).where(inArray(teams.id, wanted)) : [])
    .map((t) => [t.id, t]));
  const bad = wanted.findIndex((id) => !found.has(id) || !teamVisible(scope, found.get(id)!));
  if (bad >= 0) throw ApiErrors.create('NOT_FOUND', { field: 'team_ids' }, `team_ids.${bad}: team not found`);
  return [...wanted.map((id) => found.get(id)!), ...current.filter((t) => !teamVisible(scope, t))];
}

function checkConfinement(role: string, clientIds: string[], teamList: TeamLink[]): void {
  if (role === 'admin' && clientIds.length) throw validationError([{ path: 'client_ids', message: 'an admin sees every client: leave empty' }]);
  if (role === 'client_viewer' && !clientIds.length) throw validationError([{ path: 'client_ids', message: 'a client viewer must be given at least one client' }]);
  if (role === 'admin' && teamList.length) throw validationError([{ path: 'team_ids', message: 'an admin sees every team: leave empty' }]);
  // A team dedicated to a client the user is not confined to would show them nobody: refuse it rather than confuse.
  const outside = clientIds.length ? teamList.findIndex((t) => t.clientId !== null && !clientIds.includes(t.clientId)) : -1;
  if (outside >= 0) throw validationError([{ path: `team_ids.${outside}`, message: 'this team works for a client the user is not confined to' }]);
}

async function setLinks(db: Db, userId: string, ids: string[] | undefined, teamIds: string[] | undefined): Promise<void> {
  if (ids) {
    await db.delete(userClients).where(eq(userClients.userId, userId));
    if (ids.length) await db.insert(userClients).values(ids.map((clientId) => ({ userId, clientId })));
  }
  if (teamIds) {
    await db.delete(userTeams).where(eq(userTeams.userId, userId));
    if (teamIds.length) await db.insert(userTeams).values(teamIds.map((teamId) => ({ userId, teamId })));
  }
}

type Create = z.infer<z.ZodObject<typeof shape>> & { password: string };
type Patch = z.infer<ReturnType<typeof patchOf<typeof shape>>> & { password?: string };

export const usersResource: ResourceDef<Row, Create, Patch> = {
  path: 'users', entity: 'user', clientScope: 'entity', row,
  create: z.object({ ...shape, password }).strict(), patch: patchOf({ ...shape, password }),
  readRoles: ['admin', 'supervisor'], writeRoles: ADMIN,
  clientOf: (r) => r.client_ids[0] ?? null,
  list: ({ db, caller }, q) => pageRows(db, users, [visibility(caller.scope)], [users.name, users.email], q, users.disabled,
    async (w) => rowsWithClients(db, caller.scope, await db.select().from(users).where(w).orderBy(asc(users.name)).limit(q.limit).offset(q.offset))),
  async get({ db, caller }, id) {
    const list = await db.select().from(users).where(and(eq(users.id, id), visibility(caller.scope)));
    return (await rowsWithClients(db, caller.scope, list))[0];
  },
  async insert({ db, caller }, b) {
    const ids = await mergeClientIds(db, caller.scope, b.client_ids, []);
    const teamList = await mergeTeams(db, caller.scope, b.team_ids, []);
    checkConfinement(b.role, ids, teamList);
    const id = newId();
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ id, email: b.email, name: b.name, role: b.role, passwordHash: await hashPassword(b.password) });
      await setLinks(tx, id, ids, teamList.map((t) => t.id));
    });
    return (await usersResource.get({ db, caller }, id))!;
  },
  async update({ db, caller }, id, p, before) {
    // `before` shows only the clients and teams the caller may see; merge against the stored lists.
    // A PATCH without client_ids / team_ids keeps them (patchOf drops the create defaults).
    const stored = (await db.select({ c: userClients.clientId }).from(userClients).where(eq(userClients.userId, id))).map((r) => r.c);
    const ids = p.client_ids ? await mergeClientIds(db, caller.scope, p.client_ids, stored) : stored;
    const storedTeams = (await teamLinks(db, [id])).get(id) ?? [];
    const teamList = p.team_ids ? await mergeTeams(db, caller.scope, p.team_ids, storedTeams) : storedTeams;
    checkConfinement(p.role ?? before.role, ids, teamList);
    const passwordHash = p.password ? await hashPassword(p.password) : undefined;
    await db.transaction(async (tx) => {
      await tx.update(users).set({ email: p.email, name: p.name, role: p.role, disabled: p.disabled, passwordHash, updatedAt: new Date() }).where(eq(users.id, id));
      // The new confinement applies from the user's next request: sessions cache no scope (AuthService.confinementOf).
      await setLinks(tx, id, p.client_ids ? ids : undefined, p.team_ids ? teamList.map((t) => t.id) : undefined);
      // A new password or a disabled account ends every open session of that user.
      if (p.password || p.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    });
    return (await usersResource.get({ db, caller }, id))!;
  },
};
