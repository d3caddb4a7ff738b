import { INTERVAL_S } from './arrivals.js';

/** One queue's figures for one 15-minute interval (or the whole run). */
export interface QueueRow {
  /** Start of the interval in simulated seconds from the start of the run. */
  startS: number;
  offered: number;
  answered: number;
  abandoned: number;
  /** Left the queue by an overflow exit (callback, voicemail, transfer to another queue). */
  exited: number;
  /** Failed by the queue's max wait. */
  timedOut: number;
  /** Still waiting or being handled when the run ended. */
  unfinished: number;
  answeredWithinThreshold: number;
  abandonedWithinThreshold: number;
  /** Answered within T ÷ offered: short abandons count against. */
  serviceLevel: number | null;
  /** Answered within T ÷ (offered − abandoned within T): short abandons excluded. */
  serviceLevelExShortAbandons: number | null;
  abandonRate: number | null;
  /** Share of offered calls not offered to an agent on arrival (they waited in queue). */
  pWait: number | null;
  /** Mean time from arrival to answer (ringing included) of answered calls, seconds. */
  asaS: number | null;
  /** Mean talk + wrap-up of calls finished, seconds. */
  ahtS: number | null;
}

interface Counters {
  offered: number; answered: number; abandoned: number; exited: number; timedOut: number; waited: number;
  answeredWithin: number; abandonedWithin: number; waitSum: number; handled: number; handleSum: number;
}

const zero = (): Counters => ({ offered: 0, answered: 0, abandoned: 0, exited: 0, timedOut: 0, waited: 0,
  answeredWithin: 0, abandonedWithin: 0, waitSum: 0, handled: 0, handleSum: 0 });

/**
 * Per-interval counters of one queue. A call counts in the interval in which
 * it arrived in the queue (the industry's convention for service level),
 * whatever interval it ends in. Null marks a ratio with nothing to divide.
 */
export class QueueIntervalStats {
  readonly #rows: Counters[] = [];

  constructor(readonly thresholdS: number) {}

  #row(arrivalS: number): Counters {
    const i = Math.max(0, Math.floor(arrivalS / INTERVAL_S));
    while (this.#rows.length <= i) this.#rows.push(zero());
    return this.#rows[i];
  }

  offered(arrivalS: number, waited: boolean): void {
    const r = this.#row(arrivalS);
    r.offered++;
    if (waited) r.waited++;
  }

  answered(arrivalS: number, answerS: number): void {
    const r = this.#row(arrivalS);
    const wait = answerS - arrivalS;
    r.answered++;
    r.waitSum += wait;
    if (wait <= this.thresholdS) r.answeredWithin++;
  }

  abandoned(arrivalS: number, abandonS: number): void {
    const r = this.#row(arrivalS);
    r.abandoned++;
    if (abandonS - arrivalS <= this.thresholdS) r.abandonedWithin++;
  }

  exited(arrivalS: number): void {
    this.#row(arrivalS).exited++;
  }

  timedOut(arrivalS: number): void {
    this.#row(arrivalS).timedOut++;
  }

  handled(arrivalS: number, handleS: number): void {
    const r = this.#row(arrivalS);
    r.handled++;
    r.handleSum += handleS;
  }

  /** Rows for intervals 0..count-1 (count at least the intervals touched). */
  intervals(count: number): QueueRow[] {
    const n = Math.max(count, this.#rows.length);
    return Array.from({ length: n }, (_, i) => queueRow(this.#rows[i] ?? zero(), i * INTERVAL_S));
  }

  total(): QueueRow {
    return queueRow(sumCounters(this.#rows), 0);
  }

  /** The whole run of several queues as one row (a transferred call counts in each queue it entered). */
  static combined(all: readonly QueueIntervalStats[]): QueueRow {
    return queueRow(sumCounters(all.flatMap((s) => s.#rows)), 0);
  }
}

function sumCounters(rows: readonly Counters[]): Counters {
  const sum = zero();
  for (const r of rows) for (const k of Object.keys(sum) as (keyof Counters)[]) sum[k] += r[k];
  return sum;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function queueRow(c: Counters, startS: number): QueueRow {
  return {
    startS,
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    exited: c.exited,
    timedOut: c.timedOut,
    unfinished: c.offered - c.answered - c.abandoned - c.exited - c.timedOut,
    answeredWithinThreshold: c.answeredWithin,
    abandonedWithinThreshold: c.abandonedWithin,
    serviceLevel: ratio(c.answeredWithin, c.offered),
    serviceLevelExShortAbandons: ratio(c.answeredWithin, c.offered - c.abandonedWithin),
    abandonRate: ratio(c.abandoned, c.offered),
    pWait: ratio(c.waited, c.offered),
    asaS: ratio(c.waitSum, c.answered),
    ahtS: ratio(c.handleSum, c.handled),
  };
}
