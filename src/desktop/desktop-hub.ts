import { and, eq, inArray, ne } from 'drizzle-orm';
import type { VoiceLeg } from '../calls/voice/leg.js';
import type { VoiceService } from '../calls/voice/voice-service.js';
import type { BrowserDevice } from '../calls/voice/voice-context.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import type { Logger } from '../platform/logger.js';
import type { RoutingService } from '../routing/service/routing-service.js';
import type { Db } from '../store/database.js';
import { agentClients, agents, interactions, queues } from '../store/schema.js';
import type { WebRtcEngine, WebRtcLeg } from '../webrtc/webrtc-engine.js';
import { browserLeg, type BrowserLeg } from './browser-leg.js';
import type { AgentStateView, CallStatus, CallView, ClientMessage, Device, DirectoryView, OfferView, ServerMessage } from './protocol.js';

/** One open desktop socket. */
export interface DesktopConnection {
  send(m: ServerMessage): void;
  close(code: number, reason: string): void;
}

interface PendingRing {
  offer: OfferView;
  answering: boolean;
  settle(leg: VoiceLeg | undefined, reason: string): void;
}

interface LiveCall {
  interactionId: string;
  queue: { id: string; name: string } | null;
  readonly fromNumber: string;
  readonly attributes: Record<string, unknown>;
  readonly answeredAt: number;
  /** The page's softphone leg; undefined when the call is on the agent's desk phone. */
  readonly leg: BrowserLeg | undefined;
  /** The agent is the consulted party of a colleague's warm transfer: only hang-up is theirs until it is handed over. */
  consult: boolean;
  /** Consulted: the colleague's name. */
  consultFrom: string | null;
  /** Consulting: whom the agent talks to while the customer waits. */
  consultingWith: string | null;
  status: CallStatus;
  wrapUpEndsAt: number | null;
}

interface AgentDesk {
  readonly agentId: string;
  readonly sockets: Set<DesktopConnection>;
  /** The agent's own choice (stored in agents.device); absent: the browser while a desktop is open. */
  device?: Device;
  /** A ringing offer in the page (browser device). */
  ring?: PendingRing;
  /** A ringing offer on the desk phone, shown in the page (screen pop before answering). */
  phoneRing?: OfferView;
  call?: LiveCall;
}

export interface DesktopHubDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly routing: RoutingService;
  readonly voice: VoiceService;
  readonly engine: WebRtcEngine;
  /** How long the page's peer connection may take to come up after its answer. */
  readonly connectTimeoutMs?: number;
  /** How long a call waits (the customer on hold) for a reloaded page to bring its media back. */
  readonly rejoinGraceMs?: number;
}

/** A refusal the page shows as is. */
class Refused extends Error {}

const LIVE: ReadonlySet<CallStatus> = new Set(['talking', 'held', 'consulting']);

/**
 * The agent desktop's server side: every agent's open desktop sockets, the
 * browser softphone as the agent's device (`BrowserDevice` for ring-agent),
 * and the agent's ringing offer and current call, kept here rather than in
 * a socket so that a reconnecting page gets everything back in `hello`.
 *
 *   offer ─ring─► (ringing) ─answer: engine answers, media up─► talking ⇄ held
 *                    │ reject / withdrawn / expiry                  │ ▲ warm transfer ─► consulting
 *                    ▼                                              ▼ │
 *              offer_withdrawn                     either hangs up: ended ─► wrap_up ─► (none)
 *
 * An agent on the desk phone sees the same in the page: the offer (ringing
 * on the phone) and the call follow the routing engine's events, and hold,
 * transfer and hang-up work from the page. Hold and consultation changes
 * come from the conversation itself (`onCallChanged`), so one made through
 * the REST API shows here too. A page reloaded mid-call brings its media
 * back with `rejoin` while the customer is on hold (BrowserLeg.reattach).
 *
 * Presence and call control go through the routing engine and the voice
 * service exactly as the REST API does; the page is one more client.
 */
export class DesktopHub implements BrowserDevice {
  readonly #desks = new Map<string, AgentDesk>();
  readonly #unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: DesktopHubDeps) {}

  start(): void {
    this.#unsubscribe.push(this.deps.bus.subscribe((e) => {
      const agentId = e.data.agent_id;
      if (typeof agentId !== 'string') return;
      const desk = this.#desks.get(agentId);
      if (desk === undefined) return;
      if (e.type === 'agent.state') this.#stateChanged(desk);
      else if (e.type === 'interaction.offered') this.#offered(desk, e.data);
      else if (e.type === 'interaction.offer_withdrawn') this.#phoneRingOver(desk, e.data.interaction_id as string, e.data.reason as string);
      else if (e.type === 'interaction.state') this.#interactionMoved(desk, e.data.interaction_id as string, e.data.state as string, e.data.queue_id as string | undefined);
    }));
    this.#unsubscribe.push(this.deps.voice.onCallChanged((c) => {
      for (const desk of this.#desks.values()) {
        const call = desk.call;
        if (call === undefined || call.interactionId !== c.interactionId || call.consult || !LIVE.has(call.status)) continue;
        const status: CallStatus = c.consulting ? 'consulting' : c.holding ? 'held' : 'talking';
        if (status === call.status) continue;
        call.status = status;
        call.consultingWith = null;
        this.#push(desk, { type: 'call', call: this.#callView(call) });
        if (status === 'consulting') {
          const target = this.deps.voice.consultedAgent(c.interactionId);
          void (target === undefined ? Promise.resolve('an outside number') : this.#agentName(target)).then((who) => {
            if (desk.call !== call || call.status !== 'consulting') return;
            call.consultingWith = who;
            this.#push(desk, { type: 'call', call: this.#callView(call) });
          });
        }
      }
    }));
  }

  /** Stops ringing, ends browser calls, closes sockets (shutdown). */
  stop(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    for (const desk of this.#desks.values()) {
      desk.ring?.settle(undefined, 'shutting down');
      if (desk.call?.leg !== undefined && !desk.call.leg.ended) void desk.call.leg.hangup('shutting down');
      for (const s of desk.sockets) s.close(1001, 'server shutting down');
    }
    this.#desks.clear();
  }

  #desk(agentId: string): AgentDesk {
    let d = this.#desks.get(agentId);
    if (d === undefined) {
      d = { agentId, sockets: new Set() };
      this.#desks.set(agentId, d);
    }
    return d;
  }

  #push(desk: AgentDesk, m: ServerMessage): void {
    for (const s of desk.sockets) s.send(m);
  }

  #device(desk: AgentDesk): Device {
    return desk.device ?? (desk.sockets.size > 0 ? 'browser' : 'sip_phone');
  }

  // ---- sockets -------------------------------------------------------------------------

  /** A desktop connected: everything the page needs to show the agent's situation. */
  async connect(agent: { id: string; name: string; extension: string }, conn: DesktopConnection): Promise<void> {
    const desk = this.#desk(agent.id);
    if (desk.device === undefined) {
      const [row] = await this.deps.db.select({ device: agents.device }).from(agents).where(eq(agents.id, agent.id));
      if (row?.device != null && desk.device === undefined) desk.device = row.device;
    }
    desk.sockets.add(conn);
    conn.send({
      type: 'hello', agent, state: this.#stateView(agent.id), device: this.#device(desk),
      offer: desk.ring?.offer ?? desk.phoneRing ?? null, call: desk.call === undefined ? null : this.#callView(desk.call), directory: await this.#directory(agent.id),
    });
  }

  /**
   * A socket went. A ringing offer keeps ringing until it expires (the page
   * may be back in a second) and a call goes on: its media is on the peer
   * connection, not on this socket.
   */
  disconnect(agentId: string, conn: DesktopConnection): void {
    this.#desks.get(agentId)?.sockets.delete(conn);
  }

  /** Closes an agent's desktop sockets (tests: the network drops; an admin disabled the agent). */
  drop(agentId: string, reason = 'dropped'): void {
    for (const s of this.#desks.get(agentId)?.sockets ?? []) s.close(1012, reason);
  }

  /** One validated message from the agent's page; the answer goes back to that socket. */
  async handle(agentId: string, conn: DesktopConnection, m: ClientMessage): Promise<void> {
    const desk = this.#desk(agentId);
    try {
      const reason = await this.#act(desk, m);
      if (m.type === 'ping') conn.send({ type: 'pong' });
      else conn.send({ type: 'result', of: m.type, ok: reason === undefined, ...(reason !== undefined ? { reason } : {}) });
    } catch (err) {
      const known = err instanceof Refused || (err instanceof Error && 'code' in err);
      if (!known) this.deps.log.error({ err, agentId, type: m.type }, 'desktop action failed');
      conn.send({ type: 'result', of: m.type, ok: false, reason: known ? err.message : 'internal error' });
    }
  }

  /** Carries out one message; a string is why it did not happen. */
  async #act(desk: AgentDesk, m: ClientMessage): Promise<string | undefined> {
    const id = desk.agentId;
    switch (m.type) {
      case 'ping':
        return undefined;
      case 'state': {
        if (!this.deps.routing.engine.agentIds().includes(id)) throw new Refused('this agent is not in routing (disabled?)');
        const current = this.deps.routing.engine.agent(id).state;
        this.deps.routing.run((e) => {
          if (m.state === 'offline') return e.logout(id);
          if (current === 'offline') return e.login(id, m.state === 'aux' ? { auxReason: m.reason } : {});
          return m.state === 'aux' ? e.setAux(id, m.reason!) : e.setAvailable(id);
        });
        return undefined;
      }
      case 'device':
        if (desk.ring !== undefined || desk.phoneRing !== undefined || (desk.call !== undefined && LIVE.has(desk.call.status))) return 'finish the call before changing device';
        desk.device = m.device;
        // Kept with the agent, so the choice survives a restart and holds on every browser they use.
        await this.deps.db.update(agents).set({ device: m.device }).where(eq(agents.id, id));
        this.#push(desk, { type: 'device', device: m.device });
        return undefined;
      case 'answer':
        return this.#answer(desk, m.interaction_id, m.sdp);
      case 'rejoin':
        return this.#rejoin(desk, m.interaction_id, m.sdp);
      case 'reject': {
        const ring = desk.ring;
        if (ring === undefined || ring.offer.interaction_id !== m.interaction_id || ring.answering) return 'the offer is no longer ringing';
        ring.settle(undefined, 'declined');
        return undefined;
      }
      case 'end_wrap_up': {
        const call = desk.call;
        let agentOf: string | undefined;
        try {
          const i = this.deps.routing.engine.interaction(m.interaction_id);
          agentOf = i.state === 'wrap_up' ? i.agentId : undefined;
        } catch {
          agentOf = undefined;
        }
        if (agentOf !== id) return 'this interaction is not in your wrap-up';
        this.deps.routing.run((e) => e.endWrapUp(m.interaction_id));
        if (call?.interactionId === m.interaction_id) this.#clearCall(desk);
        return undefined;
      }
      default:
        return this.#control(desk, m);
    }
  }

  /** Call control on the agent's current call, in the page or on the desk phone. */
  async #control(desk: AgentDesk, m: Extract<ClientMessage, { interaction_id: string }>): Promise<string | undefined> {
    const call = desk.call;
    if (call === undefined || call.interactionId !== m.interaction_id) return 'this is not your current call';
    if (!LIVE.has(call.status)) return 'the call has ended';
    const voice = this.deps.voice;
    const conv = () => voice.conversation(call.interactionId);
    if (m.type === 'hangup') {
      if (call.leg !== undefined) await call.leg.hangup('ended by the agent');
      else await conv().hangup();
      return undefined;
    }
    if (call.consult) return 'a colleague is consulting you: the call is theirs until they complete the transfer';
    // The page's status follows the conversation's own change notices (onCallChanged).
    switch (m.type) {
      case 'hold':
        conv().hold();
        return undefined;
      case 'unhold':
        conv().unhold();
        return undefined;
      case 'transfer': {
        const to = m.to.kind === 'agent' ? { kind: 'agent' as const, agentId: m.to.agent_id }
          : m.to.kind === 'queue' ? { kind: 'queue' as const, queueId: m.to.queue_id } : { kind: 'number' as const, number: m.to.number };
        if (call.status === 'consulting') return 'a transfer is already in progress';
        const r = await voice.transferCall(call.interactionId, to, m.mode);
        return r.ok ? undefined : r.reason ?? 'the transfer failed';
      }
      case 'transfer_complete':
        conv().completeTransfer();
        return undefined;
      case 'transfer_cancel':
        conv().cancelTransfer();
        return undefined;
      default:
        return undefined;
    }
  }

  // ---- ringing and answering -------------------------------------------------------------

  wants(agentId: string): boolean {
    const desk = this.#desks.get(agentId);
    return desk !== undefined && desk.sockets.size > 0 && this.#device(desk) === 'browser';
  }

  ring(o: { agentId: string; interactionId: string; queueId: string; fromNumber: string; expiresAt: number; purpose?: 'consult'; consultFrom?: string }): { answered: Promise<VoiceLeg | undefined>; cancel(): void } {
    const desk = this.#desk(o.agentId);
    // One ringing offer at a time in the page: a second one is handed back at once.
    if (desk.ring !== undefined) return { answered: Promise.resolve(undefined), cancel: () => undefined };
    let settle!: (leg: VoiceLeg | undefined, reason: string) => void;
    const answered = new Promise<VoiceLeg | undefined>((resolve) => {
      let done = false;
      const timer = setTimeout(() => settle(undefined, 'no answer'), Math.max(1000, o.expiresAt - this.deps.clock.now() + 500));
      settle = (leg, reason) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (desk.ring === ring) desk.ring = undefined;
        if (leg === undefined) this.#push(desk, { type: 'offer_withdrawn', interaction_id: o.interactionId, reason });
        resolve(leg);
      };
    });
    const ring: PendingRing = {
      offer: { interaction_id: o.interactionId, queue: null, from_number: o.fromNumber, attributes: {}, expires_at: new Date(o.expiresAt).toISOString(),
        device: 'browser', purpose: o.purpose ?? 'queue', consult_from: null },
      answering: false,
      settle: (leg, reason) => settle(leg, reason),
    };
    desk.ring = ring;
    const from = o.consultFrom === undefined ? Promise.resolve(null) : this.#agentName(o.consultFrom);
    void Promise.all([this.#offerDetails(o.interactionId, o.queueId), from]).then(([d, consultFrom]) => {
      if (desk.ring !== ring) return;
      ring.offer = { ...ring.offer, ...d, from_number: o.fromNumber, consult_from: consultFrom };
      this.#push(desk, { type: 'offer', offer: ring.offer });
    });
    return { answered, cancel: () => settle(undefined, 'withdrawn') };
  }

  /** The page answered with its WebRTC offer: the engine answers, media comes up, the leg goes to the call. */
  async #answer(desk: AgentDesk, interactionId: string, sdp: string): Promise<string | undefined> {
    const ring = desk.ring;
    if (ring === undefined || ring.offer.interaction_id !== interactionId) return 'the offer is no longer ringing';
    if (ring.answering) return 'already answering';
    ring.answering = true;
    let leg: WebRtcLeg;
    try {
      leg = await this.deps.engine.answer(sdp, { label: `${desk.agentId}/${interactionId}` });
    } catch (err) {
      ring.settle(undefined, 'the browser\'s media offer was refused');
      throw err;
    }
    if (desk.ring === undefined || desk.ring.offer.interaction_id !== interactionId) {
      leg.close();
      return 'the offer was withdrawn';
    }
    this.#push(desk, { type: 'media_answer', interaction_id: interactionId, sdp: leg.answerSdp });
    const up = await this.#connected(leg);
    const still = desk.ring;
    if (!up || still === undefined || still.offer.interaction_id !== interactionId) {
      leg.close();
      still?.settle(undefined, up ? 'withdrawn' : 'the browser\'s media did not connect');
      return up ? 'the offer was withdrawn' : 'media did not connect';
    }
    const bleg = browserLeg(leg, { graceMs: this.deps.rejoinGraceMs ?? 20_000 });
    const call: LiveCall = {
      interactionId, queue: still.offer.queue, fromNumber: still.offer.from_number, attributes: still.offer.attributes,
      answeredAt: this.deps.clock.now(), leg: bleg, consult: still.offer.purpose === 'consult', consultFrom: still.offer.consult_from, consultingWith: null,
      status: 'talking', wrapUpEndsAt: null,
    };
    desk.call = call;
    bleg.onEnded(() => this.#legEnded(desk, call));
    bleg.onMedia((lost) => this.#mediaMoved(desk, call, lost));
    still.settle(bleg, 'answered');
    this.#push(desk, { type: 'call', call: this.#callView(call) });
    return undefined;
  }

  /** The reloaded page brings a new peer connection for the call it had: the call carries on over it. */
  async #rejoin(desk: AgentDesk, interactionId: string, sdp: string): Promise<string | undefined> {
    const call = desk.call;
    if (call === undefined || call.interactionId !== interactionId || call.leg === undefined) return 'this is not your current browser call';
    if (!LIVE.has(call.status) || call.leg.ended) return 'the call has ended';
    const leg = await this.deps.engine.answer(sdp, { label: `${desk.agentId}/${interactionId}/rejoin` });
    this.#push(desk, { type: 'media_answer', interaction_id: interactionId, sdp: leg.answerSdp });
    if (!(await this.#connected(leg)) || call.leg.ended || desk.call !== call) {
      leg.close();
      return 'media did not connect';
    }
    call.leg.reattach(leg);
    return undefined;
  }

  /** The page's media went (reload) or came back: the customer waits on hold meanwhile. */
  #mediaMoved(desk: AgentDesk, call: LiveCall, lost: boolean): void {
    if (call.leg === undefined) return;
    try {
      const conv = this.deps.voice.conversation(call.interactionId);
      if (lost) conv.mediaLost(call.leg);
      else conv.mediaBack(call.leg);
    } catch (err) {
      this.deps.log.warn({ err, interactionId: call.interactionId }, 'the call\'s media could not be moved');
    }
    if (desk.call === call) this.#push(desk, { type: 'call', call: this.#callView(call) });
  }

  #connected(leg: WebRtcLeg): Promise<boolean> {
    if (leg.state === 'connected') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, this.deps.connectTimeoutMs ?? 10_000);
      const off = leg.onState((s) => {
        if (s === 'connecting' || s === 'disconnected') return;
        clearTimeout(timer);
        off();
        resolve(s === 'connected');
      });
    });
  }

  // ---- the routing engine's view: desk-phone offers and calls, hand-overs, wrap-up ----------

  /** An offer rang the agent's desk phone: the page pops it (it cannot be answered there). */
  #offered(desk: AgentDesk, d: Record<string, unknown>): void {
    const interactionId = d.interaction_id as string;
    if (d.channel !== 'voice' || desk.sockets.size === 0 || this.#device(desk) !== 'sip_phone' || desk.ring?.offer.interaction_id === interactionId) return;
    const offer: OfferView = { interaction_id: interactionId, queue: null, from_number: '', attributes: {}, expires_at: d.expires_at as string,
      device: 'sip_phone', purpose: 'queue', consult_from: null };
    desk.phoneRing = offer;
    void this.#offerDetails(interactionId, d.queue_id as string).then((details) => {
      if (desk.phoneRing?.interaction_id !== interactionId) return;
      desk.phoneRing = { ...offer, ...details };
      this.#push(desk, { type: 'offer', offer: desk.phoneRing });
    });
  }

  #phoneRingOver(desk: AgentDesk, interactionId: string, reason: string): void {
    if (desk.phoneRing?.interaction_id !== interactionId) return;
    desk.phoneRing = undefined;
    this.#push(desk, { type: 'offer_withdrawn', interaction_id: interactionId, reason });
  }

  /** One of the agent's interactions moved in the engine. */
  #interactionMoved(desk: AgentDesk, interactionId: string, state: string, queueId: string | undefined): void {
    const call = desk.call;
    if (state === 'active') {
      const ring = desk.phoneRing;
      if (ring?.interaction_id === interactionId) desk.phoneRing = undefined;
      if (call !== undefined && call.interactionId !== interactionId && call.leg !== undefined && !call.leg.ended && LIVE.has(call.status)) {
        // The same browser call continues as a new interaction: a completed warm transfer handed to this agent.
        call.interactionId = interactionId;
        call.consult = false;
        call.consultFrom = null;
        void this.#queueOf(queueId).then((q) => {
          call.queue = q ?? call.queue;
          if (desk.call === call) this.#push(desk, { type: 'call', call: this.#callView(call) });
        });
        return;
      }
      if (call === undefined && this.#device(desk) === 'sip_phone' && this.#isVoice(queueId)) {
        const phoneCall: LiveCall = {
          interactionId, queue: ring?.queue ?? null, fromNumber: ring?.from_number ?? '', attributes: ring?.attributes ?? {},
          answeredAt: this.deps.clock.now(), leg: undefined, consult: false, consultFrom: null, consultingWith: null, status: 'talking', wrapUpEndsAt: null,
        };
        desk.call = phoneCall;
        const fill = ring === undefined ? this.#offerDetails(interactionId, queueId ?? '') : Promise.resolve(undefined);
        void fill.then((d) => {
          if (desk.call !== phoneCall) return;
          if (d !== undefined) desk.call = { ...phoneCall, queue: d.queue, fromNumber: d.from_number, attributes: d.attributes };
          this.#push(desk, { type: 'call', call: this.#callView(desk.call) });
        });
      }
      return;
    }
    if (call === undefined || call.interactionId !== interactionId) return;
    if (state === 'wrap_up') this.#wrapUp(desk, call);
    else if (state !== 'offered' && state !== 'queued' && call.leg === undefined) this.#clearCall(desk);
  }

  #isVoice(queueId: string | undefined): boolean {
    return queueId !== undefined && this.deps.routing.queue(queueId)?.channel === 'voice';
  }

  /** The browser's leg ended: the page shows it; wrap-up follows if the engine starts it. */
  #legEnded(desk: AgentDesk, call: LiveCall): void {
    if (desk.call !== call || call.status === 'wrap_up') return;
    call.status = 'ended';
    this.#push(desk, { type: 'call', call: this.#callView(call) });
    // The engine puts the agent in wrap-up at once when the conversation was theirs; otherwise
    // (an offer that could not be accepted, a queue without wrap-up, a consultation) nothing more comes.
    setTimeout(() => {
      if (desk.call === call && call.status === 'ended') this.#clearCall(desk);
    }, 1500).unref();
  }

  #wrapUp(desk: AgentDesk, call: LiveCall): void {
    if (call.status === 'wrap_up') return;
    call.status = 'wrap_up';
    const state = this.#stateView(desk.agentId);
    const wrapS = call.queue === null ? undefined : this.deps.routing.queue(call.queue.id)?.wrapUpS;
    const since = state.state === 'wrap_up' ? Date.parse(state.since) : this.deps.clock.now();
    call.wrapUpEndsAt = wrapS === undefined || wrapS <= 0 ? null : since + wrapS * 1000;
    this.#push(desk, { type: 'call', call: this.#callView(call) });
  }

  #clearCall(desk: AgentDesk): void {
    if (desk.call === undefined) return;
    desk.call = undefined;
    this.#push(desk, { type: 'call', call: null });
  }

  /** The agent's state moved (this desktop, the REST API, the engine's timers). */
  #stateChanged(desk: AgentDesk): void {
    const state = this.#stateView(desk.agentId);
    this.#push(desk, { type: 'state', state });
    const call = desk.call;
    if (call === undefined) return;
    if (state.state === 'wrap_up' && (call.status === 'ended' || call.leg === undefined)) {
      this.#wrapUp(desk, call);
    } else if (state.state !== 'wrap_up' && state.state !== 'busy' && (call.status === 'wrap_up' || call.status === 'ended')) {
      this.#clearCall(desk);
    }
  }

  // ---- views -------------------------------------------------------------------------------

  #stateView(agentId: string): AgentStateView {
    if (!this.deps.routing.engine.agentIds().includes(agentId)) return { state: 'offline', aux_reason: null, since: new Date(this.deps.clock.now()).toISOString() };
    const a = this.deps.routing.engine.agent(agentId);
    return { state: a.state, aux_reason: a.auxReason ?? null, since: new Date(a.since).toISOString() };
  }

  #callView(c: LiveCall): CallView {
    const remaining = c.wrapUpEndsAt === null ? null : Math.max(0, Math.round((c.wrapUpEndsAt - this.deps.clock.now()) / 1000));
    return {
      interaction_id: c.interactionId, queue: c.queue, from_number: c.fromNumber, attributes: c.attributes, status: c.status,
      answered_at: new Date(c.answeredAt).toISOString(),
      wrap_up_ends_at: c.wrapUpEndsAt === null ? null : new Date(c.wrapUpEndsAt).toISOString(),
      wrap_up_remaining_s: c.status === 'wrap_up' ? remaining : null,
      device: c.leg === undefined ? 'sip_phone' : 'browser', consult: c.consult, consult_from: c.consultFrom,
      consulting_with: c.status === 'consulting' ? c.consultingWith : null,
      media: c.leg === undefined ? null : c.leg.detached ? 'lost' : 'connected',
    };
  }

  /** What the page shows of an offer beyond the engine's decision: the queue's name, the caller, the IVR's attributes. */
  async #offerDetails(interactionId: string, queueId: string): Promise<Pick<OfferView, 'queue' | 'attributes' | 'from_number'>> {
    try {
      const q = await this.#queueOf(queueId);
      const [i] = await this.deps.db.select({ attributes: interactions.attributes, from: interactions.customerAddress }).from(interactions).where(eq(interactions.id, interactionId));
      return { queue: q ?? null, attributes: i?.attributes ?? {}, from_number: i?.from ?? '' };
    } catch (err) {
      this.deps.log.warn({ err, interactionId }, 'offer details could not be read');
      return { queue: null, attributes: {}, from_number: '' };
    }
  }

  async #agentName(agentId: string): Promise<string | null> {
    try {
      const [a] = await this.deps.db.select({ name: agents.name }).from(agents).where(eq(agents.id, agentId));
      return a?.name ?? null;
    } catch {
      return null;
    }
  }

  async #queueOf(queueId: string | undefined): Promise<{ id: string; name: string } | undefined> {
    if (queueId === undefined || queueId === '') return undefined;
    const [q] = await this.deps.db.select({ id: queues.id, name: queues.name }).from(queues).where(eq(queues.id, queueId));
    return q;
  }

  /** Whom the agent can transfer to: the queues and fellow agents of the agent's clients. */
  async #directory(agentId: string): Promise<DirectoryView> {
    const db = this.deps.db;
    const clientIds = (await db.select({ id: agentClients.clientId }).from(agentClients).where(eq(agentClients.agentId, agentId))).map((r) => r.id);
    if (clientIds.length === 0) return { agents: [], queues: [] };
    const qs = await db.select({ id: queues.id, name: queues.name }).from(queues)
      .where(and(inArray(queues.clientId, clientIds), eq(queues.channel, 'voice'), eq(queues.disabled, false))).orderBy(queues.name);
    const as = await db.selectDistinct({ id: agents.id, name: agents.name, extension: agents.extension }).from(agents)
      .innerJoin(agentClients, eq(agentClients.agentId, agents.id))
      .where(and(inArray(agentClients.clientId, clientIds), eq(agents.disabled, false), ne(agents.id, agentId))).orderBy(agents.name);
    return { agents: as, queues: qs };
  }
}
