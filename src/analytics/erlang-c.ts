import { InverseErlangBWalk } from './erlang-b.js';
import { requireAgents, requireNonNegative, requirePositive } from './erlang-errors.js';

export interface QueueParams {
  agents: number;
  trafficErlangs: number;
  ahtS: number;
  /** Service-level threshold T: a call answered within T seconds counts as in time. */
  thresholdS: number;
}

export interface ErlangCResult {
  /** P(a caller waits at all). */
  pWait: number;
  /** P(answered within T), all offered calls in the denominator. */
  serviceLevel: number;
  /** Average speed of answer, seconds, over all calls (those not waiting count as 0). */
  asaS: number;
  /** Agent occupancy: traffic ÷ agents. */
  occupancy: number;
  /**
   * False when agents <= traffic: the M/M/n queue then grows without bound,
   * and the documented answer is pWait 1, serviceLevel 0, asaS Infinity,
   * occupancy 1 (not an error, so staffing tables can show the row).
   */
  stable: boolean;
}

export function validateQueueParams(p: QueueParams): void {
  requireAgents('agents', p.agents);
  requirePositive('traffic_erlangs', p.trafficErlangs);
  requirePositive('aht_s', p.ahtS);
  requireNonNegative('threshold_s', p.thresholdS);
}

/**
 * Erlang C (M/M/n) from log(1/B(n)). Uses 1/C = (1 - ρ)/B + ρ, which has no
 * cancellation, so small waiting probabilities keep full relative precision.
 */
export function erlangCFromInverseB(p: QueueParams, logInvB: number): ErlangCResult {
  const { agents: n, trafficErlangs: a, ahtS, thresholdS } = p;
  if (n <= a) return { pWait: 1, serviceLevel: 0, asaS: Infinity, occupancy: 1, stable: false };
  const rho = a / n;
  const x = Math.log1p(-rho) + logInvB;
  const y = Math.log(rho);
  const hi = Math.max(x, y);
  const pWait = Math.exp(-(hi + Math.log(Math.exp(x - hi) + Math.exp(y - hi))));
  // The wait of a caller who waits is exponential with rate (n - A)/AHT.
  const rate = (n - a) / ahtS;
  return {
    pWait,
    serviceLevel: 1 - pWait * Math.exp(-rate * thresholdS),
    asaS: pWait / rate,
    occupancy: rho,
    stable: true,
  };
}

/** Erlang C: P(wait), service level within T, ASA and occupancy, in O(agents). */
export function erlangC(p: QueueParams): ErlangCResult {
  validateQueueParams(p);
  const walk = new InverseErlangBWalk(p.trafficErlangs);
  return erlangCFromInverseB(p, walk.advanceTo(p.agents));
}
