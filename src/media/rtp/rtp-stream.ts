import { randomBytes } from 'node:crypto';

/**
 * The sending half of one RTP source (RFC 3550 §5.1): random SSRC, random
 * initial sequence number and timestamp (§5.1 "SHOULD be random"), 16/32-bit
 * wrap-around, and timestamps that keep tracking real time across gaps: after
 * a pause in sending (silence between prompts, hold) the next packet's
 * timestamp jumps by the elapsed time and carries the marker bit, which
 * starts a talkspurt (RFC 3551 §4.1), so the receiver's jitter buffer stays
 * aligned.
 */
export interface FrameHeader {
  readonly sequence: number;
  readonly timestamp: number;
  readonly marker: boolean;
}

function random32(): number {
  return randomBytes(4).readUInt32BE(0);
}

export class RtpOutboundStream {
  readonly ssrc: number;
  #sequence: number;
  #nextTimestamp: number;
  #lastSendMs: number | undefined;
  #packets = 0;
  #octets = 0;
  #lastTimestamp = 0;

  constructor(
    readonly clockRate = 8000,
    init: { ssrc?: number; sequence?: number; timestamp?: number } = {},
  ) {
    this.ssrc = (init.ssrc ?? random32()) >>> 0;
    this.#sequence = (init.sequence ?? random32()) & 0xffff;
    this.#nextTimestamp = (init.timestamp ?? random32()) >>> 0;
  }

  get packetsSent(): number {
    return this.#packets;
  }
  get octetsSent(): number {
    return this.#octets;
  }
  get lastTimestamp(): number {
    return this.#lastTimestamp;
  }

  /**
   * Gap after which the stream counts as resumed and re-stamps from elapsed
   * time. Generous on purpose: a continuous source delayed by a busy event
   * loop must keep contiguous timestamps (its audio was not lost, only
   * late); sources that know they restart say so with `resync`.
   */
  static readonly GAP_MS = 250;

  /** Timestamp the next packet sent at `nowMs` should carry, and whether it starts a talkspurt. */
  #stamp(nowMs: number, resync: boolean): { timestamp: number; resumed: boolean } {
    if (this.#lastSendMs === undefined) return { timestamp: this.#nextTimestamp, resumed: true };
    const elapsed = nowMs - this.#lastSendMs;
    if (!resync && elapsed <= RtpOutboundStream.GAP_MS) return { timestamp: this.#nextTimestamp, resumed: false };
    // Advance by real elapsed time, measured from the last packet's sampling instant; never backwards.
    const byTime = (this.#lastTimestamp + Math.round((elapsed * this.clockRate) / 1000)) >>> 0;
    const ahead = (byTime - this.#nextTimestamp) | 0;
    return { timestamp: ahead > 0 ? byTime : this.#nextTimestamp, resumed: true };
  }

  /**
   * Header for the next audio packet carrying `samples` samples, sent at
   * `nowMs`. `resync`: this frame starts new audio after a pause (a new
   * prompt), so stamp it from elapsed time and set the marker.
   */
  nextFrame(nowMs: number, samples: number, payloadBytes = samples, resync = false): FrameHeader {
    const { timestamp, resumed } = this.#stamp(nowMs, resync);
    const header = { sequence: this.#sequence, timestamp, marker: resumed || resync };
    this.#sequence = (this.#sequence + 1) & 0xffff;
    this.#lastTimestamp = timestamp;
    this.#nextTimestamp = (timestamp + samples) >>> 0;
    this.#lastSendMs = nowMs;
    this.#packets++;
    this.#octets += payloadBytes;
    return header;
  }

  /** Timestamp for a telephone-event that starts now (RFC 4733 §2.3.1: fixed for the whole event). */
  eventTimestamp(nowMs: number): number {
    return this.#stamp(nowMs, false).timestamp;
  }

  /** Sequence number for one event packet; all event packets share the event timestamp. */
  nextEventPacket(nowMs: number, eventTimestamp: number, durationSamples: number, payloadBytes = 4): number {
    const seq = this.#sequence;
    this.#sequence = (this.#sequence + 1) & 0xffff;
    this.#lastTimestamp = eventTimestamp;
    this.#lastSendMs = nowMs;
    // Audio resuming after the event continues from the end of the event.
    const after = (eventTimestamp + durationSamples) >>> 0;
    if (((after - this.#nextTimestamp) | 0) > 0) this.#nextTimestamp = after;
    this.#packets++;
    this.#octets += payloadBytes;
    return seq;
  }

  /** What `nextFrame` would return now, without committing (used to anchor relayed streams). */
  peekFrame(nowMs: number): FrameHeader {
    const { timestamp, resumed } = this.#stamp(nowMs, false);
    return { sequence: this.#sequence, timestamp, marker: resumed };
  }

  /**
   * Records a packet built elsewhere on this SSRC (the bridge rewrites
   * relayed headers itself), so locally generated audio that follows (a
   * prompt after the bridge stops) continues the same sequence and timeline.
   */
  recordExternal(sequence: number, timestamp: number, samples: number, nowMs: number, payloadBytes: number): void {
    if (((sequence + 1 - this.#sequence) << 16) >> 16 > 0) this.#sequence = (sequence + 1) & 0xffff;
    const end = (timestamp + samples) >>> 0;
    if (this.#lastSendMs === undefined || ((end - this.#nextTimestamp) | 0) > 0) {
      this.#nextTimestamp = end;
      this.#lastTimestamp = timestamp >>> 0;
    }
    this.#lastSendMs = nowMs;
    this.#packets++;
    this.#octets += payloadBytes;
  }
}
