import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangB, logInverseErlangB } from './erlang-b.js';
import { erlangC } from './erlang-c.js';
import { ErlangErrors } from './erlang-errors.js';

/** Erlang B by the textbook sum, fine for small n only. */
function naiveErlangB(n: number, a: number): number {
  let term = 1, sum = 1;
  for (let j = 1; j <= n; j++) { term *= a / j; sum += term; }
  return term / sum;
}

void test('Erlang B matches the textbook sum where factorials still fit', () => {
  for (const [n, a] of [[1, 0.5], [5, 3], [20, 17.5], [60, 45]]) {
    const exact = naiveErlangB(n, a);
    assert.ok(Math.abs(erlangB(n, a) - exact) <= 1e-13 * exact, `B(${n}, ${a})`);
  }
});

void test('Erlang B stays finite and ordered at 10,000 agents, where A^n/n! overflows', () => {
  const b = erlangB(10_000, 9_800);
  assert.ok(b > 0 && b < 1);
  assert.ok(erlangB(10_000, 9_900) > b, 'more traffic, more blocking');
  // Far below the load, B underflows but log(1/B) still says how small it is.
  assert.equal(erlangB(10_000, 10), 0);
  assert.ok(logInverseErlangB(10_000, 10) > 40_000);
});

void test('Erlang C: service level, ASA and P(wait) move the right way as agents are added', () => {
  let prev = erlangC({ agents: 11, trafficErlangs: 10, ahtS: 180, thresholdS: 20 });
  for (let n = 12; n <= 25; n++) {
    const r = erlangC({ agents: n, trafficErlangs: 10, ahtS: 180, thresholdS: 20 });
    assert.ok(r.pWait < prev.pWait && r.asaS < prev.asaS && r.serviceLevel > prev.serviceLevel, `n=${n}`);
    prev = r;
  }
});

void test('Erlang C with a threshold of 0 s: service level is exactly 1 - P(wait)', () => {
  const r = erlangC({ agents: 14, trafficErlangs: 10, ahtS: 180, thresholdS: 0 });
  assert.ok(Math.abs(r.serviceLevel - (1 - r.pWait)) < 1e-15);
});

void test('Erlang C at 10,000 agents is computed exactly and consistently', () => {
  const r = erlangC({ agents: 10_000, trafficErlangs: 9_900, ahtS: 300, thresholdS: 20 });
  assert.ok(r.pWait > 0 && r.pWait < 1 && r.stable);
  // ASA = P(wait)·AHT/(n - A) is the defining identity of Erlang C.
  assert.ok(Math.abs(r.asaS - (r.pWait * 300) / 100) < 1e-12);
});

void test('Erlang C with agents <= traffic returns the documented unstable answer', () => {
  for (const agents of [9, 10]) {
    const r = erlangC({ agents, trafficErlangs: 10, ahtS: 180, thresholdS: 20 });
    assert.deepEqual(r, { pWait: 1, serviceLevel: 0, asaS: Infinity, occupancy: 1, stable: false });
  }
});

void test('Erlang C rejects bad input with ERLANG_INVALID_INPUT naming the field', () => {
  const good = { agents: 14, trafficErlangs: 10, ahtS: 180, thresholdS: 20 };
  const cases: [Partial<typeof good>, string][] = [
    [{ agents: 0 }, 'agents'], [{ agents: 2.5 }, 'agents'], [{ agents: Number.NaN }, 'agents'],
    [{ trafficErlangs: -1 }, 'traffic_erlangs'], [{ trafficErlangs: Number.NaN }, 'traffic_erlangs'],
    [{ ahtS: 0 }, 'aht_s'], [{ thresholdS: -5 }, 'threshold_s'], [{ thresholdS: Infinity }, 'threshold_s'],
  ];
  for (const [patch, field] of cases) {
    assert.throws(() => erlangC({ ...good, ...patch }), (e: unknown) =>
      ErlangErrors.is(e, 'ERLANG_INVALID_INPUT') && e.details?.field === field && e.message.includes(field), JSON.stringify(patch));
  }
  assert.throws(() => erlangB(0, 5), (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT'));
});
