import type { Rng } from './prng.js';
import { SimErrors, requireFinite } from './sim-errors.js';

export const INTERVAL_S = 900;

export interface ArrivalPlan {
  /** Expected arrivals in each interval, in order; a rate of 0 means none. */
  callsPerInterval: readonly number[];
  /** Interval length, seconds; 15 minutes unless told. */
  intervalS?: number;
}

/**
 * A Poisson process whose rate is constant within each interval (the usual
 * "calls per 15 minutes" forecast). Draws exponential gaps at the current
 * interval's rate; a gap that crosses into the next interval is discarded
 * and drawing restarts at the boundary with the new rate, which is exact
 * because the exponential is memoryless. Yields arrival times in seconds
 * from the start of the first interval, increasing, and stops at the end of
 * the last interval.
 */
export function* poissonArrivals(rng: Rng, plan: ArrivalPlan): Generator<number, void, void> {
  const intervalS = requireFinite('intervalS', plan.intervalS ?? INTERVAL_S, 0, false);
  if (!Array.isArray(plan.callsPerInterval)) {
    throw SimErrors.create('SIM_INVALID_INPUT', { field: 'callsPerInterval' }, 'callsPerInterval must be an array of numbers');
  }
  plan.callsPerInterval.forEach((c, i) => requireFinite(`callsPerInterval[${i}]`, c, 0, true));
  for (let i = 0; i < plan.callsPerInterval.length; i++) {
    const ratePerS = plan.callsPerInterval[i] / intervalS;
    const end = (i + 1) * intervalS;
    if (ratePerS === 0) continue;
    let t = i * intervalS;
    for (;;) {
      t += -Math.log(1 - rng.next()) / ratePerS;
      if (t >= end) break;
      yield t;
    }
  }
}
