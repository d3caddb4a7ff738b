import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import type { Db } from '../store/database.js';
import { CASE_STATUSES, cases, customers, interactions } from '../store/schema.js';
import type { RoutingService } from '../routing/service/routing-service.js';
import { customerTimeline } from '../crm/timeline.js';
import { CRM_READ, CRM_WRITE, customersResource } from '../crm/customers.js';
import { caseInteractionsOf, caseRow, createCase, getCase, linkInteraction, listCases, updateCase } from '../crm/cases.js';
import { agentOfUser, interactionFor, type OfferedAgents } from '../crm/interaction-access.js';
import { buildScreenPop } from '../crm/screen-pop.js';
import { wrapUp, wrapUpBody } from '../crm/wrap-up.js';
import { myDay } from '../crm/my-day.js';
import { CrmErrors } from '../crm/crm-errors.js';
import { clientCondition, requireRole, roleFirst, visibleFirst, type Caller } from './access.js';
import type { AuditLog } from './audit.js';
import { callerOf } from './auth/auth-plugin.js';
import { ApiErrors } from './errors.js';
import { registerResource } from './resources/resource.js';

/**
 * The minimal CRM over HTTP: customers (generic resource routes), their
 * timeline, cases, and the agent desktop's three calls: the screen pop,
 * the wrap-up record and "my day". Every query is scoped to the caller's
 * clients; changes are audited.
 */
export interface CrmRoutesDeps {
  db: Db; routing: RoutingService; audit: AuditLog; bus: EventBus; clock: Clock;
  /** The agent a warm transfer is consulting on a call (they see its screen pop before it is theirs). */
  consultedAgent?: (interactionId: string) => string | undefined;
}

const idParams = z.object({ id: z.string().uuid({ message: 'must be a UUID' }) });
const entity = (tag: string) => ({ tags: [tag], 'x-client-scope': 'entity' }) as const;
const notFound = (what: string) => ApiErrors.create('NOT_FOUND', { entity: what }, `${what} not found`);
const uuid = z.string().uuid({ message: 'must be a UUID' });

export const crmRoutes: FastifyPluginAsync<CrmRoutesDeps> = async (app, { db, routing, audit, bus, clock, consultedAgent }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = () => new Date(clock.now());
  registerResource(app, customersResource, { db, audit, bus });

  /**
   * The agents ringing for an interaction now, handling it, or consulted on
   * it: the engine and the voice layer know at once; the table only when the
   * write lands (a page that pops the moment a call is handed over asks first).
   */
  const offeredTo: OfferedAgents = (id) => {
    const consulted = consultedAgent?.(id);
    const extra = consulted !== undefined ? [consulted] : [];
    try {
      const i = routing.engine.interaction(id);
      return [...i.offerIds.flatMap((o) => {
        try { return [routing.engine.explain(o, { limit: 0 }).agentId]; } catch { return []; }
      }), ...(i.agentId !== undefined ? [i.agentId] : []), ...extra];
    } catch {
      return extra;
    }
  };
  const customerVisible = async (caller: Caller, id: string) => CRM_READ.includes(caller.role) && customersResource.get({ db, caller }, id);

  r.get('/customers/:id/timeline', {
    preValidation: visibleFirst(customerVisible),
    schema: { ...entity('customers'), summary: 'The customer\'s interactions of every channel and cases, newest first', params: idParams },
  }, async (req) => {
    const caller = callerOf(req);
    if (!(await customerVisible(caller, req.params.id))) throw notFound('customer');
    return { items: await customerTimeline(db, req.params.id) };
  });

  // ---- cases
  const caseScope = (caller: Caller) => clientCondition(caller.scope, cases.clientId);
  const visibleCase = async (caller: Caller, id: string) => (CRM_READ.includes(caller.role) ? getCase(db, id, caseScope(caller)) : undefined);
  const audited = async (caller: Caller, action: string, before: unknown, after: { id: string; client_id: string }) => {
    await audit.record({ action: `case.${action}`, entity: 'case', entityId: after.id, clientId: after.client_id, actor: caller, before, after });
    bus.publish({ type: `crm.case.${action}`, at: now().toISOString(), client_id: after.client_id, data: { id: after.id } });
  };

  r.get('/cases', {
    schema: { ...entity('cases'), summary: 'Cases, most recently active first; filter by status, customer or text',
      querystring: z.object({ status: z.enum(CASE_STATUSES).optional(), customer_id: uuid.optional(), q: z.string().trim().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      response: { 200: z.object({ items: z.array(caseRow), total: z.number(), limit: z.number(), offset: z.number() }) } },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, CRM_READ);
    const page = await listCases(db, { scope: caseScope(caller), status: req.query.status, customerId: req.query.customer_id, q: req.query.q || undefined,
      limit: req.query.limit, offset: req.query.offset });
    return { ...page, limit: req.query.limit, offset: req.query.offset };
  });

  r.get('/cases/:id', { schema: { ...entity('cases'), summary: 'One case with the interactions linked to it', params: idParams } }, async (req) => {
    const caller = callerOf(req);
    const c = await visibleCase(caller, req.params.id);
    if (!c) throw notFound('case');
    return { ...c, linked_interactions: await caseInteractionsOf(db, c.id) };
  });

  r.post('/cases', {
    preValidation: roleFirst(CRM_WRITE),
    schema: { ...entity('cases'), summary: 'Open a case for a customer',
      body: z.object({ customer_id: uuid, subject: z.string().trim().min(1, 'is required').max(300), status: z.enum(CASE_STATUSES).default('open') }).strict(),
      response: { 201: caseRow } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const [cust] = await db.select().from(customers).where(and(eq(customers.id, req.body.customer_id), clientCondition(caller.scope, customers.clientId)));
    if (!cust) throw ApiErrors.create('NOT_FOUND', { field: 'customer_id' }, 'customer_id: customer not found');
    const id = await createCase(db, { clientId: cust.clientId, customerId: cust.id, subject: req.body.subject, status: req.body.status, createdBy: caller.userId, now: now() });
    const row = (await getCase(db, id, undefined))!;
    await audited(caller, 'create', null, row);
    return reply.code(201).send(row);
  });

  const caseVisible = visibleFirst(async (caller, id) => visibleCase(caller, id));
  r.patch('/cases/:id', {
    preValidation: caseVisible,
    schema: { ...entity('cases'), summary: 'Change a case\'s status or subject', params: idParams,
      body: z.object({ subject: z.string().trim().min(1, 'must not be empty').max(300), status: z.enum(CASE_STATUSES) }).partial().strict(), response: { 200: caseRow } },
  }, async (req) => {
    const caller = callerOf(req);
    const before = await visibleCase(caller, req.params.id);
    if (!before) throw notFound('case');
    requireRole(caller, CRM_WRITE);
    await updateCase(db, before.id, req.body, now());
    const after = (await getCase(db, before.id, undefined))!;
    await audited(caller, 'update', before, after);
    return after;
  });

  r.post('/cases/:id/interactions', {
    preValidation: caseVisible,
    schema: { ...entity('cases'), summary: 'Link an interaction to the case', params: idParams, body: z.object({ interaction_id: uuid }).strict(), response: { 200: caseRow } },
  }, async (req) => {
    const caller = callerOf(req);
    const c = await visibleCase(caller, req.params.id);
    if (!c) throw notFound('case');
    requireRole(caller, CRM_WRITE);
    const [i] = await db.select({ id: interactions.id }).from(interactions)
      .where(and(eq(interactions.id, req.body.interaction_id), eq(interactions.clientId, c.client_id), clientCondition(caller.scope, interactions.clientId)));
    if (!i) throw ApiErrors.create('NOT_FOUND', { field: 'interaction_id' }, 'interaction_id: no such interaction of this case\'s client');
    await linkInteraction(db, c.id, i.id, now());
    const after = (await getCase(db, c.id, undefined))!;
    await audited(caller, 'link', c, { ...after, interaction_id: i.id } as typeof after);
    return after;
  });

  // ---- the agent desktop
  const handledVisible = (staff: readonly string[]) => visibleFirst(async (caller, id) => interactionFor(db, caller, id, offeredTo, staff));
  r.get('/interactions/:id/screen-pop', {
    preValidation: handledVisible(['admin', 'supervisor', 'qa', 'planner']),
    schema: { ...entity('interactions'), summary: 'The customer (found by the caller\'s number or created), their history and open cases, the script and dispositions', params: idParams },
  }, async (req) => {
    const caller = callerOf(req);
    const { row, agent } = await interactionFor(db, caller, req.params.id, offeredTo);
    return buildScreenPop(db, row, agent?.name ?? null, now());
  });

  r.post('/interactions/:id/wrap-up', {
    preValidation: handledVisible(['admin', 'supervisor']),
    schema: { ...entity('interactions'), summary: 'Record the disposition, notes and case of a handled interaction (does not end wrap-up time)', params: idParams, body: wrapUpBody },
  }, async (req) => {
    const caller = callerOf(req);
    const { row } = await interactionFor(db, caller, req.params.id, offeredTo, ['admin', 'supervisor']);
    // Rows the routing engine is still writing (answered, ended) must be stored before they are read.
    await routing.flush();
    const [fresh] = await db.select().from(interactions).where(eq(interactions.id, row.id));
    const result = await wrapUp(db, fresh, req.body, caller.userId, now());
    await audit.record({ action: 'interaction.wrap_up', entity: 'interaction', entityId: row.id, clientId: row.clientId, actor: caller,
      before: { disposition: row.disposition, notes: row.notes }, after: { ...result.interaction, case: result.case } });
    bus.publish({ type: 'interaction.wrapped_up', at: now().toISOString(), client_id: row.clientId, data: { interaction_id: row.id, case_id: result.case?.id ?? null } });
    return result;
  });

  r.get('/agents/me/day', {
    schema: { tags: ['agents'], 'x-client-scope': 'filtered', summary: 'The calling agent\'s figures for today (site time zone, UTC without a site): answered, resolved, AHT, time in each state' },
  }, async (req) => {
    const caller = callerOf(req);
    const agent = await agentOfUser(db, caller.userId);
    if (!agent) throw CrmErrors.create('NOT_AN_AGENT');
    await routing.flush();
    return myDay(db, agent, now());
  });
};
