import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { CHANNELS, agents, interactions } from '../store/schema.js';
import type { RoutingService } from '../routing/service/routing-service.js';
import { canSeeClient, clientCondition, requireRole, roleFirst, visibleFirst, type Caller } from './access.js';
import type { AuditLog } from './audit.js';
import { callerOf } from './auth/auth-plugin.js';
import { ApiErrors } from './errors.js';
import { agentsResource } from './resources/agents.js';
import { clientsResource } from './resources/clients.js';
import { queuesResource } from './resources/queues.js';
import { sitesResource } from './resources/sites.js';
import { teamsResource } from './resources/teams.js';
import { STAFF } from './resources/resource.js';

/** Who may set an agent's state here: the agent (own record only, see visibleAgent) and those who supervise. */
const SETS_STATE = ['agent', 'admin', 'supervisor'] as const;
const idParams = z.object({ id: z.string().uuid({ message: 'must be a UUID' }) });
const entity = (tag: string) => ({ tags: [tag], 'x-client-scope': 'entity' }) as const;
const notFound = (what: string) => ApiErrors.create('NOT_FOUND', { entity: what }, `${what} not found`);

const interactionRow = z.object({
  id: z.string(), client_id: z.string(), channel: z.enum(CHANNELS), state: z.string(), queue_id: z.string().nullable(), agent_id: z.string().nullable(),
  priority: z.number(), subject: z.string().nullable(), created_at: z.string(), queued_at: z.string().nullable(), offered_at: z.string().nullable(),
  answered_at: z.string().nullable(), ended_at: z.string().nullable(), wrap_up_ended_at: z.string().nullable(), outcome: z.string().nullable(), simulated: z.boolean(),
  // The call record (web Calls page): numbers, wrap-up, survey, durations, IVR path and digits.
  direction: z.string(), customer_address: z.string().nullable(), service_address: z.string().nullable(), disposition: z.string().nullable(),
  notes: z.string().nullable(), csat: z.number().nullable(), wait_ms: z.number().nullable(), talk_ms: z.number().nullable(), hold_ms: z.number().nullable(),
  wrap_ms: z.number().nullable(), offers: z.number(), attributes: z.record(z.string(), z.unknown()),
  /** The interaction this one continues (a transfer), if any. */
  parent_id: z.string().nullable(),
});
const iso = (d: Date | null) => d?.toISOString() ?? null;
const toRow = (i: typeof interactions.$inferSelect) => ({
  id: i.id, client_id: i.clientId, channel: i.channel, state: i.state, queue_id: i.queueId, agent_id: i.agentId, priority: i.priority, subject: i.subject,
  created_at: i.createdAt.toISOString(), queued_at: iso(i.queuedAt), offered_at: iso(i.offeredAt), answered_at: iso(i.answeredAt), ended_at: iso(i.endedAt),
  wrap_up_ended_at: iso(i.wrapUpEndedAt), outcome: i.outcome, simulated: i.simulated,
  direction: i.direction, customer_address: i.customerAddress, service_address: i.serviceAddress, disposition: i.disposition, notes: i.notes, csat: i.csat,
  wait_ms: i.waitMs, talk_ms: i.talkMs, hold_ms: i.holdMs, wrap_ms: i.wrapMs, offers: i.offers, attributes: i.attributes, parent_id: i.parentId,
});

/** Agents may act on their own agent record; staff on any agent they can see. */
async function visibleAgent(db: Db, caller: Caller, id: string) {
  if (caller.role === 'agent') {
    const [a] = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.id, id), eq(agents.userId, caller.userId)));
    if (!a) throw notFound('agent');
    return;
  }
  if (!STAFF.includes(caller.role) || !(await agentsResource.get({ db, caller }, id))) throw notFound('agent');
}

async function visibleInteraction(db: Db, caller: Caller, id: string) {
  if (caller.role === 'client_viewer') throw notFound('interaction');
  const [row] = await db.select().from(interactions).where(and(eq(interactions.id, id), clientCondition(caller.scope, interactions.clientId)));
  if (!row) throw notFound('interaction');
  return row;
}

/**
 * Live routing through the API: agent presence, queue figures, and test or
 * back-office interactions of any channel, so the engine can be exercised
 * without telephony. Offers are answered here too until devices do it.
 */
export const routingRoutes: FastifyPluginAsync<{ db: Db; routing: RoutingService; audit: AuditLog }> = async (app, { db, routing, audit }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const agentVisible = visibleFirst(async (caller, id) => visibleAgent(db, caller, id).then(() => true));
  const interactionVisible = visibleFirst(async (caller, id) => visibleInteraction(db, caller, id));
  // An agent sets their own state; admins and supervisors any agent they see, audited like force-state
  // (which also waits for work in hand). Planners, QA and client viewers watch, they never change it.
  r.post('/agents/:id/state', {
    preValidation: [agentVisible, roleFirst(SETS_STATE)],
    schema: { ...entity('agents'), summary: 'Log in, go available, take an aux break (with reason), or log out: the agent themselves, or an admin or supervisor (audited)',
      params: idParams,
      body: z.object({ state: z.enum(['available', 'aux', 'offline']), reason: z.string().trim().min(1).max(40).optional() })
        .refine((b) => b.state !== 'aux' || b.reason, { path: ['reason'], message: 'is required for aux' }) },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, SETS_STATE);
    await visibleAgent(db, caller, req.params.id);
    const id = req.params.id, { state, reason } = req.body;
    const before = agentState(id);
    routing.run((e) => {
      if (state === 'offline') return e.logout(id);
      if (before.state === 'offline') return e.login(id, state === 'aux' ? { auxReason: reason } : {});
      return state === 'aux' ? e.setAux(id, reason!) : e.setAvailable(id);
    });
    const after = agentState(id);
    if (caller.role !== 'agent') await audit.record({ actor: caller, action: 'agent.state_set', entity: 'agent', entityId: id, before, after: { ...after, requested: req.body } });
    return after;
  });

  const agentState = (id: string) => {
    const a = routing.engine.agent(id);
    return { agent_id: id, state: a.state, aux_reason: a.auxReason ?? null, since: new Date(a.since).toISOString() };
  };
  r.get('/agents/:id/state', { schema: { ...entity('agents'), summary: 'The agent\'s live state', params: idParams } }, async (req) => {
    await visibleAgent(db, callerOf(req), req.params.id);
    return agentState(req.params.id);
  });

  r.get('/queues/:id/stats', { schema: { ...entity('queues'), summary: 'Live queue figures: waiting, longest wait, agents by state, today\'s SL, ASA, AHT', params: idParams } }, async (req) => {
    const caller = callerOf(req);
    if (!queuesResource.readRoles.includes(caller.role) || !(await queuesResource.get({ db, caller }, req.params.id)) || !routing.queue(req.params.id)) throw notFound('queue');
    return { queue_id: req.params.id, ...routing.queueStats(req.params.id) };
  });

  r.post('/interactions', {
    schema: { ...entity('interactions'), summary: 'Create a work item or a test interaction of any channel in a queue',
      body: z.object({ queue_id: z.string().uuid(), priority: z.number().int().min(1).max(10).optional(), subject: z.string().max(500).optional(),
        attributes: z.record(z.string(), z.string().max(2000)).optional() }).strict(),
      response: { 201: interactionRow } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    requireRole(caller, ['admin', 'supervisor']);
    const q = await queuesResource.get({ db, caller }, req.body.queue_id);
    const live = routing.queue(req.body.queue_id);
    if (!q || !live) throw ApiErrors.create('NOT_FOUND', { field: 'queue_id' }, 'queue_id: queue not found');
    const id = await routing.enqueue({ queueId: q.id, channel: live.channel, clientId: q.client_id, priority: req.body.priority, subject: req.body.subject, attributes: req.body.attributes });
    await routing.flush();
    return reply.code(201).send(toRow((await visibleInteraction(db, caller, id))));
  });

  r.get('/interactions', {
    schema: { ...entity('interactions'), summary: 'Interactions, newest first',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, STAFF);
    const where = clientCondition(caller.scope, interactions.clientId);
    const [{ n }] = await db.select({ n: count() }).from(interactions).where(where);
    const rows = await db.select().from(interactions).where(where).orderBy(desc(interactions.createdAt)).limit(req.query.limit).offset(req.query.offset);
    return { items: rows.map(toRow), total: n, limit: req.query.limit, offset: req.query.offset };
  });

  r.get('/interactions/:id', { schema: { ...entity('interactions'), summary: 'One interaction with its lifecycle timestamps', params: idParams } }, async (req) => {
    await routing.flush();
    return toRow(await visibleInteraction(db, callerOf(req), req.params.id));
  });

  const act = (verb: string, summary: string, fn: (id: string, agentId: string | undefined) => void) =>
    r.post(`/interactions/:id/${verb}`, {
      preValidation: interactionVisible,
      schema: { ...entity('interactions'), summary, params: idParams, body: z.object({ agent_id: z.string().uuid().optional() }).strict().optional() },
    }, async (req) => {
      const caller = callerOf(req);
      const row = await visibleInteraction(db, caller, req.params.id);
      if (caller.role === 'qa' || caller.role === 'planner') throw ApiErrors.create('FORBIDDEN');
      fn(row.id, req.body?.agent_id);
      await routing.flush();
      return toRow(await visibleInteraction(db, caller, row.id));
    });
  const offerOf = (id: string, agentId: string | undefined) => {
    const offers = routing.engine.interaction(id).offerIds;
    if (offers.length === 0) throw ApiErrors.create('NOT_FOUND', { interaction_id: id }, 'the interaction is not ringing');
    if (agentId === undefined) return offers[0];
    return offers.find((o) => routing.engine.explain(o).agentId === agentId) ?? offers[0];
  };
  act('accept', 'The offered agent answers', (id, agentId) => routing.run((e) => e.accept(offerOf(id, agentId), agentId)));
  act('reject', 'The offered agent declines; the interaction keeps its place', (id, agentId) => routing.run((e) => e.reject(offerOf(id, agentId), agentId)));
  act('complete', 'Handling ended: wrap-up starts', (id) => routing.run((e) => e.complete(id)));
  act('end-wrap-up', 'Wrap-up finished early', (id) => routing.run((e) => e.endWrapUp(id)));
  act('abandon', 'The customer left while waiting or ringing', (id) => routing.run((e) => e.abandon(id)));
};

/**
 * GET /api/v1/wallboard: one scoped snapshot of every visible queue's live
 * figures, every visible agent's state and current interaction (only when
 * the caller may see its client), today's per-interval figures, and the
 * clients, sites and teams to filter by; the page then follows the
 * WebSocket's `queue.stats`, `queue.interval`, `agent.state` and
 * `agent.work` events.
 */
export const wallboardRoutes: FastifyPluginAsync<{ db: Db; routing: RoutingService }> = async (app, { db, routing }) => {
  app.withTypeProvider<ZodTypeProvider>().get('/wallboard', {
    schema: { tags: ['wallboard'], 'x-client-scope': 'filtered', summary: 'Live figures of the queues and agents you may see' },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, ['admin', 'supervisor', 'planner', 'qa']);
    const ctx = { db, caller };
    const all = { limit: 500, offset: 0, includeDisabled: false };
    const queues = (await queuesResource.list(ctx, all)).items.filter((q) => routing.queue(q.id));
    const agentRows = (await agentsResource.list(ctx, all)).items;
    const [clients, sites, teams] = await Promise.all([clientsResource.list(ctx, all), sitesResource.list(ctx, all), teamsResource.list(ctx, all)]);
    const known = new Set(routing.engine.agentIds());
    const work = (agentId: string) => {
      const w = routing.board.current(agentId);
      return w && canSeeClient(caller.scope, w.client_id) ? w : null;
    };
    return {
      queues: queues.map((q) => ({ id: q.id, name: q.name, client_id: q.client_id, channel: q.channel, sl_threshold_s: q.sl_threshold_s,
        sl_target: q.sl_target, ...routing.queueStats(q.id) })),
      agents: agentRows.filter((a) => known.has(a.id)).map((a) => {
        const s = routing.engine.agent(a.id);
        return { id: a.id, name: a.name, extension: a.extension, client_ids: a.client_ids, team_id: a.team_id, site_id: a.site_id, state: s.state,
          aux_reason: s.auxReason ?? null, since: new Date(s.since).toISOString(), current: work(a.id) };
      }),
      intervals: routing.board.buckets(new Set(queues.map((q) => q.id))),
      clients: clients.items.map((c) => ({ id: c.id, name: c.name })),
      sites: sites.items.map((x) => ({ id: x.id, name: x.name })),
      teams: teams.items.map((t) => ({ id: t.id, name: t.name, site_id: t.site_id, client_id: t.client_id })),
    };
  });

  app.withTypeProvider<ZodTypeProvider>().get('/wallboard/waiting', {
    schema: { tags: ['wallboard'], 'x-client-scope': 'filtered', summary: 'The interactions waiting in one queue, longest first (to reassign one)',
      querystring: z.object({ queue_id: z.string().uuid({ message: 'must be a UUID' }) }) },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, ['admin', 'supervisor']);
    const q = await queuesResource.get({ db, caller }, req.query.queue_id);
    if (!q || !routing.queue(q.id)) throw ApiErrors.create('NOT_FOUND', { field: 'queue_id' }, 'queue_id: queue not found');
    const waiting = routing.engine.liveInteractionIds().map((id) => routing.engine.interaction(id))
      .filter((i) => i.state === 'queued' && i.queueId === q.id).sort((a, b) => (a.enqueuedAt ?? 0) - (b.enqueuedAt ?? 0)).slice(0, 100);
    const rows = waiting.length === 0 ? [] : await db.select({ id: interactions.id, subject: interactions.subject, customer: interactions.customerAddress })
      .from(interactions).where(and(inArray(interactions.id, waiting.map((i) => i.id)), eq(interactions.clientId, q.client_id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      items: waiting.filter((i) => byId.has(i.id)).map((i) => ({ id: i.id, queue_id: q.id, client_id: q.client_id,
        waiting_since: new Date(i.enqueuedAt ?? 0).toISOString(), subject: byId.get(i.id)!.subject, customer: byId.get(i.id)!.customer })),
    };
  });
};
