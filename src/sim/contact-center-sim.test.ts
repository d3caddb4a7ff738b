import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation, type SimulationReport } from './contact-center-sim.js';
import { parseScenario } from './scenario.js';

type Json = Record<string, unknown> & { queues: Record<string, unknown>[]; agents: Record<string, unknown>[] };

function scenario(over: Partial<Json> = {}): Json {
  return {
    duration_h: 2,
    drain_h: 1,
    ring_time: { dist: 'constant', value_s: 3 },
    queues: [{
      id: 'sales', skills: { sales: 1 }, sl_threshold_s: 20, wrap_up_s: 10,
      arrivals: { calls_per_interval: 40 },
      handle_time: { dist: 'lognormal', mean_s: 120, cv: 0.6 },
      patience: { mean_s: 60 },
    }],
    agents: [{ id: 'rep', count: 6, group: 'reps', skills: { sales: 5 } }],
    ...over,
  };
}

const run = (json: unknown, seed?: number): SimulationReport => runSimulation(parseScenario(json), { seed });

void test('the same scenario and seed give the same report; another seed gives another', () => {
  const s = scenario();
  const one = run(s), two = run(s);
  assert.deepEqual(one, two);
  assert.notDeepEqual(run(s, 99).total, one.total);
  assert.deepEqual(run(s, 99), run(s, 99));
});

void test('every call ends exactly once: answered, abandoned, exited or timed out', () => {
  const r = run(scenario());
  const t = r.total;
  assert.ok(t.offered > 200, `offered ${t.offered}`);
  assert.equal(t.unfinished, 0, 'the drain lets every call finish');
  assert.equal(t.offered, t.answered + t.abandoned + t.exited + t.timedOut);
  assert.equal(r.queues[0].intervals.reduce((n, x) => n + x.offered, 0), t.offered);
  assert.equal(r.interactions, t.offered);
  // Ringing counts in the wait; the handle time includes the queue's wrap-up.
  assert.ok(t.asaS! >= 3);
  assert.ok(t.ahtS! > 120 && t.ahtS! < 145, `AHT ${t.ahtS}`);
  assert.ok(t.abandoned > 0 && t.serviceLevel! < t.serviceLevelExShortAbandons!);
  const occ = r.groups[0].total.occupancy!;
  assert.ok(occ > 0.5 && occ < 1, `occupancy ${occ}`);
});

void test('an agent on break takes nothing, and an agent off shift is not counted', () => {
  const r = run(scenario({
    duration_h: 3,
    queues: [{ id: 'sales', sl_threshold_s: 20, arrivals: { calls_per_interval: 60 }, handle_time: { dist: 'constant', value_s: 60 } }],
    agents: [
      { id: 'always', count: 3, group: 'always' },
      { id: 'breaker', group: 'breaker', schedule: { start: '00:00', end: '24:00', breaks: [{ start: '01:00', end: '02:00', reason: 'lunch' }] } },
      { id: 'late', group: 'late', schedule: { start: '02:00', end: '03:00' } },
    ],
  }));
  const breaker = r.groups.find((g) => g.group === 'breaker')!.intervals;
  // 01:00-01:15 may finish the call in hand (at most 60 s); after that, nothing until 02:00.
  assert.ok(breaker[4].handlingS <= 60 + 1e-9);
  for (const i of [5, 6, 7]) assert.deepEqual([breaker[i].handlingS, breaker[i].auxS], [0, 900], `interval ${i}`);
  assert.ok(breaker[3].handlingS > 0 && breaker[8].handlingS > 0, 'busy before and after the break');
  const late = r.groups.find((g) => g.group === 'late')!.intervals;
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7]) assert.equal(late[i].handlingS + late[i].availableS, 0);
  assert.ok(late[8].handlingS > 0);
  assert.equal(r.groups.find((g) => g.group === 'breaker')!.intervals[5].time, '01:15');
});

void test('an overflow exit transfers the caller to another queue, where the engine answers it', () => {
  const r = run(scenario({
    queues: [
      { id: 'spanish', skills: { es: 1 }, sl_threshold_s: 20, arrivals: { calls_per_interval: 10 },
        handle_time: { dist: 'exponential', mean_s: 60 }, overflow: [{ after_s: 30, exit: { kind: 'transfer', queue_id: 'general' } }] },
      { id: 'general', sl_threshold_s: 20, arrivals: { calls_per_interval: 0 }, handle_time: { dist: 'exponential', mean_s: 90 } },
    ],
    agents: [{ id: 'rep', count: 3 }],
  }));
  const [es, gen] = r.queues;
  assert.ok(es.total.offered > 20);
  assert.equal(es.total.exited, es.total.offered, 'nobody speaks Spanish: every call leaves by the exit');
  assert.equal(gen.total.offered, es.total.offered);
  assert.equal(gen.total.answered, gen.total.offered);
  assert.ok(gen.total.asaS! < 30, 'the wait in the second queue counts from the transfer');
});

void test('max wait fails the calls nobody can take; missed offers go back to the queue', () => {
  const timedOut = run(scenario({
    queues: [{ id: 'q', skills: { tech: 5 }, sl_threshold_s: 20, max_wait_s: 90, arrivals: { calls_per_interval: 8 }, handle_time: { dist: 'exponential', mean_s: 60 } }],
    agents: [{ id: 'rep', count: 2 }],
  }));
  assert.equal(timedOut.total.timedOut, timedOut.total.offered);
  // Agents who never pick up within the ring timeout: offers time out, callers end up abandoning.
  const missed = run(scenario({
    ring_time: { dist: 'constant', value_s: 25 },
    engine: { missed_offer: { aux: 'missed', back_after_s: 5 } },
    queues: [{ id: 'q', sl_threshold_s: 20, ring_timeout_s: 20, arrivals: { calls_per_interval: 8 }, handle_time: { dist: 'exponential', mean_s: 60 }, patience: { mean_s: 60 } }],
  }));
  assert.equal(missed.total.answered, 0);
  assert.equal(missed.total.abandoned, missed.total.offered);
  assert.ok(missed.groups[0].total.auxS > 0, 'agents sat in aux: missed between offers');
});
