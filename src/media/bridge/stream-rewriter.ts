import type { RtpOutboundStream } from '../rtp/rtp-stream.js';

/**
 * Maps one inbound RTP source onto an outbound stream (the destination
 * leg's own SSRC). Sequence and timestamp are shifted by fixed offsets, so
 * gaps, reordering and silence in the source stay visible to the far end's
 * jitter buffer and loss statistics. When the source changes (new SSRC:
 * the peer restarted, or was re-INVITEd to another media server) the
 * offsets are recomputed to continue the outbound stream seamlessly and
 * the marker bit flags the discontinuity (RFC 3550 §5.1, RFC 3551 §4.1).
 */
export interface RewrittenHeader {
  sequence: number;
  timestamp: number;
  marker: boolean;
}

export class StreamRewriter {
  #sourceSsrc: number | undefined;
  #seqOffset = 0;
  #tsOffset = 0;
  readonly #out: RewrittenHeader = { sequence: 0, timestamp: 0, marker: false };

  constructor(readonly stream: RtpOutboundStream) {}

  /** Returns a reused header object (valid until the next call). */
  map(ssrc: number, sequence: number, timestamp: number, marker: boolean, nowMs: number): RewrittenHeader {
    let restart = false;
    if (ssrc !== this.#sourceSsrc) {
      const next = this.stream.peekFrame(nowMs);
      this.#sourceSsrc = ssrc;
      this.#seqOffset = (next.sequence - sequence) & 0xffff;
      this.#tsOffset = (next.timestamp - timestamp) >>> 0;
      restart = true;
    }
    const out = this.#out;
    out.sequence = (sequence + this.#seqOffset) & 0xffff;
    out.timestamp = (timestamp + this.#tsOffset) >>> 0;
    out.marker = marker || restart;
    return out;
  }

  /** Forget the source (e.g. after a local prompt was played in between). */
  reset(): void {
    this.#sourceSsrc = undefined;
  }
}
