import { eq, and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { ROLES, sessions, userClients, users } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { visibleClientIds, type Scope } from '../access.js';
import { hashPassword } from '../auth/password.js';
import { toPublicUser } from '../auth/auth-service.js';
import { validationError } from '../errors.js';
import { ADMIN, pageRows, type ResourceDef } from './resource.js';
import { loadLinks, mergeClientIds } from './client-links.js';
import { name, patchOf, stamps, uuid } from './fields.js';

const password = z.string().min(10, 'must be at least 10 characters').max(200);
const shape = {
  email: z.string().trim().toLowerCase().email('must be an email address').max(320),
  name,
  role: z.enum(ROLES),
  client_ids: z.array(uuid).max(500).default([]),
};
const row = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), client_ids: z.array(z.string()), ...stamps });
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

async function rowsWithClients(db: Db, scope: Scope, list: (typeof users.$inferSelect)[]): Promise<Row[]> {
  if (list.length === 0) return [];
  const links = await loadLinks(db.select({ owner: userClients.userId, clientId: userClients.clientId }).from(userClients).where(inArray(userClients.userId, list.map((u) => u.id))));
  return list.map((u) => ({ ...toPublicUser(u, visibleClientIds(scope, links.get(u.id) ?? [])) }));
}

function checkRoleClients(role: string, clientIds: string[]): void {
  if (role === 'admin' && clientIds.length) throw validationError([{ path: 'client_ids', message: 'an admin sees every client: leave empty' }]);
  if (role === 'client_viewer' && !clientIds.length) throw validationError([{ path: 'client_ids', message: 'a client viewer must be given at least one client' }]);
}

async function setLinks(db: Db, userId: string, ids: string[]): Promise<void> {
  await db.delete(userClients).where(eq(userClients.userId, userId));
  if (ids.length) await db.insert(userClients).values(ids.map((clientId) => ({ userId, clientId })));
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
    checkRoleClients(b.role, ids);
    const id = newId();
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ id, email: b.email, name: b.name, role: b.role, passwordHash: await hashPassword(b.password) });
      await setLinks(tx, id, ids);
    });
    return (await usersResource.get({ db, caller }, id))!;
  },
  async update({ db, caller }, id, p, before) {
    // `before` shows only the clients the caller may see; merge against the stored list.
    const stored = (await db.select({ c: userClients.clientId }).from(userClients).where(eq(userClients.userId, id))).map((r) => r.c);
    const ids = p.client_ids ? await mergeClientIds(db, caller.scope, p.client_ids, stored) : stored;
    checkRoleClients(p.role ?? before.role, ids);
    const passwordHash = p.password ? await hashPassword(p.password) : undefined;
    await db.transaction(async (tx) => {
      await tx.update(users).set({ email: p.email, name: p.name, role: p.role, disabled: p.disabled, passwordHash, updatedAt: new Date() }).where(eq(users.id, id));
      if (p.client_ids) await setLinks(tx, id, ids);
      // A new password or a disabled account ends every open session of that user.
      if (p.password || p.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    });
    return (await usersResource.get({ db, caller }, id))!;
  },
};
