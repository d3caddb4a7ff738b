import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangA } from '../analytics/erlang-a.js';
import { erlangC } from '../analytics/erlang-c.js';
import type { ConfidenceInterval } from './confidence.js';
import { replicateMmn, simulateMmn, type MmnScenario } from './mmn-simulation.js';

// 10 replications of 50 hours each (~24,000 calls per run after a 30-minute
// warm-up), 99 % intervals. Over 30 different seed sets the 95 % intervals
// covered the formulas 27-30 times out of 30 for every metric, as they should.
const base = { ahtS: 60, thresholdS: 20, intervals: 200, warmupS: 1800 };

function within(ci: ConfidenceInterval, value: number, what: string): void {
  assert.ok(ci.low <= value && value <= ci.high, `${what}: formula ${value} outside simulated [${ci.low}, ${ci.high}]`);
}

void test('M/M/N simulation agrees with Erlang C: P(wait), service level, ASA, occupancy', () => {
  const scenario: MmnScenario = { ...base, agents: 10, callsPerInterval: 120, seed: 'erlang-c-check' }; // 8 Erlangs
  const sim = replicateMmn(scenario, 10, 0.99);
  const c = erlangC({ agents: 10, trafficErlangs: 8, ahtS: 60, thresholdS: 20 });
  within(sim.pWait, c.pWait, 'p_wait');
  within(sim.serviceLevel, c.serviceLevel, 'service level');
  within(sim.asaS, c.asaS, 'ASA');
  within(sim.occupancy, c.occupancy, 'occupancy');
  assert.equal(sim.pAbandon.mean, 0, 'nobody abandons without a patience');
  // The check has teeth: the intervals are narrow and exclude one agent fewer.
  assert.ok(sim.pWait.halfWidth < 0.02 && sim.serviceLevel.halfWidth < 0.02);
  const nineAgents = erlangC({ agents: 9, trafficErlangs: 8, ahtS: 60, thresholdS: 20 });
  assert.ok(nineAgents.pWait > sim.pWait.high && nineAgents.serviceLevel < sim.serviceLevel.low);
});

void test('M/M/N+M simulation agrees with Erlang A: P(wait), abandonment, service level, ASA', () => {
  // 10 Erlangs on 10 agents: only abandonment keeps this queue stable.
  const scenario: MmnScenario = { ...base, agents: 10, callsPerInterval: 150, patienceS: 45, seed: 'erlang-a-check' };
  const sim = replicateMmn(scenario, 10, 0.99);
  const a = erlangA({ agents: 10, trafficErlangs: 10, ahtS: 60, patienceS: 45, thresholdS: 20 });
  within(sim.pWait, a.pWait, 'p_wait');
  within(sim.pAbandon, a.pAbandon, 'p_abandon');
  within(sim.serviceLevel, a.serviceLevel, 'service level');
  within(sim.asaS, a.asaS, 'ASA');
  within(sim.occupancy, a.occupancy, 'occupancy');
  assert.ok(sim.pAbandon.halfWidth < 0.01);
  // Erlang C would call this queue unstable; Erlang A's abandonment is what the simulation shows.
  assert.ok(sim.pAbandon.low > 0.1);
});

void test('a run is reproducible from its seed, and reports per 15-minute interval', () => {
  const s: MmnScenario = { ...base, agents: 3, callsPerInterval: 30, patienceS: 30, intervals: 4, warmupS: 0, seed: 7 };
  const one = simulateMmn(s), two = simulateMmn(s);
  assert.deepEqual(one, two);
  assert.equal(one.intervals.length, 4);
  assert.equal(one.intervals.reduce((n, r) => n + r.offered, 0), one.total.offered);
  assert.equal(one.total.offered, one.total.answered + one.total.abandoned, 'every call ends answered or abandoned');
  assert.notDeepEqual(simulateMmn({ ...s, seed: 8 }).total, one.total);
});
