import type { RtpPacket } from '../rtp/rtp-packet.js';
import { decodeTelephoneEvent, eventToDigit, type DtmfDigit } from './rfc4733.js';

/**
 * Receives RFC 4733 events and reports each digit exactly once (§2.5.2):
 * an event is identified by its RTP timestamp; the three redundant end
 * packets and any retransmitted updates of an already-reported event are
 * ignored. If the end packets are all lost, the event is reported when the
 * next event starts or when `flush()` is called (e.g. on a silence timeout).
 */
export interface DtmfDigitReport {
  readonly digit: DtmfDigit;
  readonly durationMs: number;
  readonly volume: number;
}

export class DtmfReceiver {
  #currentTs: number | undefined;
  #current: { event: number; duration: number; volume: number } | undefined;
  #reportedTs: number | undefined;

  constructor(
    private readonly onDigit: (report: DtmfDigitReport) => void,
    private readonly clockRate = 8000,
  ) {}

  /** Feeds one telephone-event packet (the caller has matched the payload type). */
  receive(packet: RtpPacket): void {
    const e = decodeTelephoneEvent(packet.payload);
    if (!e) return;
    const ts = packet.timestamp;
    if (ts === this.#reportedTs) return; // late duplicate of an event already reported
    if (this.#currentTs !== undefined && ts !== this.#currentTs) this.flush();
    this.#currentTs = ts;
    const prev = this.#current;
    this.#current = { event: e.event, duration: Math.max(prev?.duration ?? 0, e.duration), volume: e.volume };
    if (e.end) this.flush();
  }

  /** Reports the event in progress (if any) as ended. */
  flush(): void {
    const cur = this.#current;
    const ts = this.#currentTs;
    this.#current = undefined;
    this.#currentTs = undefined;
    if (!cur || ts === undefined) return;
    this.#reportedTs = ts;
    const digit = eventToDigit(cur.event);
    if (digit) this.onDigit({ digit, durationMs: Math.round((cur.duration * 1000) / this.clockRate), volume: cur.volume });
  }
}
