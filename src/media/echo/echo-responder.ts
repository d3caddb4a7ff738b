import { DtmfReceiver, type DtmfDigitReport } from '../dtmf/dtmf-receiver.js';
import { rewriteRtpHeader } from '../rtp/rtp-packet.js';
import type { RtpSession } from '../rtp/rtp-session.js';
import { StreamRewriter } from '../bridge/stream-rewriter.js';

/**
 * The media half of the echo test (`sip:echo@`, like a PBX's *43): every
 * audio packet the caller sends is sent straight back on the same session,
 * restamped onto our own outbound stream (so the caller's phone sees a
 * proper stream from us, not its own SSRC reflected). DTMF is not echoed
 * but reported, so tests can check digits end to end.
 */
export interface EchoOptions {
  readonly audioPayloadType: number;
  readonly telephoneEventPayloadType?: number | undefined;
  readonly onDigit?: (report: DtmfDigitReport) => void;
}

export class EchoResponder {
  readonly #rewriter: StreamRewriter;
  readonly #dtmf: DtmfReceiver;
  #echoed = 0;
  #disposed = false;

  constructor(private readonly session: RtpSession, o: EchoOptions) {
    this.#rewriter = new StreamRewriter(session.stream);
    this.#dtmf = new DtmfReceiver((r) => o.onDigit?.(r));
    session.delegate = {
      onRtp: (p, raw, now) => {
        if (p.payloadType === o.telephoneEventPayloadType) return this.#dtmf.receive(p);
        if (p.payloadType !== o.audioPayloadType) return;
        const h = this.#rewriter.map(p.ssrc, p.sequence, p.timestamp, p.marker, now);
        rewriteRtpHeader(raw, p.payloadType, h.marker, h.sequence, h.timestamp, session.stream.ssrc);
        session.stream.recordExternal(h.sequence, h.timestamp, p.payload.length, now, p.payload.length);
        session.sendRaw(raw);
        this.#echoed++;
      },
    };
  }

  get echoed(): number {
    return this.#echoed;
  }

  /** Stops echoing and releases the session's delegate (the session stays open). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#dtmf.flush();
    this.session.delegate = {};
  }
}
