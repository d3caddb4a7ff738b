import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import { newId } from '../platform/ids.js';
import type { Db } from '../store/database.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, COMPLIANCE_PROFILES, DIAL_MODES, LEAD_STATUSES, MACHINE_ACTIONS, campaigns, leads, queues } from '../store/schema.js';
import { CampaignErrors } from '../dialer/campaigns/campaign-errors.js';
import { CAMPAIGN_ACTIONS, transition } from '../dialer/campaigns/campaign-state.js';
import { parseClock } from '../dialer/campaigns/calling-window.js';
import { planLeadImport } from '../dialer/campaigns/lead-import.js';
import { applyDisposition } from '../dialer/campaigns/lead-disposition.js';
import { nextLeads } from '../dialer/campaigns/lead-selector.js';
import { dncAmong, dueLeads, toSelectorLead, writeLeadImport, type CampaignRecord, type LeadRecord } from '../dialer/campaigns/lead-store.js';
import { normalisePhone } from '../dialer/campaigns/phone.js';
import { assertClientVisible, clientCondition, requireRole, visibleFirst, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import type { AuditLog } from './audit.js';
import { ApiErrors, validationError } from './errors.js';
import { country, iso, name, patchOf, stamps, uuid } from './resources/fields.js';
import { pageRows, registerResource, STAFF, type ResourceDef } from './resources/resource.js';
import { acceptCsvBodies } from './dnc-routes.js';

const hhmm = z.string().refine((v) => parseClock(v) !== undefined, { message: 'must be a local time HH:MM (24:00 allowed as an end)' });
const e164 = z.string().refine((v) => /^\+[1-9]\d{6,14}$/.test(v) && normalisePhone(v, 'US').ok, { message: 'must be a valid E.164 number such as +12125550100' });
const retryRules = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'disposition codes are lower_snake_case'),
  z.union([z.number().int().min(0).max(60 * 24 * 30), z.literal('next_day')])).refine((r) => Object.keys(r).length <= 50, { message: 'at most 50 rules' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'is not a date' });
const shape = {
  client_id: uuid,
  name,
  type: z.enum(CAMPAIGN_TYPES),
  mode: z.enum(DIAL_MODES).default('preview'),
  caller_id: e164,
  compliance_profile: z.enum(COMPLIANCE_PROFILES).default('US'),
  default_country: country.default('US'),
  window_start: hhmm.default('08:00'),
  window_end: hhmm.default('21:00'),
  max_attempts: z.number().int().min(1).max(50).default(3),
  /** Minutes until the next attempt per disposition, or 'next_day'. */
  retry_rules: retryRules.default({ busy: 30, no_answer: 240, machine: 'next_day' }),
  holidays: z.array(date).max(400).default([]),
  queue_id: uuid.nullable().optional(),
  /** What the live dialer does with an answering machine. */
  machine_action: z.enum(MACHINE_ACTIONS).default('hangup'),
  /** Spoken after the machine's beep when machine_action is 'message'. */
  machine_message: z.string().trim().min(1).max(1000).nullable().optional(),
};
const { client_id: _clientId, ...editable } = shape;
const row = z.object({
  id: z.string(), client_id: z.string(), name: z.string(), type: z.enum(CAMPAIGN_TYPES), mode: z.enum(DIAL_MODES), caller_id: z.string(),
  compliance_profile: z.enum(COMPLIANCE_PROFILES), default_country: z.string(), window_start: z.string(), window_end: z.string(), max_attempts: z.number(),
  retry_rules: z.record(z.string(), z.union([z.number(), z.string()])), holidays: z.array(z.string()), queue_id: z.string().nullable(),
  machine_action: z.enum(MACHINE_ACTIONS), machine_message: z.string().nullable(), status: z.enum(CAMPAIGN_STATUSES), lead_count: z.number(), ...stamps,
});
type Row = z.infer<typeof row>;
type Create = z.infer<z.ZodObject<typeof shape>>;
type Patch = z.infer<ReturnType<typeof patchOf<typeof editable>>>;
const toRow = (c: CampaignRecord, leadCount: number): Row => ({
  lead_count: leadCount, id: c.id, client_id: c.clientId, name: c.name, type: c.type, mode: c.mode, caller_id: c.callerId, compliance_profile: c.complianceProfile,
  default_country: c.defaultCountry, window_start: c.windowStart, window_end: c.windowEnd, max_attempts: c.maxAttempts, retry_rules: c.retryRules,
  holidays: c.holidays, queue_id: c.queueId, machine_action: c.machineAction, machine_message: c.machineMessage, status: c.status, disabled: c.disabled, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt),
});
/** Lead counts of many campaigns in one grouped query (a list page must not ask once per row). */
async function leadCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: leads.campaignId, n: count() }).from(leads).where(inArray(leads.campaignId, ids)).groupBy(leads.campaignId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
async function withCounts(db: Db, list: CampaignRecord[]): Promise<Row[]> {
  const n = await leadCounts(db, list.map((c) => c.id));
  return list.map((c) => toRow(c, n.get(c.id) ?? 0));
}

const columns = (p: Partial<Create> & { disabled?: boolean }) => ({
  name: p.name, type: p.type, mode: p.mode, callerId: p.caller_id, complianceProfile: p.compliance_profile, defaultCountry: p.default_country,
  windowStart: p.window_start, windowEnd: p.window_end, maxAttempts: p.max_attempts, retryRules: p.retry_rules, holidays: p.holidays,
  queueId: p.queue_id, machineAction: p.machine_action, machineMessage: p.machine_message, disabled: p.disabled,
});

/** Cross-field rules: the window opens before it closes; the queue is one of the campaign's client. */
async function checkCampaign(db: Db, c: { client_id: string; window_start: string; window_end: string; queue_id?: string | null }): Promise<void> {
  if (parseClock(c.window_start)! >= parseClock(c.window_end)!) throw validationError([{ path: 'window_end', message: 'must be after window_start' }]);
  if (c.queue_id) {
    const [q] = await db.select({ id: queues.id }).from(queues).where(and(eq(queues.id, c.queue_id), eq(queues.clientId, c.client_id)));
    if (!q) throw validationError([{ path: 'queue_id', message: 'no such queue for this client' }]);
  }
}

async function campaignOf(db: Db, caller: Caller, id: string): Promise<CampaignRecord | undefined> {
  const [c] = await db.select().from(campaigns).where(and(eq(campaigns.id, id), clientCondition(caller.scope, campaigns.clientId)));
  return c;
}

const READ: typeof STAFF = [...STAFF, 'agent'];
const WRITE = ['admin', 'supervisor'] as const;

export const campaignsResource: ResourceDef<Row, Create, Patch> = {
  path: 'campaigns', entity: 'campaign', clientScope: 'entity', row,
  create: z.object(shape).strict(), patch: patchOf(editable),
  readRoles: READ, writeRoles: WRITE,
  clientOf: (r) => r.client_id,
  list: ({ db, caller }, q) => pageRows(db, campaigns, [clientCondition(caller.scope, campaigns.clientId)], [campaigns.name], q, campaigns.disabled,
    async (w) => withCounts(db, await db.select().from(campaigns).where(w).orderBy(asc(campaigns.name)).limit(q.limit).offset(q.offset))),
  get: async ({ db, caller }, id) => {
    const c = await campaignOf(db, caller, id);
    return c && (await withCounts(db, [c]))[0];
  },
  async insert({ db, caller }, b) {
    assertClientVisible(caller.scope, b.client_id);
    await checkCampaign(db, b);
    const [c] = await db.insert(campaigns).values({ ...columns(b), id: newId(), clientId: b.client_id, name: b.name, type: b.type, callerId: b.caller_id }).returning();
    return toRow(c, 0);
  },
  async update({ db }, id, p, before) {
    await checkCampaign(db, { ...before, ...p, client_id: before.client_id });
    const [c] = await db.update(campaigns).set({ ...columns(p), updatedAt: new Date() }).where(eq(campaigns.id, id)).returning();
    return (await withCounts(db, [c]))[0];
  },
};

const idParams = z.object({ id: uuid });
const meta = { tags: ['campaigns'], 'x-client-scope': 'entity' } as const;
const mappingSchema = z.object({
  phone: z.string().min(1).optional(), name: z.string().min(1).optional(), time_zone: z.string().min(1).optional(),
  country: z.string().min(1).optional(), priority: z.string().min(1).optional(), fields: z.array(z.string().min(1)).max(200).optional(),
}).strict();
const importBody = z.object({ csv: z.string().min(1, 'is required'), mapping: mappingSchema.optional() }).strict();
const leadRow = (l: LeadRecord) => ({
  id: l.id, campaign_id: l.campaignId, phone: l.phone, name: l.name, time_zone: l.timeZone, country: l.country, fields: l.fields, status: l.status,
  priority: l.priority, attempts: l.attempts, next_attempt_at: l.nextAttemptAt?.toISOString() ?? null, last_attempt_at: l.lastAttemptAt?.toISOString() ?? null,
  last_disposition: l.lastDisposition,
});

export interface CampaignRoutesDeps { db: Db; audit: AuditLog; bus: EventBus; clock: Clock }

/**
 * Campaigns (CRUD through the generic admin resource), their status changes,
 * lead list import and the preview screen's "who may I call now". Every
 * `/:id` route checks the campaign is visible before reading the body, so
 * another client's campaign is a plain 404.
 */
export const campaignRoutes: FastifyPluginAsync<CampaignRoutesDeps> = async (app, deps) => {
  const { db, audit, bus, clock } = deps;
  registerResource(app, campaignsResource, deps);
  acceptCsvBodies(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visible = visibleFirst(async (caller, id) => READ.includes(caller.role) && campaignOf(db, caller, id));
  const load = async (caller: Caller, id: string) => {
    const c = READ.includes(caller.role) ? await campaignOf(db, caller, id) : undefined;
    if (!c) throw ApiErrors.create('NOT_FOUND', { entity: 'campaign' }, 'campaign not found');
    return c;
  };

  for (const action of CAMPAIGN_ACTIONS) {
    r.post(`/campaigns/:id/${action}`, { preValidation: visible, schema: { ...meta, summary: `${action[0].toUpperCase()}${action.slice(1)} the campaign`, params: idParams, response: { 200: row } } },
      async (req) => {
        const caller = callerOf(req);
        const before = await load(caller, req.params.id);
        requireRole(caller, WRITE);
        const status = transition(before.status, action);
        // The status in the WHERE makes a concurrent change lose cleanly instead of skipping a state.
        const [c] = await db.update(campaigns).set({ status, updatedAt: new Date(clock.now()) })
          .where(and(eq(campaigns.id, before.id), eq(campaigns.status, before.status))).returning();
        if (!c) throw CampaignErrors.create('CAMPAIGN_ILLEGAL_TRANSITION', { action }, 'the campaign changed meanwhile; reload and retry');
        await audit.record({ action: `campaign.${action}`, entity: 'campaign', entityId: c.id, clientId: c.clientId, actor: caller, before: { status: before.status }, after: { status } });
        bus.publish({ type: 'campaign.status', at: new Date(clock.now()).toISOString(), client_id: c.clientId, data: { id: c.id, status } });
        return (await withCounts(db, [c]))[0];
      });
  }

  registerLeadRoutes(app, deps, visible, load);
};

type Load = (caller: Caller, id: string) => Promise<CampaignRecord>;

function registerLeadRoutes(app: FastifyInstance, { db, audit, clock }: CampaignRoutesDeps, visible: ReturnType<typeof visibleFirst>, load: Load): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/campaigns/:id/leads/import', {
    preValidation: visible, bodyLimit: 20 << 20,
    schema: { ...meta, params: idParams,
      summary: 'Import leads from CSV: a text/csv body (columns found by header name), or JSON {csv, mapping}. One transaction; every rejected row is reported with its line.' },
  }, async (req) => {
    const caller = callerOf(req);
    const c = await load(caller, req.params.id);
    requireRole(caller, WRITE);
    if (c.status === 'stopped') throw CampaignErrors.create('CAMPAIGN_STOPPED', { id: c.id }, 'the campaign is stopped: leads cannot be added');
    const parsed = importBody.safeParse(typeof req.body === 'string' ? { csv: req.body } : req.body);
    if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const plan = planLeadImport(parsed.data.csv, parsed.data.mapping, c.defaultCountry);
    const written = plan.leads.length ? await writeLeadImport(db, c.id, plan) : { inserted: 0, mergedExisting: 0 };
    const onDnc = (await dncAmong(db, c.clientId, plan.leads.map((l) => l.phone))).size;
    const report = {
      rows: plan.rows, imported: written.inserted, merged_duplicates: plan.mergedInFile + written.mergedExisting, rejected: plan.rejected.length,
      on_dnc: onDnc, rejected_rows: plan.rejected,
    };
    await audit.record({ action: 'campaign.leads_import', entity: 'campaign', entityId: c.id, clientId: c.clientId, actor: caller,
      after: { rows: report.rows, imported: report.imported, merged_duplicates: report.merged_duplicates, rejected: report.rejected } });
    return report;
  });

  r.get('/campaigns/:id/leads', {
    schema: { ...meta, summary: 'The campaign\'s leads', params: idParams,
      querystring: z.object({ status: z.enum(LEAD_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }) },
  }, async (req) => {
    const c = await load(callerOf(req), req.params.id);
    const where = and(eq(leads.campaignId, c.id), req.query.status ? eq(leads.status, req.query.status) : undefined);
    const [{ n }] = await db.select({ n: count() }).from(leads).where(where);
    const rows = await db.select().from(leads).where(where).orderBy(asc(leads.createdAt), asc(leads.id)).limit(req.query.limit).offset(req.query.offset);
    return { items: rows.map(leadRow), total: n, limit: req.query.limit, offset: req.query.offset };
  });

  r.get('/campaigns/:id/next-leads', {
    schema: { ...meta, params: idParams,
      summary: 'The leads that may be dialed now (or at `at`): never a do-not-call number, only inside the calling window in the lead\'s local time',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10), at: z.string().datetime({ offset: true }).optional() }) },
  }, async (req) => {
    const c = await load(callerOf(req), req.params.id);
    if (c.status !== 'running') throw CampaignErrors.create('CAMPAIGN_NOT_RUNNING', { status: c.status }, `the campaign is ${c.status}: start it first`);
    const now = req.query.at ? Date.parse(req.query.at) : clock.now();
    const candidates = (await dueLeads(db, c, now, Math.min(5000, Math.max(500, req.query.limit * 50)))).map(toSelectorLead);
    const dnc = await dncAmong(db, c.clientId, candidates.map((l) => l.phone));
    const picked = nextLeads(c, candidates, (p) => dnc.has(p), now, req.query.limit);
    return { at: new Date(now).toISOString(), items: picked.map((l) => leadRow(l.record)) };
  });

  r.post('/campaigns/:id/leads/:lead_id/disposition', {
    preValidation: visible,
    schema: { ...meta, summary: 'Record an attempt\'s outcome: schedules the retry by the campaign\'s rules, or finishes the lead',
      params: z.object({ id: uuid, lead_id: uuid }), body: z.object({ disposition: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lower_snake_case code') }).strict() },
  }, async (req) => {
    const caller = callerOf(req);
    const c = await load(caller, req.params.id);
    requireRole(caller, ['admin', 'supervisor', 'agent']);
    const [l] = await db.select().from(leads).where(and(eq(leads.id, req.params.lead_id), eq(leads.campaignId, c.id)));
    if (!l) throw ApiErrors.create('NOT_FOUND', { entity: 'lead' }, 'lead not found');
    // The dialer counted a connected call's attempt already ('connected'): the agent's disposition replaces it.
    const counted = l.lastDisposition === 'connected' ? { ...l, attempts: Math.max(0, l.attempts - 1) } : l;
    const result = applyDisposition(c, toSelectorLead(counted), req.body.disposition, clock.now());
    const [after] = await db.update(leads).set({
      status: result.status, attempts: result.attempts, nextAttemptAt: result.nextAttemptAt === null ? null : new Date(result.nextAttemptAt),
      lastAttemptAt: new Date(result.lastAttemptAt), lastDisposition: result.lastDisposition, updatedAt: new Date(clock.now()),
    }).where(eq(leads.id, l.id)).returning();
    await audit.record({ action: 'lead.disposition', entity: 'lead', entityId: l.id, clientId: c.clientId, actor: caller, before: leadRow(l), after: leadRow(after) });
    return leadRow(after);
  });
}
