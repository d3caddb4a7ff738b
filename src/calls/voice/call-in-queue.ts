import type { Decision } from '../../routing/types.js';
import { CallRecorder } from '../../media/recorder/call-recorder.js';
import { ConferenceMixer } from '../../media/mixer/conference-mixer.js';
import type { PartyMode } from '../../media/mixer/mix-frames.js';
import type { QueueExit, QueueOutcome, QueueStatus, QueueWait } from '../flows/flow-call.js';
import { CallErrors } from '../errors.js';
import { bridgeLegs, LegAudio } from './leg-audio.js';
import { fromHeader, outboundLeg, type VoiceLeg } from './leg.js';
import { ringAgent, withdrawRing, type Ring } from './ring-agent.js';
import type { OutsideRoute, VoiceContext } from './voice-context.js';

type Offer = Extract<Decision, { kind: 'offer' }>;

/**
 * One interaction's life from the queue to the end of its conversation:
 * it is queued in the routing engine, each offer rings the agent's phone,
 * the first answer is bridged to the customer and (by policy) recorded,
 * and the end of the conversation puts the agent in wrap-up.
 *
 *   queued ─offer─► (ringing) ─agent answers─► talking ─either hangs up─► done
 *     │  ▲                │                     ▲ │
 *     │  └──no answer─────┘                     │ └─ blind transfer to a queue: queued again (new interaction)
 *     ├─caller presses 1─► callback ─offer, agent answers, customer dialled─┘
 *     └─caller hangs up / timeout / voicemail ──────────────────────────► done
 *
 * While talking: hold (music to the customer), recording pause / resume,
 * blind or warm transfer (to an agent's phone or an outside number; blind
 * also to a queue) and supervisor monitoring (listen / whisper / barge
 * through a three-party mixer). The customer is the inbound caller, or, for
 * a callback, the leg we dial once the agent has answered. Everything the
 * engine must know goes through RoutingService.run; every leg gets a CDR row.
 */
export type CallInQueueState = 'queued' | 'callback' | 'talking' | 'done';

export interface CallInQueueOptions {
  readonly interactionId: string;
  readonly clientId: string;
  readonly queueId: string;
  /** The waiting caller (with its audio); absent for a callback restored after a restart. */
  readonly caller?: { readonly leg: VoiceLeg; readonly audio: LegAudio };
  /** The customer's number (callbacks dial it; agents' phones show it). */
  readonly customerNumber: string;
  readonly record: boolean;
  readonly priority?: number;
  /** Keeps the service's index in step when the call moves to a new interaction (blind transfer to a queue). */
  readonly rekey: (c: CallInQueue, oldId: string) => void;
  /** Called once the conversation is over and nothing of this call needs routing any more. */
  readonly onDone: (c: CallInQueue) => void;
}

/** Where a transfer or a monitoring supervisor is dialled (resolved by the voice service). */
export interface DialTarget {
  readonly target: string;
  readonly route?: string;
  readonly auth?: OutsideRoute['auth'];
  readonly trunkId?: string;
  /** Set when the target is an agent (their phone, or their page with `browser`). */
  readonly agentId?: string;
  /** Ring the agent's desktop page (the browser softphone) instead of dialling `target`. */
  readonly browser?: boolean;
}

interface Party {
  readonly leg: VoiceLeg;
  readonly legRow: string;
  readonly agentId?: string;
  /** The agent is held busy in routing by this call (a consultation) until it is released or handed over. */
  outside?: boolean;
}

export class CallInQueue implements QueueWait {
  readonly outcome: Promise<QueueOutcome>;
  #id: string;
  #queueId: string;
  #state: CallInQueueState;
  #settle: (o: QueueOutcome) => void = () => {};
  #settled = false;
  readonly #connected: Array<() => void> = [];
  readonly #rings = new Map<string, Ring>();
  #customer: VoiceLeg | undefined;
  #customerAudio: LegAudio | undefined;
  /** The customer is a leg we placed (a callback): it ends with the conversation. */
  #customerDialled = false;
  #agent: Party | undefined;
  /** Who the customer hears now: a two-leg bridge, or the monitoring mixer. */
  #bridge: { dispose(): void } | undefined;
  #recorder: { rec: CallRecorder; id: string; startedAt: number; pausedAt?: number; pausedMs: number } | undefined;
  #holding = false;
  #answeredAt = 0;
  /** A warm transfer completed to an agent: that agent is already on the line; their offer is taken at once. */
  #preAnswered: Party | undefined;
  /** A warm transfer's target while the agent consults it. */
  #consult: { party: Party; bridge: { dispose(): void } } | undefined;
  /** The agent a warm transfer is ringing (before #consult is set). */
  #consulting: string | undefined;
  /** On hold because the agent's page was reloaded, not by the agent: taken off when the page is back. */
  #heldForMedia = false;
  #monitor: { party: Party; mixer: ConferenceMixer; mode: PartyMode } | undefined;
  /** A monitoring supervisor kept on the line while the agent's page reloads (the mixer went with the old media). */
  #monitorPaused: { party: Party; mode: PartyMode } | undefined;
  log;

  private constructor(private readonly ctx: VoiceContext, readonly o: CallInQueueOptions) {
    this.#id = o.interactionId;
    this.#queueId = o.queueId;
    this.#state = o.caller === undefined ? 'callback' : 'queued';
    this.#customer = o.caller?.leg;
    this.#customerAudio = o.caller?.audio;
    this.log = ctx.log.child({ interactionId: o.interactionId });
    this.outcome = new Promise((resolve) => (this.#settle = resolve));
  }

  /** Queues the (already stored) interaction; offers may follow at once. */
  static async start(ctx: VoiceContext, o: CallInQueueOptions, register: (c: CallInQueue) => void): Promise<CallInQueue> {
    const c = new CallInQueue(ctx, o);
    register(c);
    await ctx.routing.enqueue({ existingId: o.interactionId, queueId: o.queueId, clientId: o.clientId, channel: 'voice', priority: o.priority });
    return c;
  }

  get state(): CallInQueueState {
    return this.#state;
  }
  get interactionId(): string {
    return this.#id;
  }
  get queueId(): string {
    return this.#queueId;
  }
  get agentId(): string | undefined {
    return this.#agent?.agentId;
  }
  get holding(): boolean {
    return this.#holding;
  }
  get monitoring(): PartyMode | undefined {
    return this.#monitor?.mode ?? this.#monitorPaused?.mode;
  }

  status(): QueueStatus {
    const position = this.ctx.routing.engine.queuePosition(this.#id) ?? 1;
    const s = this.ctx.routing.queueStats(this.#queueId);
    const staffed = Math.max(1, (s.agents_by_state.available ?? 0) + (s.agents_by_state.busy ?? 0) + (s.agents_by_state.wrap_up ?? 0));
    return { position, ewtS: Math.round((position * (s.aht_s ?? 180)) / staffed) };
  }

  onConnected(listener: () => void): void {
    this.#connected.push(listener);
  }

  /** The flow leaves the wait (key pressed, its own timer) or the caller hung up. */
  exit(reason: QueueExit): void {
    if (reason === 'caller_hangup') return this.#customerGone();
    if (this.#state !== 'queued') return;
    if (reason === 'callback') {
      // The interaction keeps its place in the engine; only the caller's leg goes.
      this.#state = 'callback';
      this.#customer = undefined;
      this.#customerAudio = undefined;
      void this.ctx.records.mergeAttributes(this.#id, { callback_number: this.o.customerNumber, callback_requested_at: new Date(this.ctx.clock.now()).toISOString() })
        .catch((err: unknown) => this.log.error({ err }, 'could not store the callback request'));
      this.#finishWait({ kind: 'callback' });
      return;
    }
    // timeout / voicemail: out of routing, not an abandon (the caller is still with us).
    this.#cancelRings();
    this.#routing((e) => e.fail(this.#id));
    void this.ctx.routing.store(this.#id, { outcome: reason === 'voicemail' ? 'voicemail' : 'timeout' });
    this.#finish({ kind: reason });
  }

  /** The engine's own verdicts on the wait: max wait reached, an overflow exit. */
  onEngineExit(kind: 'timeout' | 'callback' | 'voicemail'): void {
    if (this.#state !== 'queued') return;
    this.#cancelRings();
    if (kind === 'callback') return this.exit('callback');
    this.#finish({ kind });
  }

  onOffer(d: Offer): void {
    if (this.#state !== 'queued' && this.#state !== 'callback') {
      this.#routing((e) => e.reject(d.offerId, d.agentId));
      return;
    }
    const ready = this.#preAnswered;
    if (ready !== undefined && ready.agentId === d.agentId && !ready.leg.ended) {
      this.#preAnswered = undefined;
      this.#routing((e) => e.accept(d.offerId, d.agentId));
      this.#agent = ready;
      this.#talk();
      return;
    }
    const ring: Ring = { offer: d, withdrawn: false };
    this.#rings.set(d.offerId, ring);
    this.#ring(ring).catch((err: unknown) => {
      this.log.error({ err, agentId: d.agentId }, 'ringing the agent failed');
      if (!ring.withdrawn) this.#routing((e) => e.reject(d.offerId, d.agentId));
    });
  }

  onWithdrawn(offerId: string): void {
    withdrawRing(this.#rings, offerId);
  }

  async #ring(ring: Ring): Promise<void> {
    const d = ring.offer;
    const answered = await ringAgent(this.ctx, ring, {
      interactionId: this.#id, clientId: this.o.clientId, fromNumber: this.o.customerNumber,
      stillWanted: () => this.#state === 'queued' || this.#state === 'callback',
    });
    this.#rings.delete(d.offerId);
    if (answered === undefined) return;
    const party = this.#watchAgent({ leg: answered.leg, legRow: answered.legRow, agentId: d.agentId });
    this.#agent = party;
    if (this.#state === 'callback') await this.#dialCustomer(party.leg);
    else this.#talk();
  }

  /** The agent's (or transfer target's) hang-up ends the conversation, unless that party was replaced first. */
  #watchAgent(p: Party): Party {
    p.leg.onEnded((e) => {
      void this.ctx.records.closeLeg(p.legRow, { reason: e.byRemote ? (p.agentId !== undefined ? 'agent_hangup' : 'remote_hangup') : e.reason, rtp: e.rtp });
      if (this.#agent === p) this.#conversationOver('agent');
      else if (this.#consult?.party === p) this.#consultEnded();
      else if (this.#monitor?.party === p) this.#monitorEnded();
      else if (this.#monitorPaused?.party === p) this.#monitorPaused = undefined;
    });
    return p;
  }

  /** A callback: the agent is on the line; now the customer. */
  async #dialCustomer(agent: VoiceLeg): Promise<void> {
    this.#state = 'talking';
    const route = await this.ctx.outsideRoute(this.o.clientId, this.o.customerNumber);
    if ('refused' in route) {
      this.log.warn({ reason: route.refused }, 'callback cannot be placed');
      await this.ctx.routing.store(this.#id, { outcome: 'callback_failed' });
      await agent.hangup('callback not placed');
      return;
    }
    const party = await this.#place({ target: route.target, route: route.route, auth: route.auth, trunkId: route.trunkId }, 'customer');
    if (party === undefined || agent.ended) {
      await this.ctx.routing.store(this.#id, { outcome: 'callback_failed' });
      if (party !== undefined) await party.leg.hangup('agent gone');
      await agent.hangup('customer not reached');
      return;
    }
    this.#customer = party.leg;
    this.#customerDialled = true;
    party.leg.onEnded(() => this.#customerGone());
    this.#talk();
  }

  /** Dials a party with a CDR row; undefined when nobody answered. */
  async #place(t: DialTarget, role: 'customer' | 'transfer' | 'supervisor'): Promise<Party | undefined> {
    const legRow = await this.ctx.records.openLeg({
      interactionId: this.#id, clientId: this.o.clientId, sipCallId: '', direction: 'outbound', role, from: this.o.customerNumber, to: t.browser === true ? 'browser' : t.target,
      trunkId: t.trunkId, agentId: t.agentId,
    });
    const browser = this.ctx.browser;
    if (t.browser === true && t.agentId !== undefined && browser !== undefined) {
      const r = browser.ring({ agentId: t.agentId, interactionId: this.#id, queueId: this.#queueId, fromNumber: this.o.customerNumber,
        expiresAt: this.ctx.clock.now() + 30_000, purpose: 'consult', consultFrom: this.#agent?.agentId });
      const leg = await r.answered;
      if (leg === undefined) {
        await this.ctx.records.closeLeg(legRow, { reason: 'no_answer' });
        return undefined;
      }
      await this.ctx.records.legAnswered(legRow, leg.sipCallId);
      return { leg, legRow, agentId: t.agentId };
    }
    const leg = await this.ctx.dial({ target: t.target, route: t.route, auth: t.auth, ringTimeoutMs: 30_000, from: fromHeader(this.o.customerNumber, this.ctx.host) });
    if (!leg.answered) {
      await this.ctx.records.closeLeg(legRow, { reason: leg.failure?.reason ?? 'failed', sipStatus: leg.failure?.status, sipCallId: leg.sipCallId });
      return undefined;
    }
    await this.ctx.records.legAnswered(legRow, leg.sipCallId);
    return { leg: outboundLeg(leg), legRow, agentId: t.agentId };
  }

  #recorderNow = (): CallRecorder | undefined => (this.#recorder?.pausedAt === undefined ? this.#recorder?.rec : undefined);

  /** Customer and agent are both on the line: stop the music, bridge, record. */
  #talk(): void {
    const customer = this.#customer;
    const agent = this.#agent;
    if (customer === undefined || agent === undefined || customer.ended) return;
    this.#state = 'talking';
    this.#answeredAt = this.ctx.clock.now();
    for (const l of this.#connected.splice(0)) l();
    this.#customerAudio?.stop();
    this.#bridge = bridgeLegs(customer, agent.leg, { recorder: this.#recorderNow });
    if (this.o.record && this.#recorder === undefined) {
      void this.#startRecording().catch((err: unknown) => this.log.error({ err }, 'recording could not start'));
    }
    this.log.info({ agentId: agent.agentId }, 'customer and agent connected');
  }

  async #startRecording(): Promise<void> {
    const { id, path } = await this.ctx.records.startRecording({ clientId: this.o.clientId, interactionId: this.#id, kind: 'call' });
    if (this.#state !== 'talking') {
      await this.ctx.records.endRecording(id, { durationMs: 0, pausedMs: 0, failed: true });
      return;
    }
    this.#recorder = { rec: new CallRecorder(path), id, startedAt: this.ctx.clock.now(), pausedMs: 0 };
  }

  /** Pauses the recording (the agent takes card details); the file keeps silence there. */
  pauseRecording(): boolean {
    const r = this.#recorder;
    if (r === undefined || r.pausedAt !== undefined) return false;
    r.pausedAt = this.ctx.clock.now();
    r.rec.pause();
    return true;
  }

  resumeRecording(): boolean {
    const r = this.#recorder;
    if (r === undefined || r.pausedAt === undefined) return false;
    r.pausedMs += this.ctx.clock.now() - r.pausedAt;
    r.pausedAt = undefined;
    r.rec.resume();
    return true;
  }

  get recording(): { id: string; paused: boolean } | undefined {
    const r = this.#recorder;
    return r === undefined ? undefined : { id: r.id, paused: r.pausedAt !== undefined };
  }

  /** Hold: the customer hears music, the agent silence; unhold bridges them again. */
  hold(): void {
    this.#mustTalk();
    if (this.#holding) return;
    if (this.#monitor !== undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'a supervisor is monitoring the call' });
    this.#holding = true;
    this.#bridge?.dispose();
    this.#bridge = undefined;
    this.#musicForCustomer();
    this.#changed();
  }

  unhold(): void {
    this.#mustTalk();
    if (!this.#holding) return;
    if (this.#consult !== undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'finish or cancel the transfer first' });
    this.#holding = false;
    this.#heldForMedia = false;
    this.#customerAudio?.stop();
    this.#bridge = bridgeLegs(this.#customer!, this.#agent!.leg, { recorder: this.#recorderNow });
    this.#changed();
  }

  /**
   * An agent's browser page went mid-call (a reload; the leg waits for the
   * page to come back): the customer hears music meanwhile; a monitoring
   * supervisor stays on the line, hearing nothing until the page is back
   * (the mixer carried the old media, so it goes).
   */
  mediaLost(leg: VoiceLeg): void {
    if (this.#state !== 'talking' || this.#agent?.leg !== leg) return;
    const m = this.#monitor;
    if (m !== undefined) {
      this.#monitor = undefined;
      this.#bridge = undefined;
      m.mixer.dispose();
      for (const l of [this.#customer, leg]) if (l !== undefined && !l.ended) l.retapDigits();
      this.#monitorPaused = { party: m.party, mode: m.mode };
    }
    if (this.#holding) return;
    this.hold();
    this.#heldForMedia = true;
  }

  /** The leg carries new media (the reloaded page's peer connection): whatever bridged the old media is built again. */
  mediaBack(leg: VoiceLeg): void {
    if (this.#state !== 'talking') return;
    const c = this.#consult;
    if (c !== undefined && (c.party.leg === leg || this.#agent?.leg === leg)) {
      c.bridge.dispose();
      c.bridge = bridgeLegs(this.#agent!.leg, c.party.leg);
      return;
    }
    if (this.#agent?.leg !== leg) return;
    if (this.#heldForMedia) {
      this.#heldForMedia = false;
      if (this.#holding) this.unhold();
      const paused = this.#monitorPaused;
      this.#monitorPaused = undefined;
      if (paused !== undefined && !paused.party.leg.ended && !this.#holding) this.#mix(paused.party, paused.mode);
      else if (paused !== undefined && !paused.party.leg.ended) void paused.party.leg.hangup('monitoring ended');
      return;
    }
    const m = this.#monitor;
    if (m !== undefined) {
      // The mixer carried the old media: a new one with the same supervisor, in the same mode.
      this.#monitor = undefined;
      m.mixer.dispose();
      this.#mix(m.party, m.mode);
    } else if (!this.#holding && this.#customer !== undefined) {
      this.#bridge?.dispose();
      this.#bridge = bridgeLegs(this.#customer, leg, { recorder: this.#recorderNow });
    }
  }

  /** The agent a warm transfer is consulting (ringing or talking), if the target is an agent. */
  get consultedAgentId(): string | undefined {
    return this.#consult?.party.agentId ?? this.#consulting;
  }

  /** Whether the agent is consulting a warm transfer's target (the customer on hold). */
  get consulting(): boolean {
    return this.#consult !== undefined;
  }

  /** Tells the desktop (and whoever listens) that hold or consultation changed, whoever changed it (page, REST, far end). */
  #changed(): void {
    this.ctx.callChanged?.({ interactionId: this.#id, holding: this.#holding, consulting: this.#consult !== undefined });
  }

  #musicForCustomer(): void {
    const c = this.#customer;
    if (c === undefined || c.ended) return;
    if (this.#customerAudio === undefined || this.#customerAudio.leg !== c) this.#customerAudio = new LegAudio(c);
    void this.#customerAudio.play(this.ctx.holdMusic, true);
  }

  #mustTalk(): void {
    if (this.#state !== 'talking' || this.#customer === undefined || this.#agent === undefined) {
      throw CallErrors.create('CALL_ACTION_REFUSED', { reason: `the call is ${this.#state}, not in conversation` });
    }
  }

  /**
   * Blind: the customer hears music, the agent is released to wrap-up and
   * the target rings; its answer continues the conversation. Warm: the
   * customer is held while the agent talks to the target; completeTransfer()
   * connects them, cancelTransfer() returns to the customer.
   */
  async transferTo(t: DialTarget, mode: 'blind' | 'warm'): Promise<{ ok: boolean; reason?: string }> {
    this.#mustTalk();
    if (this.#consult !== undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'a transfer is already in progress' });
    this.#endMonitoring();
    const was = this.#agent!;
    this.hold();
    if (mode === 'blind') {
      this.#agent = undefined;
      this.#releaseAgent(was, 'transferred');
      const target = await this.#place(t, 'transfer');
      if (target === undefined || this.#customer === undefined || this.#customer.ended) {
        if (target !== undefined) await target.leg.hangup('customer gone');
        // Nobody took it: the customer goes back to the queue rather than being dropped.
        if (this.#customer !== undefined && !this.#customer.ended) await this.requeue(this.#queueId);
        return { ok: false, reason: 'the transfer target did not answer: the caller is queued again' };
      }
      this.#agent = this.#watchAgent(target);
      this.#holding = false;
      this.#customerAudio?.stop();
      this.#bridge = bridgeLegs(this.#customer, target.leg, { recorder: this.#recorderNow });
      return { ok: true };
    }
    // A consulted agent is busy in routing from the first ring, so nothing else is offered to them meanwhile.
    if (t.agentId !== undefined) {
      try {
        this.#routing((e) => e.beginOutsideCall(t.agentId!));
      } catch {
        this.unhold();
        return { ok: false, reason: 'the agent is not available' };
      }
    }
    const held = t.agentId;
    this.#consulting = held;
    const target = await this.#place(t, 'transfer').catch((err: unknown) => {
      this.log.error({ err }, 'the transfer target could not be called');
      return undefined;
    }).finally(() => (this.#consulting = undefined));
    if (target === undefined) {
      if (held !== undefined) this.#endOutside(held);
      if (this.#state === 'talking' && !was.leg.ended) this.unhold();
      return { ok: false, reason: 'the transfer target did not answer' };
    }
    target.outside = held !== undefined;
    this.#watchAgent(target);
    if (was.leg.ended || this.#agent !== was) {
      await target.leg.hangup('agent gone');
      this.#releaseOutside(target);
      return { ok: false, reason: 'the agent left' };
    }
    this.#consult = { party: target, bridge: bridgeLegs(was.leg, target.leg) };
    this.#changed();
    return { ok: true };
  }

  /** Warm transfer: connects the customer to the consulted party and releases the agent. */
  completeTransfer(): void {
    const c = this.#consult;
    if (c === undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'no transfer in progress' });
    this.#consult = undefined;
    c.bridge.dispose();
    const target = c.party.agentId;
    if (target !== undefined && c.party.outside === true) {
      // The consulted agent takes the call as routed work in the same engine step that ends their
      // consultation (nobody else can be offered to them in between): wrap-up after, their own record.
      c.party.outside = false;
      this.#preAnswered = c.party;
      void this.requeue(this.#queueId, { agentId: target, handover: true }).catch((err: unknown) => this.log.error({ err }, 'the completed transfer could not be handed over'));
      return;
    }
    const was = this.#agent!;
    this.#agent = c.party;
    this.#releaseAgent(was, 'transferred');
    this.#holding = false;
    this.#customerAudio?.stop();
    this.#bridge = bridgeLegs(this.#customer!, c.party.leg, { recorder: this.#recorderNow });
    this.#changed();
  }

  /** Warm transfer: the consulted party is hung up and the agent is back with the customer. */
  cancelTransfer(): void {
    const c = this.#consult;
    if (c === undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'no transfer in progress' });
    this.#consult = undefined;
    c.bridge.dispose();
    void c.party.leg.hangup('transfer cancelled');
    this.#releaseOutside(c.party);
    this.unhold();
  }

  #consultEnded(): void {
    const c = this.#consult;
    if (c === undefined) return;
    this.#consult = undefined;
    c.bridge.dispose();
    this.#releaseOutside(c.party);
    if (this.#state === 'talking' && this.#agent !== undefined && !this.#agent.leg.ended) this.unhold();
  }

  /** The agent leaves a conversation that goes on without them: wrap-up starts now. */
  #releaseAgent(p: Party, outcome: string): void {
    void p.leg.hangup(outcome);
    let routedTo: string | undefined;
    try {
      routedTo = this.ctx.routing.engine.interaction(this.#id).agentId;
    } catch {
      routedTo = undefined; // already finished in the engine
    }
    if (p.agentId !== undefined && p.agentId === routedTo) {
      this.#routing((e) => e.complete(this.#id));
      void this.ctx.routing.store(this.#id, { outcome });
    }
  }

  /** A consulted agent's call is over without a handover: routing may offer them work again. */
  #releaseOutside(p: Party): void {
    if (p.outside !== true || p.agentId === undefined) return;
    p.outside = false;
    this.#endOutside(p.agentId);
  }

  #endOutside(agentId: string): void {
    try {
      this.#routing((e) => e.endOutsideCall(agentId));
    } catch (err) {
      this.log.warn({ err, agentId }, 'consulted agent could not be released in routing');
    }
  }

  /**
   * Blind transfer to a queue, or to one agent through it (offered to that
   * agent first, so routing knows they are busy), or a failed transfer: a
   * new interaction, same caller, same leg.
   */
  async requeue(queueId: string, o: { agentId?: string; handover?: boolean } = {}): Promise<void> {
    const customer = this.#customer;
    if (customer === undefined || customer.ended) return;
    const old = this.#id;
    if (this.#agent !== undefined) {
      const was = this.#agent;
      this.#agent = undefined;
      this.#releaseAgent(was, 'transferred');
    }
    this.#bridge?.dispose();
    this.#bridge = undefined;
    void this.#stopRecording();
    this.#musicForCustomer();
    this.#holding = false;
    this.#id = await this.ctx.records.continueCall(old, queueId);
    this.#queueId = queueId;
    this.#state = 'queued';
    this.log = this.ctx.log.child({ interactionId: this.#id });
    this.o.rekey(this, old);
    await this.ctx.routing.enqueue({ existingId: this.#id, queueId, clientId: this.o.clientId, channel: 'voice', priority: this.o.priority,
      ...(o.handover === true ? { handoverFrom: o.agentId } : { agentId: o.agentId }) });
    if (this.#preAnswered !== undefined && this.#state === 'queued') {
      // Routing could not hand it to the consulted agent after all: they stay with the customer, outside routing.
      const p = this.#preAnswered;
      this.#preAnswered = undefined;
      if (!p.leg.ended) {
        this.#agent = p;
        this.#talk();
      }
    }
  }

  /** A supervisor joins through a three-party mixer: listen (silent), whisper (agent hears), barge (all hear). */
  async monitor(t: DialTarget, mode: PartyMode): Promise<{ ok: boolean; reason?: string }> {
    this.#mustTalk();
    if (this.#monitorPaused !== undefined) {
      this.#monitorPaused.mode = mode;
      return { ok: true };
    }
    if (this.#holding || this.#consult !== undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'the call is on hold or being transferred' });
    if (this.#monitor !== undefined) {
      this.setMonitorMode(mode);
      return { ok: true };
    }
    const sup = await this.#place(t, 'supervisor');
    if (sup === undefined) return { ok: false, reason: 'the supervisor\'s phone did not answer' };
    return this.#joinSupervisor(sup, mode);
  }

  /** A supervisor monitors from a leg already answered (the browser): joined at once. */
  async monitorWith(leg: VoiceLeg, mode: PartyMode, o: { userId: string }): Promise<{ ok: boolean; reason?: string }> {
    this.#mustTalk();
    if (this.#holding || this.#consult !== undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'the call is on hold or being transferred' });
    if (this.#monitor !== undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'someone is already monitoring the call' });
    const legRow = await this.ctx.records.openLeg({
      interactionId: this.#id, clientId: this.o.clientId, sipCallId: leg.sipCallId, direction: 'inbound', role: 'supervisor', from: `user:${o.userId}`, to: 'browser', answered: true,
    });
    return this.#joinSupervisor({ leg, legRow }, mode);
  }

  async #joinSupervisor(sup: Party, mode: PartyMode): Promise<{ ok: boolean; reason?: string }> {
    this.#watchAgent(sup);
    if (this.#state !== 'talking' || this.#customer === undefined || this.#agent === undefined || this.#holding) {
      await sup.leg.hangup('call moved on');
      return { ok: false, reason: 'the call moved on' };
    }
    this.#mix(sup, mode);
    return { ok: true };
  }

  /** Customer, agent and supervisor in one three-party mixer, which replaces the two-leg bridge. */
  #mix(sup: Party, mode: PartyMode): void {
    if (this.#customer === undefined || this.#agent === undefined) return;
    this.#bridge?.dispose();
    const mixer = new ConferenceMixer();
    const party = (id: string, leg: VoiceLeg, m: PartyMode, tap?: 'caller' | 'agent') => ({
      id, session: leg.media.rtp, codec: leg.media.law, audioPayloadType: leg.media.payloadType, mode: m, whisperTo: m === 'whisper' ? 'agent' : undefined,
      tap: tap === undefined ? undefined : (pcm: Int16Array, ts: number, ssrc: number) => this.#recorderNow()?.pushRtp(tap, pcm, ts, ssrc),
    });
    mixer.add(party('customer', this.#customer, 'normal', 'caller'));
    mixer.add(party('agent', this.#agent.leg, 'normal', 'agent'));
    mixer.add(party('supervisor', sup.leg, mode));
    this.#monitor = { party: sup, mixer, mode };
    this.#bridge = { dispose: () => this.#endMonitoring() };
  }

  setMonitorMode(mode: PartyMode): void {
    if (this.#monitorPaused !== undefined) {
      this.#monitorPaused.mode = mode;
      return;
    }
    const m = this.#monitor;
    if (m === undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'nobody is monitoring the call' });
    m.mode = mode;
    m.mixer.setMode('supervisor', mode, mode === 'whisper' ? 'agent' : undefined);
  }

  #monitorEnded(): void {
    this.#endMonitoring();
    if (this.#state === 'talking' && this.#customer !== undefined && this.#agent !== undefined && !this.#holding) {
      this.#bridge = bridgeLegs(this.#customer, this.#agent.leg, { recorder: this.#recorderNow });
    }
  }

  /** Stops monitoring: the mixer releases the legs (DTMF taps restored), the supervisor is hung up. */
  #endMonitoring(): void {
    const paused = this.#monitorPaused;
    this.#monitorPaused = undefined;
    if (paused !== undefined && !paused.party.leg.ended) void paused.party.leg.hangup('monitoring ended');
    const m = this.#monitor;
    if (m === undefined) return;
    this.#monitor = undefined;
    this.#bridge = undefined;
    m.mixer.dispose();
    for (const leg of [this.#customer, this.#agent?.leg]) if (leg !== undefined && !leg.ended) leg.retapDigits();
    if (!m.party.leg.ended) void m.party.leg.hangup('monitoring ended');
  }

  /** Ends the supervisor's monitoring from the API. */
  stopMonitoring(): void {
    if (this.#monitor === undefined && this.#monitorPaused === undefined) throw CallErrors.create('CALL_ACTION_REFUSED', { reason: 'nobody is monitoring the call' });
    this.#monitorEnded();
  }

  /** Hangs up the conversation from the API (the agent's "end call" button). */
  async hangup(): Promise<void> {
    this.#mustTalk();
    await this.#agent?.leg.hangup('ended by the agent');
  }

  /** The customer's leg ended (hung up while waiting, ringing or talking). */
  #customerGone(): void {
    if (this.#state === 'done') return;
    if (this.#state === 'callback' && this.#agent === undefined) return; // the caller left on purpose; the callback stays queued
    if (this.#state === 'queued') {
      this.#cancelRings();
      this.#routing((e) => e.abandon(this.#id));
      this.#finish({ kind: 'caller_hangup' });
      return;
    }
    this.#conversationOver('customer');
  }

  /** Either party of a conversation hung up: the other is released, the agent goes to wrap-up. */
  #conversationOver(by: 'agent' | 'customer'): void {
    if (this.#state === 'done') return;
    this.#endMonitoring();
    this.#bridge?.dispose();
    this.#bridge = undefined;
    this.#holding = false;
    const consult = this.#consult;
    this.#consult = undefined;
    consult?.bridge.dispose();
    if (consult !== undefined) {
      void consult.party.leg.hangup('call ended');
      this.#releaseOutside(consult.party);
    }
    const agent = this.#agent;
    if (by === 'customer' && agent !== undefined && !agent.leg.ended) void agent.leg.hangup('customer hung up');
    // A caller still on the line after the agent hangs up stays with the flow (survey); a callback customer is hung up.
    if (by === 'agent' && this.#customerDialled && this.#customer !== undefined && !this.#customer.ended) void this.#customer.hangup('agent hung up');
    const now = this.ctx.clock.now();
    if (agent !== undefined) {
      this.#routing((e) => e.complete(this.#id));
      void this.ctx.routing.store(this.#id, { talkMs: this.#answeredAt > 0 ? now - this.#answeredAt : 0 });
    }
    void this.#stopRecording();
    const callerStays = by === 'agent' && !this.#customerDialled && this.#customer !== undefined && !this.#customer.ended;
    this.#finish(callerStays ? { kind: 'answered', agentId: agent?.agentId } : { kind: 'caller_hangup' });
  }

  async #stopRecording(): Promise<void> {
    const r = this.#recorder;
    if (r === undefined) return;
    this.#recorder = undefined;
    if (r.pausedAt !== undefined) r.pausedMs += this.ctx.clock.now() - r.pausedAt;
    try {
      await r.rec.close();
      await this.ctx.records.endRecording(r.id, { durationMs: this.ctx.clock.now() - r.startedAt, pausedMs: r.pausedMs });
    } catch (err) {
      this.log.error({ err }, 'recording could not be closed');
      await this.ctx.records.endRecording(r.id, { durationMs: this.ctx.clock.now() - r.startedAt, pausedMs: r.pausedMs, failed: true }).catch(() => undefined);
    }
  }

  #cancelRings(): void {
    for (const r of this.#rings.values()) {
      r.withdrawn = true;
      r.leg?.cancel('cancelled');
    }
    this.#rings.clear();
  }

  #routing(fn: Parameters<VoiceContext['routing']['run']>[0]): void {
    try {
      this.ctx.routing.run(fn);
    } catch (err) {
      this.log.debug({ err }, 'routing refused a late step (the interaction moved on)');
    }
  }

  #finishWait(o: QueueOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#settle(o);
  }

  #finish(o: QueueOutcome): void {
    this.#state = 'done';
    this.#finishWait(o);
    this.o.onDone(this);
  }
}
