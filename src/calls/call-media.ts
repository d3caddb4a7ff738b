import type { G711Law } from '../media/codec/g711.js';
import type { PortAllocator } from '../media/rtp/port-allocator.js';
import { RtpSession } from '../media/rtp/rtp-session.js';
import { SdpSession } from '../media/sdp/sdp-session.js';
import type { NegotiatedAudio } from '../media/sdp/offer-answer.js';
import { CallErrors } from './errors.js';

export interface CallMediaOptions {
  readonly allocator: PortAllocator;
  /** Address written in our SDP (c=): where the peer sends RTP. */
  readonly address: string;
  /** RTCP report interval; 0 turns RTCP sending off (load tests). */
  readonly rtcpIntervalMs?: number;
}

/**
 * The media side of one call leg: an RTP session from the port range and
 * the dialog's SDP offer/answer state (RFC 3264). Runs on the main thread:
 * MediaWorker only hosts sessions and bridges, not prompts or the echo.
 *
 *   answer(offer) ──────────────────────────► negotiated ─dispose─► disposed
 *   offer() ─► offering ─acceptAnswer(answer)─┘     ▲                  ▲
 *                  └──────────────── dispose ───────┼──────────────────┘
 *                                  reanswer(offer) ─┘
 */
export type CallMediaState = 'offering' | 'negotiated' | 'disposed';

const NEXT: Readonly<Record<CallMediaState, readonly CallMediaState[]>> = {
  offering: ['negotiated', 'disposed'],
  negotiated: ['negotiated', 'disposed'],
  disposed: [],
};

/** What we offer when the caller sent none (late offer): both G.711 laws and RFC 4733 events. */
const LATE_OFFER_PAYLOAD_TYPES = [0, 8, 101] as const;

export class CallMedia {
  #state: CallMediaState;
  #audio: NegotiatedAudio | undefined;

  private constructor(
    readonly rtp: RtpSession,
    private readonly sdp: SdpSession,
    private readonly address: string,
    /** Our SDP for the 200 OK: the answer to the caller's offer, or our offer (late offer). */
    readonly localSdp: string,
    audio: NegotiatedAudio | undefined,
  ) {
    this.#state = audio === undefined ? 'offering' : 'negotiated';
    if (audio !== undefined) this.#apply(audio);
  }

  /**
   * Opens an RTP session and answers `offer`. Throws the media layer's
   * coded errors (SDP_PARSE_ERROR 400, SDP_NO_COMMON_CODEC 488, RTP_NO_PORT
   * 503) after releasing the port.
   */
  static async answer(offer: string, o: CallMediaOptions): Promise<CallMedia> {
    const rtp = await RtpSession.open(o.allocator, { rtcpIntervalMs: o.rtcpIntervalMs });
    try {
      const sdp = new SdpSession();
      const { sdp: body, audio } = sdp.answer(offer, { address: o.address, port: rtp.localPort, telephoneEvent: true });
      return new CallMedia(rtp, sdp, o.address, body, audio);
    } catch (err) {
      rtp.dispose();
      throw err;
    }
  }

  /**
   * Opens an RTP session and makes our offer for an INVITE that had none
   * (RFC 3261 §13.2.1: the offer goes in the 2xx, the answer comes in the
   * ACK). Until acceptAnswer() the session takes only what we offered.
   */
  static async offer(o: CallMediaOptions): Promise<CallMedia> {
    const rtp = await RtpSession.open(o.allocator, { rtcpIntervalMs: o.rtcpIntervalMs, payloadTypes: LATE_OFFER_PAYLOAD_TYPES });
    const sdp = new SdpSession();
    const body = sdp.offer({ address: o.address, port: rtp.localPort, telephoneEvent: true, telephoneEventPayloadType: 101 });
    return new CallMedia(rtp, sdp, o.address, body, undefined);
  }

  get state(): CallMediaState {
    return this.#state;
  }
  /** False while our late offer waits for its answer. */
  get negotiated(): boolean {
    return this.#audio !== undefined;
  }
  get audio(): NegotiatedAudio {
    if (this.#audio === undefined) throw CallErrors.create('CALL_MEDIA_NOT_NEGOTIATED');
    return this.#audio;
  }
  get law(): G711Law {
    return this.audio.codec;
  }
  get payloadType(): number {
    return this.audio.payloadType;
  }
  get telephoneEventPayloadType(): number | undefined {
    return this.#audio?.telephoneEventPayloadType;
  }

  #transition(to: CallMediaState): void {
    if (!NEXT[this.#state].includes(to)) throw CallErrors.create('CALL_ILLEGAL_TRANSITION', { what: 'media', from: this.#state, to });
    this.#state = to;
  }

  /**
   * The caller's answer to our late offer (the ACK body). Throws
   * SDP_PARSE_ERROR, SDP_BAD_ANSWER or SDP_NO_COMMON_CODEC when it is not
   * an answer we can use (RFC 3264 §6–§7).
   */
  acceptAnswer(answer: string): void {
    if (this.#state !== 'offering') throw CallErrors.create('CALL_ILLEGAL_TRANSITION', { what: 'media', from: this.#state, to: 'negotiated' });
    const audio = this.sdp.acceptAnswer(answer);
    this.#transition('negotiated');
    this.#apply(audio);
  }

  /**
   * A re-INVITE's offer (hold, resume, a new address). Keeps the codec the
   * call started with when the peer still offers it, so running services
   * keep working; returns our answer body.
   */
  reanswer(offer: string): string {
    const codec = this.audio.codec === 'pcmu' ? 'PCMU' : 'PCMA';
    const { sdp, audio } = this.sdp.answer(offer, { address: this.address, port: this.rtp.localPort, telephoneEvent: true, codecs: [codec] });
    this.#transition('negotiated');
    this.#apply(audio);
    return sdp;
  }

  #apply(audio: NegotiatedAudio): void {
    this.#audio = audio;
    const pts = [audio.payloadType, audio.telephoneEventPayloadType].filter((x): x is number => x !== undefined);
    this.rtp.setRemote(audio.remote, pts);
  }

  /** Closes the sockets (RTCP BYE) and returns the port pair to the range. */
  dispose(): void {
    if (this.#state === 'disposed') return;
    this.#transition('disposed');
    this.rtp.dispose();
  }
}
