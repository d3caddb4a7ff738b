import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../store/database.js';
import { agents, campaigns, leads } from '../store/schema.js';
import { CampaignErrors } from '../dialer/campaigns/campaign-errors.js';
import { whyNotDialable } from '../dialer/campaigns/lead-selector.js';
import { dncAmong, toSelectorLead } from '../dialer/campaigns/lead-store.js';
import { AttemptRecords } from '../dialer/live/attempt-records.js';
import { loadFigures, type LiveDialer } from '../dialer/live/live-dialer.js';
import { clientCondition, requireRole, visibleFirst, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import type { AuditLog } from './audit.js';
import { ApiErrors, validationError } from './errors.js';
import { uuid } from './resources/fields.js';
import { STAFF } from './resources/resource.js';

export interface DialerRoutesDeps { db: Db; clock: Clock; audit: AuditLog; dialer?: LiveDialer }

const READ = [...STAFF, 'agent'];
const meta = { tags: ['campaigns'], 'x-client-scope': 'entity' } as const;

/**
 * The live dialer's API: a campaign's figures (dial level, lines in use,
 * live answers, abandonment over 30 days (US) and 24 hours (UK), leads
 * remaining, dispositions; the same object is published as `campaign.stats`
 * every few seconds while it dials), and preview mode's "dial this lead".
 */
export const dialerRoutes: FastifyPluginAsync<DialerRoutesDeps> = async (app, { db, clock, audit, dialer }) => {
  const records = dialer?.records ?? new AttemptRecords(db, clock);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const find = async (caller: Caller, id: string) => {
    const [c] = READ.includes(caller.role)
      ? await db.select().from(campaigns).where(and(eq(campaigns.id, id), clientCondition(caller.scope, campaigns.clientId)))
      : [];
    return c;
  };
  const load = async (caller: Caller, id: string) => {
    const c = await find(caller, id);
    if (c === undefined) throw ApiErrors.create('NOT_FOUND', { entity: 'campaign' }, 'campaign not found');
    return c;
  };
  // Another client's campaign is a plain 404 before the body is looked at.
  const visible = visibleFirst(find);

  r.get('/campaigns/:id/stats', { schema: { ...meta, summary: 'The campaign\'s live dialing figures', params: z.object({ id: uuid }) } }, async (req) => {
    const c = await load(callerOf(req), req.params.id);
    return dialer !== undefined ? dialer.figures(c) : loadFigures(records, c, clock.now());
  });

  r.post('/campaigns/:id/leads/:lead_id/dial', {
    preValidation: visible,
    schema: { ...meta, summary: 'Preview mode: ring the agent\'s phone, then dial the lead and connect them (202; the call goes on)',
      params: z.object({ id: uuid, lead_id: uuid }), body: z.object({ agent_id: uuid.optional() }).strict().optional() },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const c = await load(caller, req.params.id);
    requireRole(caller, ['admin', 'supervisor', 'agent']);
    let agentId = req.body?.agent_id;
    if (caller.role === 'agent') {
      // An agent dials for themself only.
      const [me] = await db.select({ id: agents.id }).from(agents).where(eq(agents.userId, caller.userId));
      if (me === undefined || (agentId !== undefined && agentId !== me.id)) throw ApiErrors.create('FORBIDDEN', { field: 'agent_id' }, 'an agent dials for themself');
      agentId = me.id;
    }
    if (agentId === undefined) throw validationError([{ path: 'agent_id', message: 'is required (the agent whose phone rings first)' }]);
    if (c.mode !== 'preview') throw CampaignErrors.create('CAMPAIGN_NOT_RUNNING', { mode: c.mode }, 'only preview campaigns are dialed by their agents; this one paces itself');
    if (c.status !== 'running') throw CampaignErrors.create('CAMPAIGN_NOT_RUNNING', { status: c.status }, `the campaign is ${c.status}: start it first`);
    if (dialer === undefined) throw CampaignErrors.create('CAMPAIGN_AGENT_UNREACHABLE', {}, 'telephony is off (SIP_ENABLED=false)');
    const [l] = await db.select().from(leads).where(and(eq(leads.id, req.params.lead_id), eq(leads.campaignId, c.id)));
    if (l === undefined) throw ApiErrors.create('NOT_FOUND', { entity: 'lead' }, 'lead not found');
    const dnc = await dncAmong(db, c.clientId, [l.phone]);
    const why = whyNotDialable(c, toSelectorLead(l), (p) => dnc.has(p), clock.now());
    if (why !== null) throw CampaignErrors.create('CAMPAIGN_LEAD_NOT_DIALABLE', { reason: why }, `the lead may not be dialed now: ${why}`);
    const started = await dialer.previewDial(c, { id: l.id, phone: l.phone, attempts: l.attempts }, agentId);
    await audit.record({ action: 'campaign.preview_dial', entity: 'lead', entityId: l.id, clientId: c.clientId, actor: caller, after: { agent_id: agentId, interaction_id: started.interactionId } });
    return reply.code(202).send({ interaction_id: started.interactionId });
  });
};
