import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/event-bus.js';
import type { Logger } from '../../platform/logger.js';
import { decryptSecret } from '../../platform/secrets.js';
import { normaliseUser } from '../call-target.js';
import type { RoutingService } from '../../routing/service/routing-service.js';
import type { Decision } from '../../routing/types.js';
import type { Db } from '../../store/database.js';
import { agents, businessHours, clients, flows, interactions, phoneNumbers, queues, trunks } from '../../store/schema.js';
import type { PortAllocator } from '../../media/rtp/port-allocator.js';
import type { UserAgent } from '../../sip/ua/user-agent.js';
import type { CallSession } from '../call-session.js';
import { CallErrors } from '../errors.js';
import { FlowRunner } from '../flows/flow-runner.js';
import type { EnqueueOptions, QueueExit, QueueOutcome, QueueWait, TransferResult, TransferTarget, VoicemailOptions, VoicemailResult } from '../flows/flow-call.js';
import type { BusinessHours } from '../flows/business-hours.js';
import { parseFlow } from '../flows/validate-flow.js';
import { OutboundLeg } from '../outbound-leg.js';
import { AgentPhones } from './agent-phones.js';
import { CallInQueue } from './call-in-queue.js';
import { CallRecords } from './call-records.js';
import { holdMusic } from './hold-music.js';
import { bridgeLegs, type LegAudio } from './leg-audio.js';
import { fromHeader, outboundLeg, routeTo, type VoiceLeg } from './leg.js';
import { PromptLibrary } from './prompt-library.js';
import { VoiceCall, type VoiceCallHost } from './voice-call.js';
import type { BrowserDevice, CallChange, OutsideRoute, VoiceContext } from './voice-context.js';
import { recordVoicemail, VoicemailInQueue } from './voicemail.js';

export interface VoiceServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly routing: RoutingService;
  readonly dataDir: string;
  readonly realm: string;
  readonly secretKey: () => Buffer;
  /** Log agents in when their phone registers (default true). */
  readonly loginOnRegister?: boolean;
  /** Admin events: a replaced or deleted prompt must not keep playing from the cache. */
  readonly bus?: EventBus;
}

/** What a number resolves to when a call arrives. */
export interface NumberMatch {
  readonly numberId: string;
  readonly e164: string;
  readonly clientId: string;
  readonly flowId: string;
}

/**
 * Inbound voice, end to end: a call to one of a client's numbers runs that
 * number's flow (IVR) on a VoiceCall; `enqueue` steps become interactions
 * in the routing engine (CallInQueue), whose offers ring agents' phones;
 * voicemails are routed too (VoicemailInQueue). Everything is stored as it
 * happens (CallRecords) and a restart closes what a crash left open.
 */
export class VoiceService implements VoiceCallHost {
  readonly phones: AgentPhones;
  readonly records: CallRecords;
  #ctx: VoiceContext | undefined;
  readonly #waiting = new Map<string, CallInQueue | VoicemailInQueue>();
  readonly #calls = new Map<string, VoiceCall>();
  readonly #extensions = new Map<string, string>();
  #unsubscribe: (() => void) | undefined;
  readonly #prompts: PromptLibrary;
  readonly #hold = holdMusic();
  #browser: BrowserDevice | undefined;
  readonly #changeListeners = new Set<(c: CallChange) => void>();

  constructor(private readonly deps: VoiceServiceDeps) {
    this.phones = new AgentPhones(deps.db, deps.clock, deps.realm, deps.log.child({ part: 'phones' }));
    this.records = new CallRecords(deps.db, deps.clock, deps.dataDir, deps.log);
    this.#prompts = new PromptLibrary(deps.db, deps.dataDir);
    if (deps.loginOnRegister !== false) this.phones.onPresence = (ext, registered) => void this.#phonePresence(ext, registered).catch((err: unknown) => deps.log.warn({ err, ext }, 'could not follow the phone\'s registration'));
  }

  /**
   * A desk-phone agent has no desktop to log in with: their phone coming
   * online logs them in available, and its last registration going away
   * logs them out (once their work in hand is done). Off with
   * AGENT_LOGIN_ON_REGISTER=false.
   */
  async #phonePresence(extension: string, registered: boolean): Promise<void> {
    const [a] = await this.deps.db.select({ id: agents.id }).from(agents).where(and(eq(agents.extension, extension), eq(agents.disabled, false)));
    if (a === undefined || !this.deps.routing.engine.agentIds().includes(a.id)) return;
    const state = this.deps.routing.engine.agent(a.id).state;
    if (registered && state === 'offline') {
      this.deps.routing.run((e) => e.login(a.id));
      this.deps.routing.run((e) => e.setAvailable(a.id));
      this.deps.log.info({ extension }, 'agent logged in by their phone\'s registration');
    } else if (!registered && state !== 'offline') {
      this.deps.routing.run((e) => e.logout(a.id));
      this.deps.log.info({ extension }, 'agent logged out: their phone unregistered');
    }
  }

  #pendingCallbacks: Array<{ id: string; clientId: string; queueId: string; priority: number }> = [];

  /** Live calls in the IVR or queue, and queued callbacks / voicemails. */
  get activeCalls(): number {
    return this.#calls.size;
  }

  /**
   * Closes what a crash left open, queues pending callbacks again, and
   * starts listening to routing decisions. Call after the routing service
   * has started and before SIP accepts calls.
   */
  async recover(): Promise<void> {
    const r = await this.records.recover();
    if (r.legs + r.calls + r.recordings > 0) this.deps.log.warn({ legs: r.legs, calls: r.calls, recordings: r.recordings }, 'closed calls left open by an unclean stop');
    const offDecisions = this.deps.routing.onDecision((d) => this.#onDecision(d));
    const offAdmin = this.deps.bus?.subscribe((e) => {
      if (e.type.startsWith('admin.prompt.') && typeof e.data.id === 'string') this.#prompts.forget(e.data.id);
      if (e.type === 'admin.agent.update' && typeof e.data.id === 'string') this.forgetAgent(e.data.id);
    });
    this.#unsubscribe = () => {
      offDecisions();
      offAdmin?.();
    };
    // Queued again once the SIP side is attached: a callback offered at once must be able to dial.
    this.#pendingCallbacks = r.callbacks;
  }

  /** Callbacks a crash left waiting, queued again in the engine (they keep their interaction). */
  async #requeueCallbacks(): Promise<void> {
    const pending = this.#pendingCallbacks;
    this.#pendingCallbacks = [];
    for (const cb of pending) {
      if (this.deps.routing.queue(cb.queueId) === undefined) continue;
      const [row] = await this.deps.db.select({ number: sql<string | null>`${interactions.attributes}->>'callback_number'` }).from(interactions).where(eq(interactions.id, cb.id));
      await CallInQueue.start(this.#context(), {
        interactionId: cb.id, clientId: cb.clientId, queueId: cb.queueId, customerNumber: row?.number ?? '', record: await this.#recordPolicy(cb.clientId, cb.queueId),
        priority: cb.priority, onDone: (c) => this.#waiting.delete(c.interactionId), rekey: (c, old) => this.#rekey(c, old),
      }, (c) => this.#waiting.set(c.interactionId, c));
    }
    if (pending.length > 0) this.deps.log.info({ callbacks: pending.length }, 'pending callbacks queued again');
  }

  /** Hears every hold / consultation change of a conversation (the desktop shows it, whoever made it). */
  onCallChanged(listener: (c: CallChange) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** The agent desktop's softphone: agents working in the browser are rung there (src/desktop). */
  useBrowser(device: BrowserDevice): void {
    this.#browser = device;
  }

  /** Binds the SIP side (called by telephony once the stack is up). */
  attach(sip: { ua: UserAgent; allocator: PortAllocator; mediaAddress: string; host: string }): void {
    const { deps } = this;
    const browser = (): BrowserDevice | undefined => this.#browser;
    this.#ctx = {
      get browser() {
        return browser();
      },
      db: deps.db, clock: deps.clock, log: deps.log.child({ part: 'voice' }), routing: deps.routing, records: this.records, phones: this.phones,
      prompts: this.#prompts, host: sip.host, holdMusic: this.#hold,
      dial: (o) => OutboundLeg.dial({ ...o, ua: sip.ua, allocator: sip.allocator, address: sip.mediaAddress, log: deps.log.child({ part: 'voice' }) }),
      agentExtension: (id) => this.#agentExtension(id),
      outsideRoute: (clientId, number) => this.#outsideRoute(clientId, number),
      callChanged: (c) => {
        for (const l of this.#changeListeners) l(c);
      },
    };
    void this.#requeueCallbacks().catch((err: unknown) => deps.log.error({ err }, 'pending callbacks could not be queued again'));
  }

  #context(): VoiceContext {
    if (this.#ctx === undefined) throw new Error('voice service used before telephony attached it');
    return this.#ctx;
  }

  stop(): void {
    this.#unsubscribe?.();
  }

  /**
   * The number a call is for: the Request-URI's user part as E.164 with or
   * without '+', enabled, with a flow. A number bound to a trunk with
   * allowed source addresses refuses calls from anywhere else.
   */
  async lookup(user: string, source: string): Promise<NumberMatch | undefined> {
    if (!/^\+?[0-9]{3,16}$/.test(user)) return undefined;
    const digits = user.replace(/^\+/, '');
    const [n] = await this.deps.db.select({ id: phoneNumbers.id, e164: phoneNumbers.e164, clientId: phoneNumbers.clientId, flowId: phoneNumbers.flowId, trunkId: phoneNumbers.trunkId })
      .from(phoneNumbers).innerJoin(clients, eq(clients.id, phoneNumbers.clientId))
      .where(and(inArray(phoneNumbers.e164, [`+${digits}`, digits]), eq(phoneNumbers.disabled, false), eq(clients.disabled, false))).limit(1);
    if (n === undefined) return undefined;
    if (n.flowId === null) throw CallErrors.create('CALL_NUMBER_CLOSED', { number: n.e164 });
    if (n.trunkId !== null) {
      const [t] = await this.deps.db.select({ allowed: trunks.allowedSources }).from(trunks).where(eq(trunks.id, n.trunkId));
      if (t !== undefined && t.allowed.length > 0 && !t.allowed.some((a) => addressMatches(a, source))) {
        throw CallErrors.create('CALL_SOURCE_REFUSED', { number: n.e164, source });
      }
    }
    return { numberId: n.id, e164: n.e164, clientId: n.clientId, flowId: n.flowId };
  }

  /** Whether `user` (a Request-URI user, as matched) is the account of a trunk that registers with its carrier. */
  async isRegisteredAccount(user: string): Promise<boolean> {
    const rows = await this.deps.db.select({ username: trunks.username }).from(trunks).where(and(eq(trunks.register, true), eq(trunks.disabled, false)));
    return rows.some((r) => r.username !== null && normaliseUser(r.username) === user);
  }

  /** Runs the number's flow on the call; resolves when the flow and the call are over. */
  async run(call: CallSession, match: NumberMatch): Promise<void> {
    const ctx = this.#context();
    const [flowRow] = await this.deps.db.select().from(flows).where(and(eq(flows.id, match.flowId), eq(flows.disabled, false)));
    if (flowRow === undefined) throw CallErrors.create('CALL_NUMBER_CLOSED', { number: match.e164 });
    const flow = parseFlow(flowRow.definition, { tts: true });
    const caller = callerOf(call);
    const interactionId = await this.records.createCall({
      clientId: match.clientId, caller, called: match.e164, sipCallId: call.id,
      attributes: { flow_id: flowRow.id, flow_name: flowRow.name, number_id: match.numberId },
    });
    const legRow = await this.records.openLeg({
      interactionId, clientId: match.clientId, sipCallId: call.id, direction: 'inbound', role: 'caller', from: caller, to: match.e164,
    });
    const log = ctx.log.child({ interactionId, callId: call.id });
    const vc = new VoiceCall(call, ctx, this, { interactionId, clientId: match.clientId, caller, called: match.e164, log, hours: await this.#hoursOf(match.clientId) },
      { caller, called: match.e164, client_id: match.clientId, interaction_id: interactionId });
    this.#calls.set(interactionId, vc);
    const runner = new FlowRunner(flow, vc, { log });
    call.onEnded((s) => {
      runner.kill();
      void this.records.closeLeg(legRow, { reason: s.reason.startsWith('remote') ? 'caller_hangup' : s.reason, rtp: s.rtp });
    });
    void call.whenActive().then((ok) => {
      if (ok) void this.records.legAnswered(legRow);
    });
    log.info({ flow: flowRow.name, number: match.e164, caller }, 'call entered its flow');
    const result = await runner.run();
    this.#calls.delete(interactionId);
    const attributes = runner.attributes();
    // The summary strings for the screen pop, and the structured path (step, id, verb, outcome, time) for reports.
    await this.records.mergeAttributes(interactionId, {
      ...attributes, flow_end: result.reason,
      path: result.path.map((p) => ({ step: p.step, id: p.id, verb: p.verb, outcome: p.outcome, at: new Date(p.at).toISOString() })),
      digit_entries: result.digits,
    });
    // An after-call survey's answer (the variable its `into` names, csat by default) goes onto the interaction.
    const surveyVars = ((flowRow.definition.steps as Array<Record<string, unknown>> | undefined) ?? [])
      .filter((st) => typeof st.survey === 'object' && st.survey !== null)
      .map((st) => ((st.survey as { into?: string }).into ?? 'csat'));
    const csat = surveyVars.map((v) => result.variables[v]).find((x) => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 5);
    if (typeof csat === 'number') await this.records.setCsat(interactionId, csat);
    if (!call.ended) await call.hangup(result.reason === 'error' ? 'flow error' : 'flow ended');
    // A call that never reached routing ends here; one that did was closed by routing.
    const outcome = result.reason === 'caller_hangup' || result.reason === 'killed' ? 'abandoned'
      : result.reason === 'transferred' ? 'transferred' : result.reason === 'error' ? 'failed' : 'completed';
    await this.records.endUnrouted(interactionId, outcome);
    log.info({ reason: result.reason, steps: result.steps }, 'flow ended');
  }

  // ---- VoiceCallHost ----------------------------------------------------------------

  enqueue(call: VoiceCall, queueName: string, options: EnqueueOptions): QueueWait {
    const ctx = this.#context();
    const pending = new PendingWait();
    void (async () => {
      const [q] = await this.deps.db.select({ id: queues.id }).from(queues)
        .where(and(eq(queues.clientId, call.info.clientId), or(sql`lower(${queues.name}) = lower(${queueName})`, sql`${queues.id}::text = ${queueName}`), eq(queues.disabled, false))).limit(1);
      if (q === undefined || this.deps.routing.queue(q.id) === undefined) throw CallErrors.create('CALL_QUEUE_UNKNOWN', { queue: queueName });
      await this.records.mergeAttributes(call.info.interactionId, { ...options.attributes });
      const audio = call.audio;
      if (audio === undefined) await call.answer();
      if (call.ended || call.audio === undefined) {
        pending.resolveWith({ kind: 'caller_hangup' });
        return;
      }
      const c = await CallInQueue.start(ctx, {
        interactionId: call.info.interactionId, clientId: call.info.clientId, queueId: q.id, caller: { leg: call.leg, audio: call.audio },
        customerNumber: call.info.caller, record: await this.#recordPolicy(call.info.clientId, q.id), priority: options.priority,
        onDone: (x) => this.#waiting.delete(x.interactionId), rekey: (x, old) => this.#rekey(x, old),
      }, (x) => this.#waiting.set(x.interactionId, x));
      pending.bind(c);
    })().catch((err: unknown) => {
      call.info.log.error({ err }, 'could not queue the call');
      pending.resolveWith({ kind: 'timeout' });
    });
    return pending;
  }

  async transfer(call: VoiceCall, target: TransferTarget): Promise<TransferResult> {
    const ctx = this.#context();
    await call.answer();
    if (target.kind === 'queue') {
      const wait = this.enqueue(call, target.queue, { attributes: { transferred_from_flow: true } });
      const outcome = await wait.outcome;
      return outcome.kind === 'answered' ? { ok: true } : { ok: false, reason: outcome.kind };
    }
    let dialTarget: { target: string; route?: string; auth?: OutsideRoute['auth']; trunkId?: string; agentId?: string };
    if (target.kind === 'agent') {
      const [a] = await this.deps.db.select({ id: agents.id, extension: agents.extension }).from(agents)
        .where(or(eq(agents.extension, target.agent), sql`${agents.id}::text = ${target.agent}`)).limit(1);
      const contact = a === undefined ? undefined : this.phones.contacts(a.extension)[0];
      if (a === undefined || contact === undefined) return { ok: false, reason: 'agent not reachable' };
      dialTarget = { target: contact.uri, route: routeTo(contact.source), agentId: a.id };
    } else {
      const route = await this.#outsideRoute(call.info.clientId, target.number);
      if ('refused' in route) return { ok: false, reason: route.refused };
      dialTarget = { target: route.target, route: route.route, auth: route.auth, trunkId: route.trunkId };
    }
    const legRow = await this.records.openLeg({
      interactionId: call.info.interactionId, clientId: call.info.clientId, sipCallId: '', direction: 'outbound', role: 'transfer',
      from: call.info.caller, to: dialTarget.target, agentId: dialTarget.agentId, trunkId: dialTarget.trunkId,
    });
    const music = call.audio?.play(ctx.holdMusic, true);
    const leg = await ctx.dial({ target: dialTarget.target, route: dialTarget.route, auth: dialTarget.auth, ringTimeoutMs: 30_000, from: fromHeader(call.info.caller, ctx.host) });
    call.stopPlayback();
    await music;
    if (!leg.answered || call.ended) {
      await this.records.closeLeg(legRow, { reason: leg.failure?.reason ?? 'caller_gone', sipStatus: leg.failure?.status, sipCallId: leg.sipCallId });
      if (leg.answered) await leg.hangup('caller gone');
      return { ok: false, reason: leg.failure?.reason ?? 'caller gone' };
    }
    await this.records.legAnswered(legRow, leg.sipCallId);
    const other = outboundLeg(leg);
    const bridge = bridgeLegs(call.leg, other);
    await new Promise<void>((resolve) => {
      other.onEnded((e) => {
        void this.records.closeLeg(legRow, { reason: e.byRemote ? 'transfer_target_hangup' : e.reason, rtp: e.rtp });
        resolve();
      });
      call.leg.onEnded(() => {
        void other.hangup('caller hung up');
        resolve();
      });
    });
    bridge.dispose();
    return { ok: true };
  }

  async voicemail(call: VoiceCall, options: VoicemailOptions): Promise<VoicemailResult> {
    const clientId = call.info.clientId;
    // The message becomes its own interaction (routed like any other), linked to the call.
    const vmId = await this.records.createCall({ clientId, caller: call.info.caller, called: call.info.called, sipCallId: call.call.id, attributes: { voicemail: true } });
    await this.deps.db.update(interactions).set({ parentId: call.info.interactionId, subject: `Voicemail from ${call.info.caller}` }).where(eq(interactions.id, vmId));
    const rec = await this.records.startRecording({ clientId, interactionId: vmId, kind: 'voicemail' });
    const result = await recordVoicemail(this.#context(), call, options, rec.path);
    await this.records.endRecording(rec.id, { durationMs: result.durationS * 1000, pausedMs: 0, failed: !result.recorded });
    if (!result.recorded) {
      await this.records.endUnrouted(vmId, 'failed');
      return result;
    }
    await this.records.mergeAttributes(call.info.interactionId, { voicemail_interaction_id: vmId });
    const queueName = options.queue;
    const [q] = queueName === undefined ? [] : await this.deps.db.select({ id: queues.id }).from(queues)
      .where(and(eq(queues.clientId, clientId), sql`lower(${queues.name}) = lower(${queueName})`)).limit(1);
    if (q === undefined || this.deps.routing.queue(q.id) === undefined) {
      call.info.log.warn({ queue: queueName }, 'voicemail kept but not routed: no such queue');
      await this.records.endUnrouted(vmId, 'voicemail');
      return result;
    }
    const vm = new VoicemailInQueue(this.#context(), { interactionId: vmId, clientId, callerNumber: call.info.caller, path: rec.path, onDone: (v) => this.#waiting.delete(v.interactionId) });
    this.#waiting.set(vmId, vm);
    await this.deps.routing.enqueue({ existingId: vmId, queueId: q.id, clientId, channel: 'voice' });
    return result;
  }

  // ---- routing -------------------------------------------------------------------------

  #onDecision(d: Decision): void {
    // Decisions arrive inside RoutingService.run: act on them after it returns.
    queueMicrotask(() => {
      if (d.kind === 'offer') this.#waiting.get(d.interactionId)?.onOffer(d);
      else if (d.kind === 'offer_withdrawn') this.#waiting.get(d.interactionId)?.onWithdrawn(d.offerId);
      else if (d.kind === 'max_wait') {
        const w = this.#waiting.get(d.interactionId);
        if (w instanceof CallInQueue) w.onEngineExit('timeout');
      } else if (d.kind === 'exit') {
        const w = this.#waiting.get(d.interactionId);
        if (w instanceof CallInQueue) w.onEngineExit(d.action.kind === 'callback' ? 'callback' : d.action.kind === 'voicemail' ? 'voicemail' : 'timeout');
      }
    });
  }

  #rekey(c: CallInQueue, old: string): void {
    this.#waiting.delete(old);
    this.#waiting.set(c.interactionId, c);
  }

  /** The agent a warm transfer of this interaction is consulting now, if any. */
  consultedAgent(interactionId: string): string | undefined {
    const w = this.#waiting.get(interactionId);
    return w instanceof CallInQueue ? w.consultedAgentId : undefined;
  }

  /** The live conversation of an interaction, for the call-control API (404 when there is none). */
  conversation(interactionId: string): CallInQueue {
    const w = this.#waiting.get(interactionId);
    if (!(w instanceof CallInQueue)) throw CallErrors.create('CALL_NOT_FOUND', { interactionId });
    return w;
  }

  /**
   * A customer leg we placed and that was answered (the outbound dialer's
   * live answer) handed to routing as a caller: queued at `priority`, the
   * offers ring agents' phones, the first answer is bridged to it. Its
   * hang-up leaves the queue. The outcome (and exit) is the CallInQueue's.
   */
  async connectCustomer(leg: VoiceLeg, audio: LegAudio, o: { interactionId: string; clientId: string; queueId: string; customerNumber: string; priority?: number }): Promise<CallInQueue> {
    if (this.deps.routing.queue(o.queueId) === undefined) throw CallErrors.create('CALL_QUEUE_UNKNOWN', { queue: o.queueId });
    const c = await CallInQueue.start(this.#context(), {
      interactionId: o.interactionId, clientId: o.clientId, queueId: o.queueId, caller: { leg, audio }, customerNumber: o.customerNumber,
      record: await this.#recordPolicy(o.clientId, o.queueId), priority: o.priority,
      onDone: (x) => this.#waiting.delete(x.interactionId), rekey: (x, old) => this.#rekey(x, old),
    }, (x) => this.#waiting.set(x.interactionId, x));
    leg.onEnded(() => c.exit('caller_hangup'));
    return c;
  }

  /** What the outbound dialer places calls, finds trunks and speaks with (once telephony attached the SIP side). */
  get outbound(): VoiceContext {
    return this.#context();
  }

  /** Live calls: interaction id → state (for the API's list and tests). */
  liveCalls(): Array<{ interactionId: string; state: string; agentId: string | undefined; holding: boolean; monitoring: string | undefined; recording: { id: string; paused: boolean } | undefined }> {
    const out = [];
    for (const w of this.#waiting.values()) {
      if (w instanceof CallInQueue) out.push({ interactionId: w.interactionId, state: w.state, agentId: w.agentId, holding: w.holding, monitoring: w.monitoring, recording: w.recording });
    }
    return out;
  }

  /**
   * Where a transfer goes: an agent's registered phone, an outside number
   * the client's dial plan allows, or (blind only) a queue of the client.
   */
  async transferCall(interactionId: string, to: { kind: 'agent'; agentId: string } | { kind: 'number'; number: string } | { kind: 'queue'; queueId: string }, mode: 'blind' | 'warm'): Promise<{ ok: boolean; reason?: string }> {
    const c = this.conversation(interactionId);
    if (to.kind === 'queue') {
      if (mode === 'warm') throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'a warm transfer needs a person to talk to: an agent or a number' });
      const [q] = await this.deps.db.select({ id: queues.id }).from(queues).where(and(eq(queues.id, to.queueId), eq(queues.clientId, c.o.clientId)));
      if (q === undefined || this.deps.routing.queue(q.id) === undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'no such queue for this client' });
      await c.requeue(q.id);
      return { ok: true };
    }
    if (to.kind === 'agent') {
      let state: string;
      try {
        state = this.deps.routing.engine.agent(to.agentId).state;
      } catch {
        return { ok: false, reason: 'no such agent' };
      }
      if (state !== 'available') return { ok: false, reason: `the agent is not available (${state})` };
      if (mode === 'blind') {
        // Through routing: the agent is offered the call on whatever device they use and is busy while on it.
        await c.requeue(c.queueId, { agentId: to.agentId });
        return { ok: true };
      }
      // The consultation rings where the agent takes calls: their page, or their desk phone.
      if (this.#browser?.wants(to.agentId) === true) return c.transferTo({ target: 'browser', agentId: to.agentId, browser: true }, mode);
      const ext = await this.#agentExtension(to.agentId);
      const contact = ext === undefined ? undefined : this.phones.contacts(ext)[0];
      if (contact === undefined) return { ok: false, reason: 'the agent has no registered phone' };
      return c.transferTo({ target: contact.uri, route: routeTo(contact.source), agentId: to.agentId }, mode);
    }
    const route = await this.#outsideRoute(c.o.clientId, to.number);
    if ('refused' in route) return { ok: false, reason: route.refused };
    return c.transferTo({ target: route.target, route: route.route, auth: route.auth, trunkId: route.trunkId }, mode);
  }

  /** A supervisor listens / whispers / barges from the SIP phone registered to `extension`. */
  async monitorCall(interactionId: string, extension: string, mode: 'listen' | 'whisper' | 'barge'): Promise<{ ok: boolean; reason?: string }> {
    const c = this.conversation(interactionId);
    if (c.monitoring !== undefined) {
      c.setMonitorMode(mode);
      return { ok: true };
    }
    const contact = this.phones.contacts(extension)[0];
    if (contact === undefined) return { ok: false, reason: `no phone is registered to extension ${extension}` };
    return c.monitor({ target: contact.uri, route: routeTo(contact.source) }, mode);
  }

  async #agentExtension(agentId: string): Promise<string | undefined> {
    const known = this.#extensions.get(agentId);
    if (known !== undefined) return known;
    const [a] = await this.deps.db.select({ extension: agents.extension }).from(agents).where(eq(agents.id, agentId));
    if (a !== undefined) this.#extensions.set(agentId, a.extension);
    return a?.extension;
  }

  /** Forgets cached extensions (an admin edited an agent). */
  forgetAgent(agentId: string): void {
    this.#extensions.delete(agentId);
  }

  async #recordPolicy(clientId: string, queueId: string): Promise<boolean> {
    const [q] = await this.deps.db.select({ recording: queues.recording, clientRecords: clients.recordCalls }).from(queues)
      .innerJoin(clients, eq(clients.id, queues.clientId)).where(and(eq(queues.id, queueId), eq(queues.clientId, clientId)));
    if (q === undefined) return false;
    return q.recording === 'always' || (q.recording === 'inherit' && q.clientRecords);
  }

  async #hoursOf(clientId: string): Promise<BusinessHours | undefined> {
    const [h] = await this.deps.db.select({ weekly: businessHours.weekly, holidays: businessHours.holidays, tz: clients.timezone }).from(businessHours)
      .innerJoin(clients, eq(clients.id, businessHours.clientId)).where(and(eq(businessHours.clientId, clientId), eq(businessHours.disabled, false)));
    return h === undefined ? undefined : { timeZone: h.tz, weekly: h.weekly, holidays: h.holidays.map((x) => x.date) };
  }

  /**
   * A client may dial an outside number only when its dial plan allows the
   * number's prefix, through the dial plan's trunk (or the client's own, or
   * a shared one).
   */
  async #outsideRoute(clientId: string, number: string): Promise<OutsideRoute | { refused: string }> {
    const [c] = await this.deps.db.select({ plan: clients.dialPlan }).from(clients).where(eq(clients.id, clientId));
    if (c === undefined) return { refused: 'unknown client' };
    const e164 = number.startsWith('+') ? number : `+${number.replace(/^00/, '')}`;
    if (!/^\+[0-9]{6,15}$/.test(e164)) return { refused: `not a dialable number: ${number}` };
    if (!c.plan.allowed_prefixes.some((p) => e164.startsWith(p))) return { refused: `the client's dial plan does not allow ${e164}` };
    const rows = await this.deps.db.select().from(trunks)
      .where(and(eq(trunks.disabled, false), c.plan.trunk_id ? eq(trunks.id, c.plan.trunk_id) : or(eq(trunks.clientId, clientId), isNull(trunks.clientId))))
      .orderBy(sql`${trunks.clientId} nulls last`).limit(1);
    const t = rows[0];
    if (t === undefined) return { refused: 'no trunk for outside calls' };
    const host = t.host.includes(':') ? `[${t.host}]` : t.host;
    const transport = t.transport === 'tcp' ? ';transport=tcp' : '';
    const auth = t.username !== null && t.passwordEnc !== null ? { username: t.username, password: decryptSecret(t.passwordEnc, this.deps.secretKey()) } : undefined;
    return { trunkId: t.id, target: `sip:${e164}@${host}:${t.port}${transport}`, auth };
  }
}

/**
 * The QueueWait a flow gets at once, while the queue is looked up and the
 * interaction stored; it forwards to the CallInQueue once bound. An exit
 * asked before then is applied on binding.
 */
class PendingWait implements QueueWait {
  readonly outcome: Promise<QueueOutcome>;
  #resolve: (o: QueueOutcome) => void = () => {};
  #target: CallInQueue | undefined;
  #exit: QueueExit | undefined;
  readonly #connected: Array<() => void> = [];

  constructor() {
    this.outcome = new Promise((r) => (this.#resolve = r));
  }
  bind(c: CallInQueue): void {
    this.#target = c;
    for (const l of this.#connected) c.onConnected(l);
    void c.outcome.then((o) => this.#resolve(o));
    if (this.#exit !== undefined) c.exit(this.#exit);
  }
  resolveWith(o: QueueOutcome): void {
    this.#resolve(o);
  }
  status() {
    return this.#target?.status() ?? { position: 1, ewtS: 0 };
  }
  onConnected(listener: () => void): void {
    if (this.#target !== undefined) this.#target.onConnected(listener);
    else this.#connected.push(listener);
  }
  exit(reason: QueueExit): void {
    if (this.#target !== undefined) this.#target.exit(reason);
    else {
      this.#exit = reason;
      if (reason === 'caller_hangup') this.#resolve({ kind: 'caller_hangup' });
    }
  }
}

function callerOf(call: CallSession): string {
  const from = call.sip.request.headers.get('from') ?? '';
  const m = /<?(?:sips?|tel):([^@;>]+)/i.exec(from);
  return m === null ? 'anonymous' : decodeURIComponent(m[1]);
}

/** An allowed source: an address, or a CIDR block (IPv4). */
export function addressMatches(allowed: string, source: string): boolean {
  const [net, bitsRaw] = allowed.split('/');
  if (bitsRaw === undefined) return net === source;
  const bits = Number(bitsRaw);
  const a = ipv4(net);
  const b = ipv4(source);
  if (a === undefined || b === undefined) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

function ipv4(s: string): number | undefined {
  const p = s.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return undefined;
  return (((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]) >>> 0;
}
