/**
 * Inbound RTP statistics: the sequence-number bookkeeping of RFC 3550
 * Appendix A.1 (cycles, probation, resync after a large jump), cumulative
 * loss (§6.4.1 / A.3) and interarrival jitter (A.8).
 */
const RTP_SEQ_MOD = 1 << 16;
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
const MIN_SEQUENTIAL = 2;

export interface InboundStatsSnapshot {
  readonly packets: number;
  readonly expected: number;
  /** Cumulative packets lost (expected − received, may go negative with duplicates: clamped to 0). */
  readonly lost: number;
  /** Interarrival jitter in timestamp units (RFC 3550 A.8). */
  readonly jitter: number;
  readonly jitterMs: number;
  readonly highestSequence: number; // extended (cycles << 16 | max_seq)
}

export class InboundStats {
  #maxSeq = 0;
  #cycles = 0;
  #baseSeq = 0;
  #badSeq = RTP_SEQ_MOD + 1;
  #probation = MIN_SEQUENTIAL;
  #received = 0;
  #started = false;
  #transit: number | undefined;
  #jitter = 0;
  // For RTCP report blocks: fraction lost over the last interval (A.3).
  #expectedPrior = 0;
  #receivedPrior = 0;

  constructor(private readonly clockRate = 8000) {}

  /**
   * Records one packet. `arrivalMs` is a monotonic arrival time.
   * Returns false while the source is still on probation or the packet was
   * judged a stray (the caller may still play it).
   */
  update(sequence: number, timestamp: number, arrivalMs: number): boolean {
    if (!this.#started) {
      this.#initSeq(sequence);
      this.#maxSeq = sequence - 1;
      this.#probation = MIN_SEQUENTIAL;
      this.#started = true;
    }
    const valid = this.#updateSeq(sequence);
    if (valid) this.#updateJitter(timestamp, arrivalMs);
    return valid;
  }

  // RFC 3550 A.8: D(i-1,i) = (Rj - Ri) - (Sj - Si); J += (|D| - J) / 16
  #updateJitter(timestamp: number, arrivalMs: number): void {
    const arrival = Math.round((arrivalMs * this.clockRate) / 1000);
    const transit = (arrival - timestamp) | 0; // 32-bit wrap-safe difference
    if (this.#transit !== undefined) {
      const d = Math.abs((transit - this.#transit) | 0);
      this.#jitter += (d - this.#jitter) / 16;
    }
    this.#transit = transit;
  }

  #initSeq(seq: number): void {
    this.#baseSeq = seq;
    this.#maxSeq = seq;
    this.#badSeq = RTP_SEQ_MOD + 1;
    this.#cycles = 0;
    this.#received = 0;
    this.#expectedPrior = 0;
    this.#receivedPrior = 0;
    this.#transit = undefined;
  }

  // RFC 3550 A.1 update_seq, transcribed.
  #updateSeq(seq: number): boolean {
    const udelta = (seq - this.#maxSeq + RTP_SEQ_MOD) % RTP_SEQ_MOD;
    if (this.#probation) {
      if (seq === ((this.#maxSeq + 1) & 0xffff)) {
        this.#probation--;
        this.#maxSeq = seq;
        if (this.#probation === 0) {
          this.#initSeq(seq);
          this.#received++;
          return true;
        }
      } else {
        this.#probation = MIN_SEQUENTIAL - 1;
        this.#maxSeq = seq;
      }
      return false;
    } else if (udelta < MAX_DROPOUT) {
      if (seq < this.#maxSeq) this.#cycles += RTP_SEQ_MOD; // wrapped
      this.#maxSeq = seq;
    } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
      // A very large jump: restart if the next packet follows it (source restarted).
      if (seq === this.#badSeq) {
        this.#initSeq(seq);
      } else {
        this.#badSeq = (seq + 1) & 0xffff;
        return false;
      }
    }
    // else: duplicate or reordered packet, counted but max not moved
    this.#received++;
    return true;
  }

  snapshot(): InboundStatsSnapshot {
    const extendedMax = this.#cycles + this.#maxSeq;
    const expected = this.#received === 0 ? 0 : extendedMax - this.#baseSeq + 1;
    return {
      packets: this.#received,
      expected,
      lost: Math.max(0, expected - this.#received),
      jitter: this.#jitter,
      jitterMs: (this.#jitter * 1000) / this.clockRate,
      highestSequence: extendedMax >>> 0,
    };
  }

  /** Fraction lost since the previous call, as the 8-bit fixed point of RFC 3550 A.3. */
  takeFractionLost(): number {
    const s = this.snapshot();
    const expectedInterval = s.expected - this.#expectedPrior;
    const receivedInterval = s.packets - this.#receivedPrior;
    this.#expectedPrior = s.expected;
    this.#receivedPrior = s.packets;
    const lostInterval = expectedInterval - receivedInterval;
    return expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
  }
}
