import { erlangAFromInverseB, type ErlangAResult } from './erlang-a.js';
import { InverseErlangBWalk } from './erlang-b.js';
import { erlangCFromInverseB, validateQueueParams, type ErlangCResult } from './erlang-c.js';
import { ErlangErrors, requireFraction, requirePositive } from './erlang-errors.js';

/** What the staffing must achieve; every metric is monotone in the number of agents. */
export type StaffingTarget =
  | { kind: 'service_level'; minServiceLevel: number }
  | { kind: 'asa'; maxAsaS: number }
  | { kind: 'p_wait'; maxPWait: number }
  | { kind: 'p_abandon'; maxPAbandon: number };

export interface StaffingLoad {
  trafficErlangs: number;
  ahtS: number;
  /** Threshold T of the service level (also reported for other targets). */
  thresholdS: number;
  /** Mean patience, seconds: Erlang A only. */
  patienceS?: number;
}

export interface StaffingResult<R> {
  agents: number;
  result: R;
}

// Refuse searches past this many agents: far beyond any real pool, and it
// bounds the work when a target can only be met asymptotically.
const MAX_AGENTS = 1_000_000;

export function validateTarget(target: StaffingTarget): void {
  switch (target.kind) {
    case 'service_level': requireFraction('target_sl', target.minServiceLevel); break;
    case 'asa': requirePositive('target_asa_s', target.maxAsaS); break;
    case 'p_wait': requireFraction('max_p_wait', target.maxPWait); break;
    case 'p_abandon': requireFraction('target_p_abandon', target.maxPAbandon); break;
  }
}

function meets(r: { pWait: number; serviceLevel: number; asaS: number; pAbandon?: number }, t: StaffingTarget): boolean {
  switch (t.kind) {
    case 'service_level': return r.serviceLevel >= t.minServiceLevel;
    case 'asa': return r.asaS <= t.maxAsaS;
    case 'p_wait': return r.pWait <= t.maxPWait;
    case 'p_abandon': return (r.pAbandon ?? 0) <= t.maxPAbandon;
  }
}

function unreachable(target: StaffingTarget): never {
  throw ErlangErrors.create('ERLANG_TARGET_UNREACHABLE', { target, maxAgents: MAX_AGENTS },
    `no staffing up to ${MAX_AGENTS} agents meets the ${target.kind} target`);
}

/**
 * Fewest agents for which Erlang C meets the target. Steps up from the first
 * stable size, floor(A) + 1, extending one Erlang B walk: O(1) per step, and
 * the answer is A + O(√A) (square-root staffing), so the whole search is O(A).
 */
export function staffErlangC(load: StaffingLoad, target: StaffingTarget): StaffingResult<ErlangCResult> {
  validateQueueParams({ ...load, agents: 1 });
  validateTarget(target);
  if (target.kind === 'p_abandon') {
    throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field: 'target_p_abandon' }, 'an abandonment target needs Erlang A (model a)');
  }
  const walk = new InverseErlangBWalk(load.trafficErlangs);
  let n = Math.max(1, Math.floor(load.trafficErlangs) + 1);
  let logInv = walk.advanceTo(n);
  for (; n <= MAX_AGENTS; n++, logInv = walk.step()) {
    const result = erlangCFromInverseB({ ...load, agents: n }, logInv);
    if (meets(result, target)) return { agents: n, result };
  }
  return unreachable(target);
}

/**
 * Fewest agents for which Erlang A meets the target. With abandonment even
 * n < A is stable, so this brackets the answer by doubling from A and then
 * bisects: O(log A) evaluations, each one series plus a shared Erlang B walk
 * (log(1/B(n)) is kept in a table that only ever grows).
 *
 * One target at a time: a service-level target alone can be met by an
 * overloaded pool (n < A) where most callers who stay are answered quickly
 * and the rest abandon, so planners should check p_abandon alongside it.
 */
export function staffErlangA(load: StaffingLoad, target: StaffingTarget): StaffingResult<ErlangAResult> {
  validateQueueParams({ ...load, agents: 1 });
  validateTarget(target);
  const patienceS = requirePositive('patience_s', load.patienceS ?? Number.NaN);
  const walk = new InverseErlangBWalk(load.trafficErlangs);
  const logInvB: number[] = [walk.logInverse];
  const evaluate = (n: number): ErlangAResult => {
    while (logInvB.length < n) logInvB.push(walk.step());
    return erlangAFromInverseB({ ...load, patienceS, agents: n }, logInvB[n - 1]);
  };
  // Invariant of the search: `lo` fails (or is 0), `hi` meets the target.
  let lo = 0;
  let hi = Math.max(1, Math.ceil(load.trafficErlangs));
  let best = evaluate(hi);
  while (!meets(best, target)) {
    lo = hi;
    hi = Math.min(MAX_AGENTS, hi * 2);
    if (hi === lo) unreachable(target);
    best = evaluate(hi);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = evaluate(mid);
    if (meets(r, target)) { hi = mid; best = r; } else lo = mid;
  }
  return { agents: hi, result: best };
}
