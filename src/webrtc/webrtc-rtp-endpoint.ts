import { systemMediaTimer, type MediaTimer } from '../media/media-timer.js';
import { looksLikeRtp, parseRtp, serializeRtp, type RtpPacket } from '../media/rtp/rtp-packet.js';
import type { RtpEndpoint, RtpSessionDelegate } from '../media/rtp/rtp-session.js';
import { RtpOutboundStream } from '../media/rtp/rtp-stream.js';

/**
 * A WebRTC leg's RTP as our media layer sees it: the same `RtpEndpoint` a
 * SIP leg's `RtpSession` is, so `RtpBridge`, `PromptPlayer` (rtpFrameSink),
 * `ConferenceMixer` and DTMF receivers work on it unchanged and PCMU passes
 * through without transcoding.
 *
 * The engine does ICE, DTLS and SRTP; what crosses this boundary is plain
 * RTP: `receive()` takes each decrypted packet, `sendRaw()` hands a packet
 * to the engine to encrypt. RTCP from the browser (rtcp-mux, RFC 5761 §4
 * demultiplexing by payload type) and payload types we did not negotiate
 * are dropped here, as `RtpSession` drops them. There is no latching: ICE
 * already proved who the peer is.
 */
export interface WebRtcRtpStats {
  readonly packetsReceived: number;
  readonly octetsReceived: number;
  readonly packetsSent: number;
  readonly octetsSent: number;
  /** RTCP, junk and unnegotiated payload types received; sends refused by the engine or before media was up. */
  readonly dropped: number;
  readonly sendErrors: number;
}

export class WebRtcRtpEndpoint implements RtpEndpoint {
  delegate: RtpSessionDelegate = {};
  readonly stream = new RtpOutboundStream(8000);
  readonly #payloadTypes: ReadonlySet<number>;
  readonly #send: (packet: Buffer) => boolean;
  readonly #timer: MediaTimer;
  #disposed = false;
  #packetsReceived = 0;
  #octetsReceived = 0;
  #dropped = 0;
  #sendErrors = 0;

  /** `send` encrypts and sends one RTP packet; false if the engine refused it (media not up, closed). */
  constructor(send: (packet: Buffer) => boolean, payloadTypes: readonly number[], timer: MediaTimer = systemMediaTimer) {
    this.#send = send;
    this.#payloadTypes = new Set(payloadTypes);
    this.#timer = timer;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** One packet from the engine, already SRTP-decrypted. */
  receive(raw: Buffer): void {
    if (this.#disposed || !looksLikeRtp(raw)) {
      this.#dropped++;
      return;
    }
    let packet: RtpPacket;
    try {
      packet = parseRtp(raw);
    } catch {
      this.#dropped++;
      return;
    }
    if (!this.#payloadTypes.has(packet.payloadType)) {
      this.#dropped++;
      return;
    }
    this.#packetsReceived++;
    this.#octetsReceived += packet.payload.length;
    this.delegate.onRtp?.(packet, raw, this.#timer.now());
  }

  sendFrame(payloadType: number, payload: Uint8Array, samples = payload.length, resync = false): void {
    if (this.#disposed) return;
    const h = this.stream.nextFrame(this.#timer.now(), samples, payload.length, resync);
    this.sendRaw(serializeRtp({ payloadType, marker: h.marker, sequence: h.sequence, timestamp: h.timestamp, ssrc: this.stream.ssrc, payload }));
  }

  sendRaw(buf: Buffer): void {
    if (this.#disposed) return;
    let sent: boolean;
    try {
      sent = this.#send(buf);
    } catch {
      this.#sendErrors++;
      return;
    }
    if (!sent) this.#dropped++;
  }

  stats(): WebRtcRtpStats {
    return {
      packetsReceived: this.#packetsReceived,
      octetsReceived: this.#octetsReceived,
      packetsSent: this.stream.packetsSent,
      octetsSent: this.stream.octetsSent,
      dropped: this.#dropped,
      sendErrors: this.#sendErrors,
    };
  }

  /** Stops passing packets up or down and releases the delegate. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    this.delegate = {};
  }
}
