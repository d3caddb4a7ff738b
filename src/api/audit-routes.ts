import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { count, desc } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { auditLog } from '../store/schema.js';
import { requireRole } from './access.js';
import { callerOf } from './auth/auth-plugin.js';

const entry = z.object({
  id: z.number(), at: z.string(), actor_user_id: z.string().nullable(), actor_email: z.string().nullable(), action: z.string(),
  entity: z.string(), entity_id: z.string().nullable(), client_id: z.string().nullable(), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(),
});

/** The audit log: admins only (admins are never confined to clients). */
export const auditRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.withTypeProvider<ZodTypeProvider>().get('/audit', {
    schema: { tags: ['audit'], 'x-client-scope': 'admin-only', summary: 'Who changed what, newest first',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      response: { 200: z.object({ items: z.array(entry), total: z.number(), limit: z.number(), offset: z.number() }) } },
  }, async (req) => {
    requireRole(callerOf(req), ['admin']);
    const [{ n }] = await db.select({ n: count() }).from(auditLog);
    const rows = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(req.query.limit).offset(req.query.offset);
    return {
      items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor_user_id: r.actorUserId, actor_email: r.actorEmail, action: r.action,
        entity: r.entity, entity_id: r.entityId, client_id: r.clientId, before: r.before, after: r.after, ip: r.ip })),
      total: n, limit: req.query.limit, offset: req.query.offset,
    };
  });
};
