import { eq, and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { hash } from '../../sip/auth/digest.js';
import { agentClients, agentSkills, agents, skills } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { agentTeamCondition, canSeeAgentTeam, visibleClientIds, type Scope } from '../access.js';
import { ApiErrors, validationError } from '../errors.js';
import { pageRows, STAFF, type ResourceDef } from './resource.js';
import { loadLinks, mergeClientIds } from './client-links.js';
import { iso, name, patchOf, stamps, uuid } from './fields.js';

const capacity = z.object({
  voice: z.number().int().min(0).max(1),
  chat: z.number().int().min(0).max(10),
  callback: z.number().int().min(0).max(5),
  work_item: z.number().int().min(0).max(20),
});
const DEFAULT_CAPACITY = { voice: 1, chat: 3, callback: 1, work_item: 1 };
const agentSkill = z.object({ skill_id: uuid, level: z.number().int().min(1, 'must be 1-10').max(10, 'must be 1-10') });
const shape = {
  name,
  user_id: uuid.nullable().optional(),
  extension: z.string().regex(/^[0-9]{2,8}$/, 'must be 2-8 digits'),
  team_id: uuid.nullable().optional(),
  site_id: uuid.nullable().optional(),
  client_ids: z.array(uuid).max(200).default([]),
  skills: z.array(agentSkill).max(100).default([]),
  capacity: capacity.default(DEFAULT_CAPACITY),
  /** Write-only: the password of the agent's SIP phone (user = extension). null: the extension can no longer register. */
  sip_password: z.string().min(8, 'must be at least 8 characters').max(128).nullable().optional(),
};
const row = z.object({
  id: z.string(), name: z.string(), user_id: z.string().nullable(), extension: z.string(), team_id: z.string().nullable(),
  site_id: z.string().nullable(), client_ids: z.array(z.string()), skills: z.array(z.object({ skill_id: z.string(), level: z.number() })),
  capacity, sip_registered_secret: z.boolean(), ...stamps,
});
type Row = z.infer<typeof row>;

/**
 * An agent is visible to a confined caller when it serves at least one of
 * the caller's clients and, for a caller confined to teams, is in one of them.
 */
function visibility(scope: Scope): SQL | undefined {
  const team = agentTeamCondition(scope, agents.teamId);
  if (scope.all) return team;
  const ids = [...scope.clientIds];
  if (ids.length === 0) return sql`false`;
  return and(sql`exists (select 1 from ${agentClients} where ${agentClients.agentId} = ${agents.id} and ${inArray(agentClients.clientId, ids)})`, team);
}

/** A caller confined to teams may only put agents in their own teams (else the agent would vanish from their sight). */
function assertOwnTeam(scope: Scope, teamId: string | null | undefined): void {
  if (canSeeAgentTeam(scope, teamId)) return;
  if (teamId == null) throw validationError([{ path: 'team_id', message: 'choose one of your teams' }]);
  throw ApiErrors.create('NOT_FOUND', { field: 'team_id' }, 'team_id: team not found');
}

async function withLinks(db: Db, scope: Scope, list: (typeof agents.$inferSelect)[]): Promise<Row[]> {
  if (list.length === 0) return [];
  const ids = list.map((a) => a.id);
  const links = await loadLinks(db.select({ owner: agentClients.agentId, clientId: agentClients.clientId }).from(agentClients).where(inArray(agentClients.agentId, ids)));
  const sk = await db.select().from(agentSkills).where(inArray(agentSkills.agentId, ids));
  return list.map((a) => ({
    id: a.id, name: a.name, user_id: a.userId, extension: a.extension, team_id: a.teamId, site_id: a.siteId,
    client_ids: visibleClientIds(scope, links.get(a.id) ?? []),
    skills: sk.filter((s) => s.agentId === a.id).map((s) => ({ skill_id: s.skillId, level: s.level })),
    capacity: { ...DEFAULT_CAPACITY, ...a.capacity }, sip_registered_secret: a.sipHa1 !== null, disabled: a.disabled, created_at: iso(a.createdAt), updated_at: iso(a.updatedAt),
  }));
}

async function writeLinks(db: Db, agentId: string, clientIds: string[] | undefined, list: { skill_id: string; level: number }[] | undefined): Promise<void> {
  if (clientIds) {
    await db.delete(agentClients).where(eq(agentClients.agentId, agentId));
    if (clientIds.length) await db.insert(agentClients).values(clientIds.map((clientId) => ({ agentId, clientId })));
  }
  if (list) {
    const ids = [...new Set(list.map((s) => s.skill_id))];
    if (ids.length !== list.length) throw validationError([{ path: 'skills', message: 'a skill is listed twice' }]);
    const found = new Set((ids.length ? await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, ids)) : []).map((r) => r.id));
    const bad = list.findIndex((s) => !found.has(s.skill_id));
    if (bad >= 0) throw validationError([{ path: `skills.${bad}.skill_id`, message: 'no such skill' }]);
    await db.delete(agentSkills).where(eq(agentSkills.agentId, agentId));
    if (list.length) await db.insert(agentSkills).values(list.map((s) => ({ agentId, skillId: s.skill_id, level: s.level })));
  }
}

type Create = z.infer<z.ZodObject<typeof shape>>;
type Patch = z.infer<ReturnType<typeof patchOf<typeof shape>>>;

export type SipHa1 = { MD5: string; 'SHA-256': string };
export const DEFAULT_SIP_REALM = 'switchboard';

/** Digest HA1 = H(extension:realm:password) for each algorithm phones use (RFC 2617, RFC 8760): what the registrar checks, never the password. */
export function sipHa1(extension: string, realm: string, password: string): SipHa1 {
  const a1 = `${extension}:${realm}:${password}`;
  return { MD5: hash('MD5', a1), 'SHA-256': hash('SHA-256', a1) };
}

/**
 * Agents, with their SIP phone credentials: `sip_password` is write-only and
 * stored as HA1 for `sipRealm` (the SIP_REALM setting); rows say only
 * `sip_registered_secret`, never the hash. HA1 includes the user name (the
 * extension), so when the extension changes without a new sip_password in
 * the same request the secret is cleared: the phone needs a new password.
 */
export function agentsResourceFor(sipRealm: string): ResourceDef<Row, Create, Patch> {
  const def: ResourceDef<Row, Create, Patch> = {
    path: 'agents', entity: 'agent', clientScope: 'entity', row,
    create: z.object(shape).strict(), patch: patchOf(shape), readRoles: STAFF, writeRoles: ['admin', 'supervisor'],
    clientOf: (r) => r.client_ids[0] ?? null,
    list: ({ db, caller }, q) => pageRows(db, agents, [visibility(caller.scope)], [agents.name, agents.extension], q, agents.disabled,
      async (w) => withLinks(db, caller.scope, await db.select().from(agents).where(w).orderBy(asc(agents.name)).limit(q.limit).offset(q.offset))),
    async get({ db, caller }, id) {
      return (await withLinks(db, caller.scope, await db.select().from(agents).where(and(eq(agents.id, id), visibility(caller.scope)))))[0];
    },
    async insert({ db, caller }, b) {
      const clientIds = await mergeClientIds(db, caller.scope, b.client_ids, []);
      if (!caller.scope.all && clientIds.length === 0) throw validationError([{ path: 'client_ids', message: 'choose at least one of your clients' }]);
      assertOwnTeam(caller.scope, b.team_id);
      const id = newId();
      await db.transaction(async (tx) => {
        await tx.insert(agents).values({ id, name: b.name, userId: b.user_id ?? null, extension: b.extension, teamId: b.team_id ?? null, siteId: b.site_id ?? null,
          capacity: b.capacity, sipHa1: b.sip_password ? sipHa1(b.extension, sipRealm, b.sip_password) : null });
        await writeLinks(tx, id, clientIds, b.skills);
      });
      return (await def.get({ db, caller }, id))!;
    },
    async update({ db, caller }, id, p, before) {
      // `before` shows only the clients the caller may see; merge against the stored list.
      const stored = (await db.select({ c: agentClients.clientId }).from(agentClients).where(eq(agentClients.agentId, id))).map((r) => r.c);
      const clientIds = p.client_ids ? await mergeClientIds(db, caller.scope, p.client_ids, stored) : undefined;
      if (p.team_id !== undefined) assertOwnTeam(caller.scope, p.team_id);
      const extension = p.extension ?? before.extension;
      const ha1 = p.sip_password === undefined ? (extension !== before.extension ? null : undefined)
        : p.sip_password === null ? null : sipHa1(extension, sipRealm, p.sip_password);
      await db.transaction(async (tx) => {
        await tx.update(agents).set({ name: p.name, userId: p.user_id, extension: p.extension, teamId: p.team_id, siteId: p.site_id,
          capacity: p.capacity, sipHa1: ha1, disabled: p.disabled, updatedAt: new Date() }).where(eq(agents.id, id));
        await writeLinks(tx, id, clientIds, p.skills);
      });
      return (await def.get({ db, caller }, id))!;
    },
  };
  return def;
}

/** For reads (routing, wallboard); the server registers agentsResourceFor(config.SIP_REALM). */
export const agentsResource = agentsResourceFor(DEFAULT_SIP_REALM);
