import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DemoMode } from '../routing/service/demo-mode.js';
import { requireRole, roleFirst } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import type { AuditLog } from './audit.js';

const state = z.object({ enabled: z.boolean(), stats: z.record(z.string(), z.number()).nullable() });

/** The demo-traffic switch of the admin UI. */
export const demoRoutes: FastifyPluginAsync<{ demo: DemoMode; audit: AuditLog }> = async (app, { demo, audit }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const meta = { tags: ['demo'], 'x-client-scope': 'admin-only' } as const;
  r.get('/demo-mode', { schema: { ...meta, summary: 'Is simulated demo traffic running?', response: { 200: state } } }, async (req) => {
    requireRole(callerOf(req), ['admin']);
    return { enabled: demo.running, stats: demo.stats() as Record<string, number> | null };
  });
  r.post('/demo-mode', { preValidation: roleFirst(['admin']), schema: { ...meta, summary: 'Start or stop simulated demo traffic', body: z.object({ enabled: z.boolean() }).strict(), response: { 200: state } } }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, ['admin']);
    const before = demo.running;
    await demo.set(req.body.enabled);
    await audit.record({ action: 'demo_mode.set', entity: 'setting', entityId: 'demo.traffic', actor: caller, before: { enabled: before }, after: { enabled: demo.running } });
    return { enabled: demo.running, stats: demo.stats() as Record<string, number> | null };
  });
};
