import { transcodeG711InPlace, type G711Law } from '../codec/g711.js';
import { DtmfReceiver, type DtmfDigitReport } from '../dtmf/dtmf-receiver.js';
import { decodeTelephoneEvent } from '../dtmf/rfc4733.js';
import { rewriteRtpHeader, type RtpPacket } from '../rtp/rtp-packet.js';
import type { RtpEndpoint } from '../rtp/rtp-session.js';
import { StreamRewriter } from './stream-rewriter.js';

/**
 * Relays RTP between two call legs. Our own code, no media library: this
 * is Switchboard's hot path and we want to own its cost.
 *
 * - Same codec on both legs: the payload is passed through untouched.
 * - PCMU on one leg, PCMA on the other: transcoded in place with the direct
 *   μ↔A table (one lookup per byte, no linear intermediate).
 * - Each peer sees one consistent stream: SSRC, sequence and timestamp are
 *   rewritten onto the destination session's own outbound stream, the same
 *   one a prompt player on that leg uses, so prompt → bridge → prompt
 *   transitions are seamless.
 * - RFC 4733 events are reported once per digit (`onDigit`) and, when
 *   `forwardDtmf` is set and the other leg negotiated telephone-event,
 *   forwarded with that leg's payload type.
 *
 * The bridge takes over both sessions' delegates; `dispose()` releases them.
 * It does not dispose the sessions: the call that owns them does.
 */
export type LegName = 'a' | 'b';

export interface BridgeLeg {
  readonly session: RtpEndpoint;
  readonly codec: G711Law;
  readonly audioPayloadType: number;
  readonly telephoneEventPayloadType?: number | undefined;
}

export interface RtpBridgeOptions {
  /** true: both ways (default); a leg's name: only the events that leg sends; false: none. */
  readonly forwardDtmf?: boolean | LegName;
  readonly onDigit?: (from: LegName, report: DtmfDigitReport) => void;
  /** Tap for recording/monitoring: each audio packet as received from `from` (before transcoding). */
  readonly onAudio?: (from: LegName, packet: RtpPacket, codec: G711Law) => void;
}

interface Direction {
  readonly from: BridgeLeg;
  readonly to: BridgeLeg;
  readonly name: LegName;
  readonly rewriter: StreamRewriter;
  readonly dtmf: DtmfReceiver;
  relayed: number;
}

export class RtpBridge {
  readonly #forwardDtmf: boolean | LegName;
  readonly #onAudio: RtpBridgeOptions['onAudio'];
  readonly #dirs: readonly [Direction, Direction];
  #disposed = false;

  constructor(readonly a: BridgeLeg, readonly b: BridgeLeg, options: RtpBridgeOptions = {}) {
    this.#forwardDtmf = options.forwardDtmf ?? true;
    this.#onAudio = options.onAudio;
    const dir = (from: BridgeLeg, to: BridgeLeg, name: LegName): Direction => ({
      from, to, name, relayed: 0,
      rewriter: new StreamRewriter(to.session.stream),
      dtmf: new DtmfReceiver((r) => options.onDigit?.(name, r)),
    });
    this.#dirs = [dir(a, b, 'a'), dir(b, a, 'b')];
    for (const d of this.#dirs) d.from.session.delegate = { onRtp: (p, raw, at) => this.#relay(d, p, raw, at) };
  }

  /** Packets relayed from leg a to b and from b to a. */
  get relayed(): { a: number; b: number } {
    return { a: this.#dirs[0].relayed, b: this.#dirs[1].relayed };
  }

  #relay(d: Direction, p: RtpPacket, raw: Buffer, nowMs: number): void {
    const to = d.to;
    let outPt: number;
    let samples: number;
    if (p.payloadType === d.from.audioPayloadType) {
      this.#onAudio?.(d.name, p, d.from.codec);
      if (d.from.codec !== to.codec) transcodeG711InPlace(d.from.codec, to.codec, p.payload);
      outPt = to.audioPayloadType;
      samples = p.payload.length; // G.711: one byte per sample
    } else if (p.payloadType === d.from.telephoneEventPayloadType) {
      d.dtmf.receive(p);
      if (this.#forwardDtmf === false || (this.#forwardDtmf !== true && this.#forwardDtmf !== d.name) || to.telephoneEventPayloadType === undefined) return;
      outPt = to.telephoneEventPayloadType;
      samples = decodeTelephoneEvent(p.payload)?.duration ?? 0;
    } else {
      return; // comfort noise and anything unnegotiated on the other side is not relayed
    }
    const h = d.rewriter.map(p.ssrc, p.sequence, p.timestamp, p.marker, nowMs);
    const stream = to.session.stream;
    rewriteRtpHeader(raw, outPt, h.marker, h.sequence, h.timestamp, stream.ssrc);
    stream.recordExternal(h.sequence, h.timestamp, samples, nowMs, p.payload.length);
    to.session.sendRaw(raw);
    d.relayed++;
  }

  /** Stops relaying and releases both sessions' delegates (sessions stay open). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const d of this.#dirs) {
      d.dtmf.flush();
      d.from.session.delegate = {};
    }
  }
}
