import { eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { interactions } from '../../store/schema.js';
import type { VoiceService } from '../../calls/voice/voice-service.js';
import { bridgeLegs } from '../../calls/voice/leg-audio.js';
import { fromHeader, outboundLeg, routeTo } from '../../calls/voice/leg.js';
import { CampaignErrors } from '../campaigns/campaign-errors.js';
import type { CampaignRecord } from '../campaigns/lead-store.js';
import type { AttemptRecords } from './attempt-records.js';
import { failureResult, ringTimeoutMs } from './attempt-rules.js';
import type { AttemptLead } from './dial-attempt.js';

/**
 * Preview mode: the agent has read the lead and presses "dial". Their phone
 * rings first (they are on the line before the customer is), then the lead
 * is dialed through the trunk and the two are bridged: a live person always
 * finds an agent, so there is no AMD and no abandon. While it lasts the
 * agent is in aux "preview call" so routing offers them nothing else.
 * Returns at once with the attempt's interaction id; the call goes on.
 */
export async function previewDial(d: { voice: VoiceService; records: AttemptRecords; clock: Clock; log: Logger },
  c: CampaignRecord, lead: AttemptLead, agentId: string): Promise<{ interactionId: string; done: Promise<string> }> {
  const ctx = d.voice.outbound;
  const ext = await ctx.agentExtension(agentId);
  const contact = ext === undefined ? undefined : ctx.phones.contacts(ext)[0];
  if (contact === undefined) throw CampaignErrors.create('CAMPAIGN_AGENT_UNREACHABLE', { agentId }, 'the agent has no registered phone');
  let state: string | undefined;
  try {
    state = ctx.routing.engine.agent(agentId).state;
  } catch {
    state = undefined;
  }
  if (state !== 'available') throw CampaignErrors.create('CAMPAIGN_AGENT_UNREACHABLE', { agentId, state }, `the agent is ${state ?? 'not logged in'}, not available`);
  ctx.routing.run((e) => e.setAux(agentId, 'preview call'));
  const interactionId = await d.records.createAttempt(c, lead);
  await d.voice.outbound.db.update(interactions).set({ agentId }).where(eq(interactions.id, interactionId));
  const done = run().catch((err: unknown) => {
    d.log.error({ err, interactionId }, 'preview call failed');
    return 'error';
  }).finally(() => {
    try {
      if (ctx.routing.engine.agent(agentId).state === 'aux') ctx.routing.run((e) => e.setAvailable(agentId));
    } catch {
      // the agent logged out meanwhile
    }
  });
  return { interactionId, done };

  async function run(): Promise<string> {
    const log = d.log.child({ campaignId: c.id, leadId: lead.id, agentId, interactionId });
    const agentRow = await ctx.records.openLeg({ interactionId, clientId: c.clientId, sipCallId: '', direction: 'outbound', role: 'agent', from: lead.phone, to: contact!.uri, agentId });
    const agentLeg = await ctx.dial({ target: contact!.uri, route: routeTo(contact!.source), from: fromHeader(lead.phone, ctx.host), ringTimeoutMs: 20_000 });
    if (!agentLeg.answered) {
      await ctx.records.closeLeg(agentRow, { reason: agentLeg.failure?.reason ?? 'failed', sipStatus: agentLeg.failure?.status, sipCallId: agentLeg.sipCallId });
      // The lead was not called: no attempt counted on it.
      await d.records.endAttempt(interactionId, 'failed', false);
      await d.records.merge(interactionId, { dial_result: 'agent_unreachable' });
      return 'agent_unreachable';
    }
    await ctx.records.legAnswered(agentRow, agentLeg.sipCallId);
    const agent = outboundLeg(agentLeg);
    agent.onEnded((e) => void ctx.records.closeLeg(agentRow, { reason: e.byRemote ? 'agent_hangup' : e.reason, rtp: e.rtp }));
    const route = await ctx.outsideRoute(c.clientId, lead.phone);
    if ('refused' in route) {
      log.warn({ reason: route.refused }, 'previewed lead not dialable');
      await agent.hangup('lead not dialable');
      return finish('failed', false);
    }
    const customerRow = await ctx.records.openLeg({
      interactionId, clientId: c.clientId, sipCallId: '', direction: 'outbound', role: 'customer', from: c.callerId, to: route.target, trunkId: route.trunkId,
    });
    const leg = await ctx.dial({ target: route.target, route: route.route, auth: route.auth, ringTimeoutMs: ringTimeoutMs(c.complianceProfile), from: fromHeader(c.callerId, ctx.host) });
    if (!leg.answered || agent.ended) {
      await ctx.records.closeLeg(customerRow, { reason: leg.failure?.reason ?? 'agent_gone', sipStatus: leg.failure?.status, sipCallId: leg.sipCallId });
      if (leg.answered) await leg.hangup('agent gone');
      if (!agent.ended) await agent.hangup('customer not reached');
      return finish(leg.answered ? 'customer_hangup' : failureResult(leg.failure), leg.answered);
    }
    await ctx.records.legAnswered(customerRow, leg.sipCallId);
    const customer = outboundLeg(leg);
    const bridge = bridgeLegs(customer, agent);
    await d.records.merge(interactionId, { dial_result: 'connected' });
    await d.voice.outbound.db.update(interactions).set({ state: 'active', answeredAt: new Date(d.clock.now()) }).where(eq(interactions.id, interactionId));
    await d.records.dispose(c, lead.id, 'connected');
    log.info('preview call connected');
    await new Promise<void>((resolve) => {
      customer.onEnded((e) => {
        void ctx.records.closeLeg(customerRow, { reason: e.byRemote ? 'customer_hangup' : e.reason, rtp: e.rtp });
        void agent.hangup('customer hung up');
        resolve();
      });
      agent.onEnded(() => {
        void customer.hangup('agent hung up');
        resolve();
      });
    });
    bridge.dispose();
    await d.records.endAttempt(interactionId, 'connected', false);
    return 'connected';
  }

  async function finish(result: Parameters<AttemptRecords['endAttempt']>[1], answered: boolean): Promise<string> {
    await d.records.endAttempt(interactionId, result, answered);
    await d.records.merge(interactionId, { dial_result: result });
    await d.records.dispose(c, lead.id, result);
    return result;
  }
}
