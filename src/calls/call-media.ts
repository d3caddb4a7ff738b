import type { G711Law } from '../media/codec/g711.js';
import type { PortAllocator } from '../media/rtp/port-allocator.js';
import { RtpSession } from '../media/rtp/rtp-session.js';
import { SdpSession } from '../media/sdp/sdp-session.js';
import type { NegotiatedAudio } from '../media/sdp/offer-answer.js';

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
 */
export class CallMedia {
  #audio: NegotiatedAudio;
  #disposed = false;

  private constructor(
    readonly rtp: RtpSession,
    private readonly sdp: SdpSession,
    private readonly address: string,
    readonly answerSdp: string,
    audio: NegotiatedAudio,
  ) {
    this.#audio = audio;
    this.#applyRemote(audio);
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

  get audio(): NegotiatedAudio {
    return this.#audio;
  }
  get law(): G711Law {
    return this.#audio.codec;
  }
  get payloadType(): number {
    return this.#audio.payloadType;
  }
  get telephoneEventPayloadType(): number | undefined {
    return this.#audio.telephoneEventPayloadType;
  }

  /**
   * A re-INVITE's offer (hold, resume, a new address). Keeps the codec the
   * call started with when the peer still offers it, so running services
   * keep working; returns our answer body.
   */
  reanswer(offer: string): string {
    const codec = this.#audio.codec === 'pcmu' ? 'PCMU' : 'PCMA';
    const { sdp, audio } = this.sdp.answer(offer, { address: this.address, port: this.rtp.localPort, telephoneEvent: true, codecs: [codec] });
    this.#audio = audio;
    this.#applyRemote(audio);
    return sdp;
  }

  #applyRemote(audio: NegotiatedAudio): void {
    const pts = [audio.payloadType, audio.telephoneEventPayloadType].filter((x): x is number => x !== undefined);
    this.rtp.setRemote(audio.remote, pts);
  }

  /** Closes the sockets (RTCP BYE) and returns the port pair to the range. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.rtp.dispose();
  }
}
