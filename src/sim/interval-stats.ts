import { INTERVAL_S } from './arrivals.js';
import { requireFinite } from './sim-errors.js';

/** Figures of one reporting interval (or of the whole run). */
export interface IntervalReport {
  /** Start of the interval, seconds from the start of the run. */
  startS: number;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinThreshold: number;
  abandonedWithinThreshold: number;
  /** Answered within T ÷ offered (abandons count against). */
  serviceLevel: number;
  /** Answered within T ÷ (offered - abandoned within T): short abandons excluded. */
  serviceLevelExShortAbandons: number;
  abandonRate: number;
  /** Share of offered calls that waited at all (answered after a wait, or abandoned). */
  waitedShare: number;
  /** Mean wait of answered calls, seconds. */
  asaS: number;
  /** Mean handle time of calls handled, seconds. */
  ahtS: number;
  /** Handling time ÷ (handling + available time). */
  occupancy: number;
}

interface Counters {
  offered: number; answered: number; abandoned: number; waited: number;
  answeredWithin: number; abandonedWithin: number;
  waitSum: number; handled: number; handleSum: number;
  handlingS: number; availableS: number;
}

const zero = (): Counters => ({ offered: 0, answered: 0, abandoned: 0, waited: 0, answeredWithin: 0, abandonedWithin: 0,
  waitSum: 0, handled: 0, handleSum: 0, handlingS: 0, availableS: 0 });

/**
 * Per-interval counters for simulation reports. Calls count in the interval
 * in which they arrived (the industry's convention for service level);
 * agent time is split across interval boundaries by when it was spent.
 */
export class IntervalStats {
  readonly intervalS: number;
  readonly thresholdS: number;
  #rows: Counters[] = [];

  constructor(opts: { thresholdS: number; intervalS?: number }) {
    this.thresholdS = requireFinite('thresholdS', opts.thresholdS, 0, true);
    this.intervalS = requireFinite('intervalS', opts.intervalS ?? INTERVAL_S, 0, false);
  }

  #row(atS: number): Counters {
    const i = Math.max(0, Math.floor(atS / this.intervalS));
    while (this.#rows.length <= i) this.#rows.push(zero());
    return this.#rows[i];
  }

  offered(arrivalS: number): void {
    this.#row(arrivalS).offered++;
  }

  answered(arrivalS: number, answerS: number): void {
    const r = this.#row(arrivalS);
    const wait = answerS - arrivalS;
    r.answered++;
    r.waitSum += wait;
    if (wait > 0) r.waited++;
    if (wait <= this.thresholdS) r.answeredWithin++;
  }

  abandoned(arrivalS: number, abandonS: number): void {
    const r = this.#row(arrivalS);
    r.abandoned++;
    r.waited++;
    if (abandonS - arrivalS <= this.thresholdS) r.abandonedWithin++;
  }

  /** A call finished after `handleS` seconds of handling (talk + hold + wrap-up). */
  handled(arrivalS: number, handleS: number): void {
    const r = this.#row(arrivalS);
    r.handled++;
    r.handleSum += handleS;
  }

  /** Adds the time of `agents` agents from `fromS` to `toS` in a state, split by interval. */
  agentTime(state: 'handling' | 'available', fromS: number, toS: number, agents = 1): void {
    let t = fromS;
    while (t < toS) {
      const end = Math.min(toS, (Math.floor(t / this.intervalS) + 1) * this.intervalS);
      const r = this.#row(t);
      if (state === 'handling') r.handlingS += (end - t) * agents; else r.availableS += (end - t) * agents;
      t = end;
    }
  }

  /** One row per interval, from the first to the last touched. */
  intervals(): IntervalReport[] {
    return this.#rows.map((c, i) => report(c, i * this.intervalS));
  }

  /** The whole run as one row. */
  total(): IntervalReport {
    const sum = zero();
    for (const r of this.#rows) for (const k of Object.keys(sum) as (keyof Counters)[]) sum[k] += r[k];
    return report(sum, 0);
  }
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

function report(c: Counters, startS: number): IntervalReport {
  return {
    startS,
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    answeredWithinThreshold: c.answeredWithin,
    abandonedWithinThreshold: c.abandonedWithin,
    serviceLevel: c.offered > 0 ? c.answeredWithin / c.offered : 1,
    serviceLevelExShortAbandons: c.offered - c.abandonedWithin > 0 ? c.answeredWithin / (c.offered - c.abandonedWithin) : 1,
    abandonRate: ratio(c.abandoned, c.offered),
    waitedShare: ratio(c.waited, c.offered),
    asaS: ratio(c.waitSum, c.answered),
    ahtS: ratio(c.handleSum, c.handled),
    occupancy: ratio(c.handlingS, c.handlingS + c.availableS),
  };
}
