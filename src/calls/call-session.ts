import { AppError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { IncomingSession } from '../sip/ua/incoming-session.js';
import type { CallMedia } from './call-media.js';
import { CallErrors } from './errors.js';
import { DigitCollector, type DigitSource } from './digit-collector.js';
import type { Prompts } from './prompts.js';
import type { CallService } from './services/call-service.js';
import type { ServiceEntry } from './services/service-table.js';

/**
 * One inbound call, a thin coordinator: SIP signalling (IncomingSession),
 * media (CallMedia), DTMF (DigitCollector) and the service that runs the
 * call each live in their own collaborator; this class only wires them and
 * owns the single dispose() that every exit path ends in (STYLE habit 10).
 *
 *   routing ─answer─► answering ─ACK─► active ─BYE (either side)─► ended
 *      │                  │                                          ▲
 *      └──────────────────┴── reject / CANCEL / no ACK / stop() ─────┘
 */
export type CallState = 'routing' | 'answering' | 'active' | 'ended';

const NEXT: Readonly<Record<CallState, readonly CallState[]>> = {
  routing: ['answering', 'ended'],
  answering: ['active', 'ended'],
  active: ['ended'],
  ended: [],
};

/** What a call did, reported once when it ends. */
export interface CallSummary {
  readonly callId: string;
  readonly service: string | undefined;
  readonly reason: string;
  /** RTP packets sent to the caller and received from it (every SSRC it used). 0 without media. */
  readonly rtp: { readonly received: number; readonly sent: number };
}

export interface CallSessionOptions {
  readonly log: Logger;
  readonly prompts: Prompts;
  readonly onDigit: (call: CallSession, digit: string, source: DigitSource) => void;
  readonly onEnded: (call: CallSession, summary: CallSummary) => void;
}

export class CallSession {
  readonly id: string;
  readonly log: Logger;
  #state: CallState = 'routing';
  #media: CallMedia | undefined;
  #entry: ServiceEntry | undefined;
  #service: CallService | undefined;
  readonly #digits: DigitCollector;
  readonly #digitListeners = new Set<(digit: string) => void>();
  readonly #endListeners = new Set<(summary: CallSummary) => void>();
  readonly #activeWaiters: Array<(active: boolean) => void> = [];

  constructor(readonly sip: IncomingSession, private readonly o: CallSessionOptions) {
    this.id = sip.request.headers.get('call-id') ?? '';
    this.log = o.log;
    this.#digits = new DigitCollector((digit, source) => {
      o.onDigit(this, digit, source);
      for (const l of this.#digitListeners) l(digit);
    });
    sip.on('ended', (e) => this.dispose(`${e.by}: ${e.reason}`));
    sip.on('failed', (e) => this.dispose(`failed ${e.status}`));
    sip.on('confirmed', (ack) => this.#confirmed(ack.body, ack.contentType));
    sip.on('info', (e) => {
      if (this.#digits.info(e.body, e.contentType)) return;
      this.log.debug({ contentType: e.contentType }, 'INFO without a DTMF digit');
    });
    sip.on('reinvite', (r) => {
      try {
        // §14.2: an offer while ours (late offer) is unanswered gets 491.
        if (this.#media?.negotiated !== true) return r.reject(491);
        r.accept({ body: Buffer.from(this.#media.reanswer(r.body.toString('utf8'))) });
        this.#digits.tap(this.#media.rtp, this.#media.telephoneEventPayloadType);
      } catch (err) {
        this.log.info({ err }, 're-INVITE refused');
        r.reject(488);
      }
    });
  }

  get state(): CallState {
    return this.#state;
  }
  get ended(): boolean {
    return this.#state === 'ended';
  }
  get media(): CallMedia | undefined {
    return this.#media;
  }

  /** Hears this call's DTMF digits; returns an unsubscribe function. */
  onDigit(listener: (digit: string) => void): () => void {
    this.#digitListeners.add(listener);
    return () => this.#digitListeners.delete(listener);
  }

  /** Hears this call's end (once); returns an unsubscribe function. */
  onEnded(listener: (summary: CallSummary) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  /** Resolves true once the call is answered and confirmed (ACK), false if it ends first. */
  whenActive(): Promise<boolean> {
    if (this.#state === 'active') return Promise.resolve(true);
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => this.#activeWaiters.push(resolve));
  }

  /** Puts DTMF detection back on the RTP session after something replaced its handler (a bridge that ended). */
  retapDigits(): void {
    const m = this.#media;
    if (m !== undefined && !this.ended) this.#digits.tap(m.rtp, m.telephoneEventPayloadType);
  }

  #transition(to: CallState): void {
    if (!NEXT[this.#state].includes(to)) throw CallErrors.create('CALL_ILLEGAL_TRANSITION', { what: 'call', from: this.#state, to });
    this.#state = to;
  }

  /** Hands the call its media; from now on the call releases it on every exit path. */
  attachMedia(media: CallMedia): void {
    if (this.ended) {
      media.dispose();
      return;
    }
    this.#media = media;
    this.#digits.tap(media.rtp, media.telephoneEventPayloadType);
  }

  /**
   * Sends 200 OK with our SDP (the answer, or our offer after an INVITE
   * without one); `service` starts when the ACK confirms the call.
   */
  answer(service: ServiceEntry): void {
    const media = this.#media;
    if (this.ended || media === undefined) return;
    this.#entry = service;
    this.#transition('answering');
    this.sip.accept({ body: Buffer.from(media.localSdp), contentType: 'application/sdp' });
  }

  /** Refuses a call still being routed (404, 488, 503 ...). */
  reject(status: number, reason?: string): void {
    if (this.#state !== 'routing') return;
    this.sip.reject(status, reason);
    this.dispose(`rejected ${status}`);
  }

  /**
   * The ACK arrived. After a late offer it carries the caller's answer
   * (RFC 3261 §13.2.1); without a usable one there is no media to run a
   * service on, so the call ends with BYE — the UAS side of §13.2.2.4,
   * where a UAC that cannot use the offer in a 2xx must send BYE.
   */
  #confirmed(body: Buffer, contentType: string | undefined): void {
    const media = this.#media;
    if (this.#state !== 'answering' || media === undefined) return;
    if (!media.negotiated) {
      try {
        if (body.length === 0 || !isSdp(contentType)) throw CallErrors.create('CALL_NO_ANSWER', { contentType });
        media.acceptAnswer(body.toString('utf8'));
      } catch (err) {
        this.log.info({ err, code: err instanceof AppError ? err.code : undefined }, 'late offer: no usable answer in the ACK');
        this.hangup('no usable SDP answer in the ACK').catch((e: unknown) => this.log.warn({ err: e }, 'BYE failed'));
        return;
      }
      this.#digits.tap(media.rtp, media.telephoneEventPayloadType);
    }
    this.#activate(media);
  }

  #activate(media: CallMedia): void {
    this.#transition('active');
    this.#service = this.#entry?.create({
      media, prompts: this.o.prompts, log: this.log,
      tapDigits: () => this.#digits.tap(media.rtp, media.telephoneEventPayloadType),
    });
    this.log.info({ service: this.#entry?.name }, 'call answered');
    this.#service?.start();
    for (const w of this.#activeWaiters.splice(0)) w(true);
  }

  /** Ends the call from our side: BYE once answered, 503 while still routing (shutdown). */
  async hangup(reason = 'local hang-up'): Promise<void> {
    if (this.#state === 'routing') return this.reject(503, 'Service Unavailable');
    if (this.ended) return;
    // Release first, so the summary carries `reason`; the BYE's own `ended` then finds the call ended.
    this.dispose(reason);
    await this.sip.bye();
  }

  /** Releases the service, the media (RTP ports, RTCP timer) and DTMF state. Idempotent. */
  dispose(reason = 'disposed'): void {
    if (this.ended) return;
    this.#transition('ended');
    this.#service?.dispose();
    this.#digits.dispose();
    const stats = this.#media?.rtp.stats();
    this.#media?.dispose();
    const summary: CallSummary = {
      callId: this.id, service: this.#entry?.name, reason,
      rtp: { received: stats?.packetsReceived ?? 0, sent: stats?.packetsSent ?? 0 },
    };
    this.log.info({ service: summary.service, reason, rtp: summary.rtp }, 'call ended');
    for (const w of this.#activeWaiters.splice(0)) w(false);
    this.o.onEnded(this, summary);
    for (const l of this.#endListeners) l(summary);
    this.#endListeners.clear();
    this.#digitListeners.clear();
  }
}

/** RFC 3261 §7.4.1: a body's type is in Content-Type; a missing one is taken as SDP, the only body an ACK answer can be. */
function isSdp(contentType: string | undefined): boolean {
  return contentType === undefined || contentType.split(';')[0].trim().toLowerCase() === 'application/sdp';
}
