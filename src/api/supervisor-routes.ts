import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { interactions } from '../store/schema.js';
import type { RoutingService } from '../routing/service/routing-service.js';
import { clientCondition, requireRole, roleFirst, visibleFirst, type Caller } from './access.js';
import type { AuditLog } from './audit.js';
import { callerOf } from './auth/auth-plugin.js';
import { ApiErrors } from './errors.js';
import { agentsResource } from './resources/agents.js';
import { queuesResource } from './resources/queues.js';

const SUPERVISING = ['admin', 'supervisor'] as const;
const idParams = z.object({ id: z.string().uuid({ message: 'must be a UUID' }) });
const notFound = (what: string, field?: string) =>
  ApiErrors.create('NOT_FOUND', field ? { field } : { entity: what }, field ? `${field}: ${what} not found` : `${what} not found`);

/**
 * Supervisor actions from the wallboard: force an agent's state (available,
 * aux with a reason, or log out) and reassign a waiting interaction to
 * another queue or one agent. Admins and supervisors only, on agents and
 * interactions of clients they may see (others answer 404, as if absent,
 * whatever the caller's role: visibility is checked before the role);
 * every action is audited with the state before and after. Listen /
 * whisper / barge are the call routes' `/interactions/:id/call/monitor`.
 */
export const supervisorRoutes: FastifyPluginAsync<{ db: Db; routing: RoutingService; audit: AuditLog }> = async (app, { db, routing, audit }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const agentOf = async (caller: Caller, id: string) => (routing.engine.agentIds().includes(id) ? agentsResource.get({ db, caller }, id) : undefined);
  const interactionOf = async (caller: Caller, id: string) => {
    const [row] = await db.select({ id: interactions.id, clientId: interactions.clientId, queueId: interactions.queueId }).from(interactions)
      .where(and(eq(interactions.id, id), clientCondition(caller.scope, interactions.clientId)));
    return row;
  };
  const agentState = (id: string) => {
    const a = routing.engine.agent(id);
    return { agent_id: id, state: a.state, aux_reason: a.auxReason ?? null, since: new Date(a.since).toISOString(), pending: a.pending ?? null };
  };

  r.post('/agents/:id/force-state', {
    preValidation: [visibleFirst((caller, id) => agentOf(caller, id)), roleFirst(SUPERVISING)],
    schema: { tags: ['supervisor'], 'x-client-scope': 'entity', summary: 'A supervisor makes an agent available, puts them in aux (with reason) or logs them out; with work in hand it applies when the work ends',
      params: idParams,
      body: z.object({ state: z.enum(['available', 'aux', 'offline']), reason: z.string().trim().min(1).max(40).optional() }).strict()
        .refine((b) => b.state !== 'aux' || b.reason, { path: ['reason'], message: 'is required for aux' }) },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, SUPERVISING);
    const id = req.params.id;
    if (!(await agentOf(caller, id))) throw notFound('agent');
    const before = agentState(id);
    const { state, reason } = req.body;
    routing.run((e) => {
      if (state === 'offline') return before.state === 'offline' ? [] : e.logout(id);
      if (before.state === 'offline') return e.login(id, state === 'aux' ? { auxReason: reason } : {});
      return state === 'aux' ? e.setAux(id, reason!) : e.setAvailable(id);
    });
    const after = agentState(id);
    await audit.record({ actor: caller, action: 'agent.force_state', entity: 'agent', entityId: id, before, after: { ...after, requested: req.body } });
    return after;
  });

  r.post('/interactions/:id/reassign', {
    preValidation: [visibleFirst((caller, id) => interactionOf(caller, id)), roleFirst(SUPERVISING)],
    schema: { tags: ['supervisor'], 'x-client-scope': 'entity', summary: 'Reassigns a waiting interaction to another queue of its client, or rings one agent of its client now',
      params: idParams,
      body: z.object({ queue_id: z.string().uuid({ message: 'must be a UUID' }).optional(), agent_id: z.string().uuid({ message: 'must be a UUID' }).optional() }).strict()
        .refine((b) => (b.queue_id === undefined) !== (b.agent_id === undefined), { path: ['queue_id'], message: 'give exactly one of queue_id and agent_id' }) },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, SUPERVISING);
    const row = await interactionOf(caller, req.params.id);
    if (!row) throw notFound('interaction');
    const { queue_id: queueId, agent_id: agentId } = req.body;
    if (queueId !== undefined && (!(await queuesResource.get({ db, caller }, queueId)) || !routing.queue(queueId))) throw notFound('queue', 'queue_id');
    if (agentId !== undefined && !(await agentOf(caller, agentId))) throw notFound('agent', 'agent_id');
    const before = routing.engine.interaction(row.id);
    const ds = routing.run((e) => e.reassign(row.id, queueId !== undefined ? { queueId } : { agentId: agentId! }));
    await routing.flush();
    const after = routing.engine.interaction(row.id);
    const offeredTo = ds.flatMap((d) => (d.kind === 'offer' && d.interactionId === row.id ? [d.agentId] : []));
    const result = { interaction_id: row.id, state: after.state, queue_id: after.queueId ?? null, offered_to: offeredTo };
    await audit.record({ actor: caller, action: 'interaction.reassign', entity: 'interaction', entityId: row.id, clientId: row.clientId,
      before: { state: before.state, queue_id: before.queueId }, after: { ...result, requested: req.body } });
    return result;
  });
};
