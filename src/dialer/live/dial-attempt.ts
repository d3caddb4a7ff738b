import type { Logger } from '../../platform/logger.js';
import type { Clock } from '../../platform/clock.js';
import type { VoiceService } from '../../calls/voice/voice-service.js';
import { LegAudio } from '../../calls/voice/leg-audio.js';
import { fromHeader, outboundLeg, type VoiceLeg } from '../../calls/voice/leg.js';
import type { CallInQueue } from '../../calls/voice/call-in-queue.js';
import { AnsweringMachineDetector, BeepDetector, type AmdDecision } from '../amd/index.js';
import type { PacingEvent } from '../pacing-types.js';
import type { CampaignRecord } from '../campaigns/lead-store.js';
import type { AttemptRecords } from './attempt-records.js';
import { connectDeadlineMs, failureResult, ringTimeoutMs, routeOf, type DialResult } from './attempt-rules.js';
import { FrameClock } from './frame-clock.js';

/** Top priority in the campaign's queue: a live answer has 2 s, an inbound caller minutes. */
export const LIVE_ANSWER_PRIORITY = 10;
const TICK_MS = 50;

export interface AttemptDeps {
  readonly voice: VoiceService;
  readonly records: AttemptRecords;
  readonly clock: Clock;
  readonly log: Logger;
  /** What the pacing policy learns. */
  observe(e: PacingEvent): void;
  /** The compliance message for this campaign (8 kHz audio; cached by the caller). */
  complianceMessage(): Promise<Int16Array>;
  /** The live answer is waiting for an agent (true) or no longer (false). */
  waiting(on: boolean): void;
  /** An agent took a live answer, or finished with it (`talkMs`). */
  agent(e: { kind: 'busy'; agentId: string | undefined } | { kind: 'wrap'; agentId: string | undefined; talkMs: number }): void;
}

export interface AttemptLead {
  readonly id: string;
  readonly phone: string;
  readonly attempts: number;
}

/**
 * One call of a campaign, from the INVITE to the lead's disposition:
 *
 *   dial ─not answered─► busy | no_answer | failed            (lead: retry rule)
 *     └─answered─► AMD ─machine─► hang up | message after the beep | agent
 *                    └─human / unknown─► queued at top priority ─agent answers─► connected
 *                                                └─2 s after the greeting─► compliance message, hang up: abandoned
 *
 * Every attempt is an outbound voice interaction (campaign_id, lead_id) with
 * a CDR row for the customer's leg; the agent's legs get theirs from the
 * voice layer, which rings them as it rings for inbound calls.
 */
export async function runAttempt(d: AttemptDeps, c: CampaignRecord, lead: AttemptLead): Promise<DialResult> {
  const ctx = d.voice.outbound;
  const placedAt = d.clock.now();
  const log = d.log.child({ campaignId: c.id, leadId: lead.id });
  const route = await ctx.outsideRoute(c.clientId, lead.phone);
  const interactionId = await d.records.createAttempt(c, lead);
  if ('refused' in route) {
    log.warn({ reason: route.refused }, 'lead not dialable through the client\'s dial plan');
    await d.records.merge(interactionId, { dial_error: route.refused });
    return finish(d, c, lead, interactionId, 'failed', false);
  }
  const legRow = await ctx.records.openLeg({
    interactionId, clientId: c.clientId, sipCallId: '', direction: 'outbound', role: 'customer', from: c.callerId, to: route.target, trunkId: route.trunkId,
  });
  const leg = await ctx.dial({
    target: route.target, route: route.route, auth: route.auth, ringTimeoutMs: ringTimeoutMs(c.complianceProfile), from: fromHeader(c.callerId, ctx.host),
  });
  if (!leg.answered) {
    await ctx.records.closeLeg(legRow, { reason: leg.failure?.reason ?? 'failed', sipStatus: leg.failure?.status, sipCallId: leg.sipCallId });
    const result = failureResult(leg.failure);
    if (result === 'busy' || result === 'no_answer') d.observe({ kind: result, atMs: d.clock.now(), placedAtMs: placedAt });
    return finish(d, c, lead, interactionId, result, false);
  }
  const answeredAt = d.clock.now();
  await ctx.records.legAnswered(legRow, leg.sipCallId);
  const customer = outboundLeg(leg);
  customer.onEnded((e) => void ctx.records.closeLeg(legRow, { reason: e.byRemote ? 'customer_hangup' : e.reason, rtp: e.rtp }));
  const audio = new LegAudio(customer);
  const heard = await listen(d, customer, audio, answeredAt);
  if (heard === undefined) {
    d.observe({ kind: 'no_answer', atMs: d.clock.now(), placedAtMs: placedAt });
    return finish(d, c, lead, interactionId, 'customer_hangup', true);
  }
  const { decision, stop } = heard;
  await d.records.merge(interactionId, { amd: { result: decision.result, reason: decision.reason, after_answer_ms: decision.afterAnswerMs } });
  const action = routeOf(decision, c.machineAction);
  log.info({ amd: decision.result, reason: decision.reason, action }, 'answered');
  if (action !== 'agent') {
    d.observe({ kind: 'answered_machine', atMs: d.clock.now(), placedAtMs: placedAt });
    if (action === 'message') {
      const left = await leaveMessage(d, c, customer, audio, decision, stop);
      await customer.hangup('machine message left');
      return finish(d, c, lead, interactionId, left ? 'machine_message' : 'machine', true);
    }
    stop.audio();
    await customer.hangup('answering machine');
    return finish(d, c, lead, interactionId, 'machine', true);
  }
  stop.audio();
  d.observe({ kind: 'answered_human', atMs: d.clock.now(), placedAtMs: placedAt });
  return toAgent(d, c, lead, { interactionId, customer, audio, deadline: connectDeadlineMs(decision, answeredAt), log });
}

/** AMD on the answered leg until it decides; undefined when the called party hung up first. */
function listen(d: AttemptDeps, leg: VoiceLeg, audio: LegAudio, answeredAt: number): Promise<{ decision: AmdDecision; stop: { audio(): void } } | undefined> {
  const amd = new AnsweringMachineDetector({}, answeredAt);
  const frames = new FrameClock();
  return new Promise((resolve) => {
    let done = false;
    const stopAudio = audio.listen((pcm) => {
      for (const f of frames.frames(pcm, d.clock.now())) {
        if (!done && amd.push(f.frame, f.atMs) !== undefined) decided();
      }
    });
    const timer = setInterval(() => {
      if (!done && amd.tick(Math.max(d.clock.now(), frames.endMs)) !== undefined) decided();
    }, TICK_MS);
    const offEnd = leg.onEnded(() => {
      if (done) return;
      done = true;
      clearInterval(timer);
      resolve(undefined);
    });
    function decided(): void {
      done = true;
      clearInterval(timer);
      offEnd();
      resolve({ decision: amd.decision!, stop: { audio: () => stopAudio() } });
    }
  });
}

/** After the beep (or the greeting's end), the campaign's message; false when neither came in time. */
async function leaveMessage(d: AttemptDeps, c: CampaignRecord, leg: VoiceLeg, audio: LegAudio, decision: AmdDecision, s: { audio(): void }): Promise<boolean> {
  const text = c.machineMessage ?? `This is a message from ${c.name}. Please call us back at ${c.callerId.replace(/^\+/, '').split('').join(' ')}.`;
  const speech = d.voice.outbound.prompts.speak(text);
  let ready = decision.reason === 'beep';
  if (!ready) {
    const beep = new BeepDetector(decision.atMs);
    const frames = new FrameClock();
    ready = await new Promise<boolean>((resolve) => {
      s.audio();
      let stop: () => void = () => {};
      const timer = setInterval(() => {
        const r = beep.tick(Math.max(d.clock.now(), frames.endMs));
        if (r !== undefined) end(r.kind !== 'timeout');
      }, TICK_MS);
      const offEnd = leg.onEnded(() => end(false));
      stop = audio.listen((pcm) => {
        for (const f of frames.frames(pcm, d.clock.now())) {
          const r = beep.push(f.frame, f.atMs);
          if (r !== undefined) return end(r.kind !== 'timeout');
        }
      });
      function end(ok: boolean): void {
        clearInterval(timer);
        offEnd();
        stop();
        resolve(ok);
      }
    });
  } else {
    s.audio();
  }
  if (!ready || leg.ended) return false;
  await audio.play(await speech);
  return true;
}

/** The live answer goes to an agent of the campaign's queue, or hears the compliance message at the deadline. */
async function toAgent(d: AttemptDeps, c: CampaignRecord, lead: AttemptLead,
  a: { interactionId: string; customer: VoiceLeg; audio: LegAudio; deadline: number; log: Logger }): Promise<DialResult> {
  const { interactionId, customer, audio, log } = a;
  let cq: CallInQueue | undefined;
  d.waiting(true);
  try {
    if (c.queueId !== null) {
      cq = await d.voice.connectCustomer(customer, audio, { interactionId, clientId: c.clientId, queueId: c.queueId, customerNumber: lead.phone, priority: LIVE_ANSWER_PRIORITY });
    }
  } catch (err) {
    log.error({ err }, 'the live answer could not be queued');
  }
  const first = await new Promise<'connected' | 'deadline' | 'gone'>((resolve) => {
    const t = setTimeout(() => resolve('deadline'), Math.max(0, a.deadline - d.clock.now()));
    cq?.onConnected(() => {
      clearTimeout(t);
      resolve('connected');
    });
    customer.onEnded(() => {
      clearTimeout(t);
      resolve('gone');
    });
  });
  d.waiting(false);
  if (first === 'connected' && cq !== undefined) {
    const connectedAt = d.clock.now();
    const agentId = cq.agentId;
    d.observe({ kind: 'connected', atMs: connectedAt });
    d.observe({ kind: 'agent_busy', atMs: connectedAt });
    d.agent({ kind: 'busy', agentId });
    await d.records.merge(interactionId, { dial_result: 'connected', connected_ms_after_deadline: connectedAt - a.deadline });
    await d.records.dispose(c, lead.id, 'connected');
    await cq.outcome;
    if (!customer.ended) await customer.hangup('conversation over');
    d.agent({ kind: 'wrap', agentId, talkMs: d.clock.now() - connectedAt });
    return 'connected';
  }
  if (first === 'gone') {
    cq?.exit('caller_hangup');
    return finish(d, c, lead, interactionId, 'customer_hangup', true);
  }
  // Deadline: out of the queue (a phone still ringing is cancelled), then the message and goodbye.
  cq?.exit('timeout');
  d.observe({ kind: 'abandoned', atMs: d.clock.now() });
  log.info({ interactionId }, 'no agent within 2 s of the greeting: compliance message');
  await d.records.merge(interactionId, { message_started_ms_after_deadline: d.clock.now() - a.deadline });
  if (!customer.ended) {
    try {
      await audio.play(await d.complianceMessage());
    } catch (err) {
      log.error({ err }, 'the compliance message could not be played');
    }
    await customer.hangup('abandoned: no agent free');
  }
  if (cq !== undefined) await d.voice.outbound.routing.store(interactionId, { state: 'abandoned', outcome: 'abandoned' });
  return finish(d, c, lead, interactionId, 'abandoned', true);
}

async function finish(d: AttemptDeps, c: CampaignRecord, lead: AttemptLead, interactionId: string, result: DialResult, answered: boolean): Promise<DialResult> {
  await d.records.endAttempt(interactionId, result, answered);
  await d.records.merge(interactionId, { dial_result: result });
  await d.records.dispose(c, lead.id, result === 'machine_message' ? 'machine_message' : result);
  return result;
}
