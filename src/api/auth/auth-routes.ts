import type {} from '@fastify/cookie';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrors } from '../errors.js';
import { callerOf } from './auth-plugin.js';
import { SESSION_COOKIE, toPublicUser, type AuthService } from './auth-service.js';
import type { AuditLog } from '../audit.js';
import { requireRole } from '../access.js';
import { apiKeys, users } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { and, desc, eq, isNull } from 'drizzle-orm';

const userSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: z.string(), client_ids: z.array(z.string()), team_ids: z.array(z.string()),
  disabled: z.boolean(), created_at: z.string(), updated_at: z.string(),
});
const sessionBody = z.object({ user: userSchema, csrf_token: z.string() });

export interface AuthRoutesDeps { auth: AuthService; audit: AuditLog; db: Db; secureCookie: boolean }

/** /api/v1/auth: login, logout, who am I; /api/v1/api-keys: keys for integrations. */
export const authRoutes: FastifyPluginAsync<AuthRoutesDeps> = async (app, { auth, audit, db, secureCookie }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const shared = { 'x-client-scope': 'shared', tags: ['auth'] } as const;

  r.post('/auth/login', {
    config: { auth: 'public' },
    schema: { ...shared, summary: 'Log in with email and password; sets the session cookie',
      body: z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) }),
      response: { 200: sessionBody } },
  }, async (req, reply) => {
    const s = await auth.login(req.body.email, req.body.password, req.ip, req.headers['user-agent']);
    void reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie, maxAge: 12 * 3600 });
    return { user: s.user, csrf_token: s.csrfToken };
  });

  r.get('/auth/me', { schema: { ...shared, summary: 'The logged-in user', response: { 200: sessionBody } } }, async (req) => {
    const caller = callerOf(req);
    // An API key has no session, hence no CSRF token (it needs none).
    const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
    return { user: toPublicUser(user, await auth.confinementOf(caller.userId)), csrf_token: req.csrfToken ?? '' };
  });

  r.post('/auth/logout', { schema: { ...shared, summary: 'End the session' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await auth.logout(token);
    await audit.record({ action: 'auth.logout', entity: 'user', entityId: callerOf(req).userId, actor: callerOf(req) });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  /** `owner`: the user the key acts as (admins list everyone's keys). */
  const keyRow = z.object({ id: z.string(), name: z.string(), prefix: z.string(), created_at: z.string(), last_used_at: z.string().nullable(),
    owner: z.object({ id: z.string(), email: z.string(), name: z.string() }) });

  r.get('/api-keys', { schema: { ...shared, tags: ['api-keys'], summary: 'Your API keys (admins: all)', response: { 200: z.object({ items: z.array(keyRow) }) } } }, async (req) => {
    const caller = callerOf(req);
    const where = caller.role === 'admin' ? isNull(apiKeys.revokedAt) : and(isNull(apiKeys.revokedAt), eq(apiKeys.userId, caller.userId));
    const rows = await db.select({ k: apiKeys, u: { id: users.id, email: users.email, name: users.name } }).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId))
      .where(where).orderBy(desc(apiKeys.createdAt)).limit(500);
    return { items: rows.map(({ k, u }) => ({ id: k.id, name: k.name, prefix: k.prefix, created_at: k.createdAt.toISOString(), last_used_at: k.lastUsedAt?.toISOString() ?? null, owner: u })) };
  });

  r.post('/api-keys', {
    schema: { ...shared, tags: ['api-keys'], summary: 'Create an API key acting as you; the key is shown once',
      body: z.object({ name: z.string().trim().min(1).max(100) }), response: { 201: z.object({ id: z.string(), name: z.string(), key: z.string() }) } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    requireRole(caller, ['admin', 'supervisor', 'planner', 'qa']);
    const k = await auth.createApiKey(caller.userId, req.body.name);
    await audit.record({ action: 'api_key.create', entity: 'api_key', entityId: k.id, actor: caller, after: { name: req.body.name, prefix: k.prefix } });
    return reply.code(201).send({ id: k.id, name: req.body.name, key: k.key });
  });

  r.delete('/api-keys/:id', { schema: { ...shared, tags: ['api-keys'], summary: 'Revoke an API key', params: z.object({ id: z.string().uuid() }) } }, async (req, reply) => {
    const caller = callerOf(req);
    const cond = caller.role === 'admin' ? eq(apiKeys.id, req.params.id) : and(eq(apiKeys.id, req.params.id), eq(apiKeys.userId, caller.userId));
    const done = await db.update(apiKeys).set({ revokedAt: new Date() }).where(and(cond, isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
    if (done.length === 0) throw ApiErrors.create('NOT_FOUND');
    await audit.record({ action: 'api_key.revoke', entity: 'api_key', entityId: req.params.id, actor: caller });
    return reply.code(204).send();
  });
};
