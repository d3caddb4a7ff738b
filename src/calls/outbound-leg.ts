import type { Logger } from '../platform/logger.js';
import type { PortAllocator } from '../media/rtp/port-allocator.js';
import type { ClientCredentials } from '../sip/auth/digest-client.js';
import type { UserAgent } from '../sip/ua/user-agent.js';
import type { OutgoingSession } from '../sip/ua/outgoing-session.js';
import { CallMedia } from './call-media.js';
import { DigitCollector } from './digit-collector.js';

/**
 * A call we place (an agent's phone, a customer through a trunk): our SDP
 * offer in the INVITE, the answer from the 2xx, then the same media and
 * DTMF handling an inbound call has. One dispose() ends it on every path.
 *
 *   dialing ─1xx─► ringing ─2xx─► answered ─BYE (either side)─► ended
 *      │              │                                           ▲
 *      └──────────────┴── failure / cancel() / timeout ───────────┘
 */
export type OutboundLegState = 'dialing' | 'ringing' | 'answered' | 'ended';

export interface DialOptions {
  readonly ua: UserAgent;
  readonly allocator: PortAllocator;
  /** Our media address (c= line). */
  readonly address: string;
  /** Request-URI: the agent's registered contact, or sip:+number@carrier. */
  readonly target: string;
  /** From header, e.g. `"Queue Support" <sip:+15125550100@switchboard>`. */
  readonly from?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly auth?: ClientCredentials;
  /** Outbound proxy / trunk route. */
  readonly route?: string;
  /** Gives up (CANCEL) after this long without an answer. */
  readonly ringTimeoutMs: number;
  /** Called at once with the leg, before it is answered (so it can be cancelled). */
  readonly onCreated?: (leg: OutboundLeg) => void;
  readonly log: Logger;
}

/** How a dial attempt ended before it was answered. */
export interface DialFailure {
  readonly reason: 'busy' | 'no_answer' | 'rejected' | 'cancelled' | 'unreachable' | 'media';
  readonly status?: number;
}

export class OutboundLeg {
  #state: OutboundLegState = 'dialing';
  readonly #digits: DigitCollector;
  readonly #digitListeners = new Set<(digit: string) => void>();
  readonly #endListeners = new Set<(reason: string) => void>();
  #timer: NodeJS.Timeout | undefined;
  #cancelled = false;
  /** Set when a dial failed: why. */
  failure: DialFailure | undefined;
  #endReason = '';
  /** RTP packets sent and received, read when the leg ends. */
  rtpTotals = { sent: 0, received: 0 };

  private constructor(readonly session: OutgoingSession, readonly media: CallMedia, readonly log: Logger, readonly sipCallId: string) {
    this.#digits = new DigitCollector((d) => {
      for (const l of this.#digitListeners) l(d);
    });
  }

  /**
   * Places the call; resolves once it is answered (the leg) or has failed
   * (`failure` set, media released). Never rejects for call outcomes.
   */
  static async dial(o: DialOptions): Promise<OutboundLeg> {
    const media = await CallMedia.offer({ allocator: o.allocator, address: o.address });
    let session: OutgoingSession;
    try {
      session = o.ua.invite(o.target, {
        body: Buffer.from(media.localSdp), contentType: 'application/sdp', from: o.from, headers: o.headers, auth: o.auth, route: o.route,
      });
    } catch (err) {
      media.dispose();
      throw err;
    }
    const callId = session.request.headers.get('call-id') ?? '';
    const leg = new OutboundLeg(session, media, o.log.child({ leg: callId }), callId);
    const done = leg.#run(o.ringTimeoutMs);
    o.onCreated?.(leg);
    return done;
  }

  #run(ringTimeoutMs: number): Promise<OutboundLeg> {
    return new Promise((resolve) => {
      this.#timer = setTimeout(() => this.cancel('no_answer'), ringTimeoutMs);
      this.session.on('progress', (p) => {
        if (this.#state === 'dialing' && p.status >= 180) this.#state = 'ringing';
      });
      this.session.on('answered', (a) => {
        clearTimeout(this.#timer);
        if (this.#state === 'ended') return;
        if (this.#cancelled) {
          // The 200 crossed our CANCEL (RFC 3261 §9.1: the far end answered first). Nobody wants
          // the call any more: hang it up, release its media; the dial keeps its failure.
          this.#end('answered after cancel');
          void this.session.bye().catch(() => undefined);
          return resolve(this);
        }
        try {
          this.media.acceptAnswer(a.body.toString('utf8'));
        } catch (err) {
          this.log.info({ err }, 'answer without usable SDP: hanging up');
          this.failure = { reason: 'media' };
          this.#end('no usable SDP answer');
          void this.session.bye().catch(() => undefined);
          return resolve(this);
        }
        this.#state = 'answered';
        this.#digits.tap(this.media.rtp, this.media.telephoneEventPayloadType);
        resolve(this);
      });
      this.session.on('failed', (f) => {
        clearTimeout(this.#timer);
        // cancel() already set why it gave up (no answer in time, or cancelled); keep it, add the status.
        this.failure = this.failure === undefined ? { reason: failureOf(f.status), status: f.status } : { ...this.failure, status: f.status };
        this.#end(`failed ${f.status}`);
        resolve(this);
      });
      this.session.on('ended', (e) => {
        clearTimeout(this.#timer);
        if (this.#state !== 'answered' && this.failure === undefined) this.failure = { reason: this.#cancelled ? 'cancelled' : 'unreachable' };
        this.#end(e.by === 'remote' ? 'remote hang-up' : e.reason);
        resolve(this);
      });
      this.session.on('info', (e) => {
        this.#digits.info(e.body, e.contentType);
      });
      this.session.on('reinvite', (r) => {
        try {
          r.accept({ body: Buffer.from(this.media.reanswer(r.body.toString('utf8'))) });
          this.#digits.tap(this.media.rtp, this.media.telephoneEventPayloadType);
        } catch {
          r.reject(488);
        }
      });
    });
  }

  get state(): OutboundLegState {
    return this.#state;
  }
  get answered(): boolean {
    return this.#state === 'answered';
  }
  get ended(): boolean {
    return this.#state === 'ended';
  }
  /** Why the leg ended ('' while live). */
  get endReason(): string {
    return this.#endReason;
  }

  onDigit(listener: (digit: string) => void): () => void {
    this.#digitListeners.add(listener);
    return () => this.#digitListeners.delete(listener);
  }

  /** Hears the leg's end (at once when already ended). */
  onEnded(listener: (reason: string) => void): () => void {
    if (this.ended) {
      listener(this.#endReason);
      return () => undefined;
    }
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  retapDigits(): void {
    if (!this.ended) this.#digits.tap(this.media.rtp, this.media.telephoneEventPayloadType);
  }

  /** Stops ringing (CANCEL); the dial resolves with `failure`. */
  cancel(reason: DialFailure['reason'] = 'cancelled'): void {
    if (this.#state !== 'dialing' && this.#state !== 'ringing') return;
    this.#cancelled = true;
    this.failure = { reason };
    this.session.cancel();
  }

  /** Ends an answered leg with BYE (or cancels one still ringing). */
  async hangup(reason = 'local hang-up'): Promise<void> {
    if (this.#state === 'dialing' || this.#state === 'ringing') return this.cancel();
    if (this.ended) return;
    this.#end(reason);
    await this.session.bye().catch(() => undefined);
  }

  #end(reason: string): void {
    if (this.#state === 'ended') return;
    this.#state = 'ended';
    this.#endReason = reason;
    clearTimeout(this.#timer);
    this.#digits.dispose();
    const stats = this.media.rtp.stats();
    this.rtpTotals = { sent: stats.packetsSent, received: stats.packetsReceived };
    this.media.dispose();
    for (const l of this.#endListeners) l(reason);
    this.#endListeners.clear();
    this.#digitListeners.clear();
  }
}

function failureOf(status: number): DialFailure['reason'] {
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480) return 'no_answer';
  if (status === 487) return 'cancelled';
  if (status === 404 || status === 410 || status === 484 || status === 503 || status === 502) return 'unreachable';
  return 'rejected';
}
