import type { Logger } from '../platform/logger.js';
import type { IncomingSession } from '../sip/ua/incoming-session.js';
import type { CallMedia } from './call-media.js';
import { CallErrors } from './errors.js';
import { DigitCollector, type DigitSource } from './digit-collector.js';
import type { Prompts } from './prompts.js';
import type { CallService, ServiceFactory } from './services/call-service.js';

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
  /**
   * RTP packets sent to the caller, and received from its current source
   * (the media layer restarts inbound statistics on a new SSRC). 0 without media.
   */
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
  #service: CallService | undefined;
  readonly #digits: DigitCollector;

  constructor(readonly sip: IncomingSession, private readonly o: CallSessionOptions) {
    this.id = sip.request.headers.get('call-id') ?? '';
    this.log = o.log;
    this.#digits = new DigitCollector((digit, source) => o.onDigit(this, digit, source));
    sip.on('ended', (e) => this.dispose(`${e.by}: ${e.reason}`));
    sip.on('failed', (e) => this.dispose(`failed ${e.status}`));
    sip.on('confirmed', () => this.#activate());
    sip.on('info', (e) => {
      if (this.#digits.info(e.body, e.contentType)) return;
      this.log.debug({ contentType: e.contentType }, 'INFO without a DTMF digit');
    });
    sip.on('reinvite', (r) => {
      try {
        if (this.#media === undefined) return r.reject(491);
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

  /** Sends 200 OK with our SDP answer; `service` starts when the ACK confirms the call. */
  answer(create: ServiceFactory): void {
    const media = this.#media;
    if (this.ended || media === undefined) return;
    this.#service = create({
      media, prompts: this.o.prompts, log: this.log,
      tapDigits: () => this.#digits.tap(media.rtp, media.telephoneEventPayloadType),
    });
    this.#transition('answering');
    this.sip.accept({ body: Buffer.from(media.answerSdp), contentType: 'application/sdp' });
  }

  /** Refuses a call still being routed (404, 488, 503 ...). */
  reject(status: number, reason?: string): void {
    if (this.#state !== 'routing') return;
    this.sip.reject(status, reason);
    this.dispose(`rejected ${status}`);
  }

  #activate(): void {
    if (this.#state !== 'answering') return;
    this.#transition('active');
    this.log.info({ service: this.#service?.name }, 'call answered');
    this.#service?.start();
  }

  /** Ends the call from our side: BYE once answered, 503 while still routing (shutdown). */
  async hangup(): Promise<void> {
    if (this.#state === 'routing') return this.reject(503, 'Service Unavailable');
    if (this.ended) return;
    const bye = this.sip.bye();
    this.dispose('local hang-up');
    await bye;
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
      callId: this.id, service: this.#service?.name, reason,
      rtp: { received: stats?.inbound.packets ?? 0, sent: stats?.packetsSent ?? 0 },
    };
    this.log.info({ service: summary.service, reason, rtp: summary.rtp }, 'call ended');
    this.o.onEnded(this, summary);
  }
}
