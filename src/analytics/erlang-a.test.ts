import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangA } from './erlang-a.js';
import { erlangC } from './erlang-c.js';
import { ErlangErrors } from './erlang-errors.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Independent references computed with mpmath at 40 digits by a different
// route: explicit state probabilities (products, no series tricks) for P(wait)
// and P(abandon), and numerical quadrature of the offered-wait density for
// the service level and ASA.
const MPMATH = [
  { n: 10_000, a: 9_990, aht: 180, patience: 120, t: 20,
    pWait: 0.415213836998638, pAbandon: 0.00389921598074841, sl: 0.996100784019252, asa: 0.466230339048181 },
  { n: 1_000, a: 1_100, aht: 180, patience: 300, t: 20,
    pWait: 0.999964002105737, pAbandon: 0.0909093990634555, sl: 0.11207179276932, asa: 28.5031728769107 },
  { n: 50, a: 40, aht: 300, patience: 60, t: 30,
    pWait: 0.0515709918291266, pAbandon: 0.00968776531802951, sl: 0.987762551375396, asa: 0.488447652850834 },
];

void test('Erlang A matches 40-digit references up to 10,000 agents and in overload', () => {
  for (const r of MPMATH) {
    const x = erlangA({ agents: r.n, trafficErlangs: r.a, ahtS: r.aht, patienceS: r.patience, thresholdS: r.t });
    const tag = `n=${r.n} A=${r.a}`;
    assert.ok(rel(x.pWait, r.pWait) < 1e-9, `${tag} p_wait ${x.pWait}`);
    assert.ok(rel(x.pAbandon, r.pAbandon) < 1e-9, `${tag} p_abandon ${x.pAbandon}`);
    assert.ok(rel(x.serviceLevel, r.sl) < 1e-9, `${tag} service_level ${x.serviceLevel}`);
    assert.ok(rel(x.asaS, r.asa) < 1e-9, `${tag} asa ${x.asaS}`);
  }
});

void test('Erlang A with patience = AHT: the number in system is Poisson(λ·AHT)', () => {
  // P(wait) = P(Poisson(10) >= 14) and E[queue] = E[(N - 14)+], summed directly.
  const p: number[] = [Math.exp(-10)];
  for (let j = 1; j < 200; j++) p.push((p[j - 1] * 10) / j);
  const pWait = p.slice(14).reduce((x, y) => x + y, 0);
  const eQueue = p.reduce((sum, pj, j) => sum + Math.max(0, j - 14) * pj, 0);
  const x = erlangA({ agents: 14, trafficErlangs: 10, ahtS: 180, patienceS: 180, thresholdS: 20 });
  assert.ok(rel(x.pWait, pWait) < 1e-12);
  // P(abandon) = θ·E[queue]/λ with θ = μ, λ = 10μ.
  assert.ok(rel(x.pAbandon, eQueue / 10) < 1e-12);
});

void test('Erlang A tends to Erlang C as patience grows without bound', () => {
  const q = { agents: 14, trafficErlangs: 10, ahtS: 180, thresholdS: 20 };
  const c = erlangC(q);
  const far = erlangA({ ...q, patienceS: 1e9 });
  assert.ok(rel(far.pWait, c.pWait) < 1e-6 && rel(far.serviceLevel, c.serviceLevel) < 1e-6 && rel(far.asaS, c.asaS) < 1e-6);
  assert.ok(far.pAbandon < 1e-7);
  const inf = erlangA({ ...q, patienceS: Infinity });
  assert.equal(inf.pWait, c.pWait);
  assert.equal(inf.pAbandon, 0);
});

void test('Erlang A is stable with fewer agents than traffic: abandonment balances the queue', () => {
  const x = erlangA({ agents: 8, trafficErlangs: 10, ahtS: 180, patienceS: 60, thresholdS: 20 });
  assert.ok(x.pAbandon > 0.2 && x.pAbandon < 1);
  // Carried load cannot exceed the agents: A·(1 - P(ab)) <= n.
  assert.ok(x.occupancy <= 1 && x.occupancy > 0.85);
  assert.ok(Math.abs(x.occupancy - (10 * (1 - x.pAbandon)) / 8) < 1e-12);
  assert.ok(Math.abs(x.meanWaitS - x.pAbandon * 60) < 1e-9, 'E[wait] = P(ab)·patience for exponential patience');
});

void test('Erlang A: shorter patience means more abandonment but a better service level for those who stay', () => {
  const q = { agents: 12, trafficErlangs: 10, ahtS: 180, thresholdS: 20 };
  const impatient = erlangA({ ...q, patienceS: 30 });
  const patient = erlangA({ ...q, patienceS: 600 });
  assert.ok(impatient.pAbandon > patient.pAbandon);
  assert.ok(impatient.asaS < patient.asaS);
  assert.ok(impatient.pWait < patient.pWait);
});

void test('Erlang A rejects a missing, zero, negative or NaN patience', () => {
  for (const patienceS of [0, -10, Number.NaN]) {
    assert.throws(() => erlangA({ agents: 14, trafficErlangs: 10, ahtS: 180, thresholdS: 20, patienceS }),
      (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT') && e.details?.field === 'patience_s');
  }
});

void test('Erlang A refuses, with a code, a model that would need tens of millions of terms', () => {
  // Overloaded by 1,000 Erlangs with near-infinite patience: the queue holds ~1e10 callers.
  assert.throws(() => erlangA({ agents: 1000, trafficErlangs: 2000, ahtS: 180, thresholdS: 20, patienceS: 1e9 }),
    (e: unknown) => ErlangErrors.is(e, 'ERLANG_TOO_LARGE'));
});
