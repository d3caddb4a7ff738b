// Erlang math benchmark: prints JSON. Measures single evaluations at 10,000
// agents and staffing searches, and, as the baseline in the same run, the
// naive staffing loop that recomputes Erlang C from scratch for every
// candidate n (O(n²)), plus the textbook factorial formula's overflow point.
//
//   npx tsx bench/erlang.ts
import { erlangA } from '../src/analytics/erlang-a.js';
import { erlangB } from '../src/analytics/erlang-b.js';
import { erlangC } from '../src/analytics/erlang-c.js';
import { staffErlangA, staffErlangC } from '../src/analytics/staffing.js';

function time<T>(fn: () => T, minMs = 200): { perCallMs: number; calls: number; value: T } {
  let value = fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) { value = fn(); calls++; }
  return { perCallMs: (performance.now() - start) / calls, calls, value };
}

const q = { trafficErlangs: 9_800, ahtS: 180, thresholdS: 20 };
const round = (x: number) => Number(x.toPrecision(4));

const b = time(() => erlangB(10_000, 9_800));
const c = time(() => erlangC({ ...q, agents: 10_000 }));
const a = time(() => erlangA({ ...q, agents: 10_000, patienceS: 120 }));
const staffC = time(() => staffErlangC(q, { kind: 'service_level', minServiceLevel: 0.8 }));
const staffA = time(() => staffErlangA({ ...q, patienceS: 120 }, { kind: 'p_abandon', maxPAbandon: 0.02 }));

// Baseline: scan n = floor(A)+1, ... and recompute each Erlang C from scratch.
const naiveStaff = time(() => {
  for (let n = Math.floor(q.trafficErlangs) + 1; ; n++) {
    if (erlangC({ ...q, agents: n }).serviceLevel >= 0.8) return n;
  }
}, 500);

// The textbook A^n/n! formula: the first n where it stops giving a number.
let overflowAt = 0;
for (let n = 1, term = 1; n < 10_000; n++) {
  term *= 1000 / n;
  if (!Number.isFinite(term)) { overflowAt = n; break; }
}

console.log(JSON.stringify({
  benchmark: 'erlang',
  node: process.version,
  erlang_b_10000_agents_ms: round(b.perCallMs),
  erlang_c_10000_agents_ms: round(c.perCallMs),
  erlang_a_10000_agents_ms: round(a.perCallMs),
  erlang_a_10000_agents: { p_wait: a.value.pWait, p_abandon: a.value.pAbandon, service_level: a.value.serviceLevel },
  staffing_c_sl80_9800_erlangs: { agents: staffC.value.agents, ms: round(staffC.perCallMs) },
  staffing_a_abandon2pct_9800_erlangs: { agents: staffA.value.agents, ms: round(staffA.perCallMs) },
  baseline_naive_rescan_staffing_c: { agents: naiveStaff.value, ms: round(naiveStaff.perCallMs) },
  speedup_vs_naive_rescan: round(naiveStaff.perCallMs / staffC.perCallMs),
  textbook_factorial_formula_overflows_at_agents_for_1000_erlangs: overflowAt,
}, null, 2));
