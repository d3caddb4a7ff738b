import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangA } from '../analytics/erlang-a.js';
import { erlangC } from '../analytics/erlang-c.js';
import { confidenceInterval, type ConfidenceInterval } from './confidence.js';
import { runSimulation, type SimulationReport } from './contact-center-sim.js';
import { parseScenario } from './scenario.js';

// M/M/N and M/M/N+M call centers run through the real routing engine (offer,
// accept with no ring time, complete, abandon), compared with the formulas.
// Each replication is 24 hours at 8-10 Erlangs (~11,000-14,000 calls); the
// first hour is warm-up (the run starts empty) and is not counted.
const HOURS = 24;
const WARMUP_INTERVALS = 4;
const REPLICATIONS = 8;

function mmnScenario(callsPerInterval: number, patienceS?: number): unknown {
  return {
    name: 'M/M/N check',
    duration_h: HOURS,
    drain_h: 1,
    queues: [{
      id: 'q', skills: {}, sl_threshold_s: 20,
      arrivals: { calls_per_interval: callsPerInterval },
      handle_time: { dist: 'exponential', mean_s: 60 },
      ...(patienceS ? { patience: { mean_s: patienceS } } : {}),
    }],
    agents: [{ id: 'a', count: 10, group: 'agents' }],
  };
}

interface Measured { pWait: number; serviceLevel: number; pAbandon: number; asaS: number; occupancy: number }

/** The steady-state figures of one run: intervals after warm-up and before arrivals stop. */
function measure(r: SimulationReport): Measured {
  const rows = r.queues[0].intervals.slice(WARMUP_INTERVALS, HOURS * 4);
  const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((a, x) => a + f(x), 0);
  const offered = sum((x) => x.offered), answered = sum((x) => x.answered);
  const occ = r.groups[0].intervals.slice(WARMUP_INTERVALS, HOURS * 4);
  const handling = occ.reduce((a, x) => a + x.handlingS, 0), available = occ.reduce((a, x) => a + x.availableS, 0);
  return {
    pWait: sum((x) => (x.pWait ?? 0) * x.offered) / offered,
    serviceLevel: sum((x) => x.answeredWithinThreshold) / offered,
    pAbandon: sum((x) => x.abandoned) / offered,
    asaS: sum((x) => (x.asaS ?? 0) * x.answered) / answered,
    occupancy: handling / (handling + available),
  };
}

function replicate(json: unknown, seed: string): Record<keyof Measured, ConfidenceInterval> {
  const scenario = parseScenario(json);
  const runs = Array.from({ length: REPLICATIONS }, (_, i) => measure(runSimulation(scenario, { seed: `${seed}/rep-${i}` })));
  const ci = (k: keyof Measured) => confidenceInterval(runs.map((m) => m[k]), 0.99);
  return { pWait: ci('pWait'), serviceLevel: ci('serviceLevel'), pAbandon: ci('pAbandon'), asaS: ci('asaS'), occupancy: ci('occupancy') };
}

function within(ci: ConfidenceInterval, value: number, what: string): void {
  assert.ok(ci.low <= value && value <= ci.high, `${what}: formula ${value} outside simulated [${ci.low}, ${ci.high}]`);
}

void test('M/M/N through the routing engine agrees with Erlang C: P(wait), service level, ASA, occupancy', () => {
  const sim = replicate(mmnScenario(120), 'engine-erlang-c'); // 120 calls / 15 min × 60 s = 8 Erlangs on 10 agents
  const c = erlangC({ agents: 10, trafficErlangs: 8, ahtS: 60, thresholdS: 20 });
  within(sim.pWait, c.pWait, 'p_wait');
  within(sim.serviceLevel, c.serviceLevel, 'service level');
  within(sim.asaS, c.asaS, 'ASA');
  within(sim.occupancy, c.occupancy, 'occupancy');
  assert.equal(sim.pAbandon.high, 0, 'nobody abandons without a patience');
  // The check has teeth: with one agent fewer the formula falls outside the intervals.
  const nine = erlangC({ agents: 9, trafficErlangs: 8, ahtS: 60, thresholdS: 20 });
  assert.ok(nine.pWait > sim.pWait.high && nine.serviceLevel < sim.serviceLevel.low);
});

void test('M/M/N+M through the routing engine agrees with Erlang A: P(wait), abandonment, service level, ASA', () => {
  // 10 Erlangs on 10 agents: only abandonment (engine.abandon) keeps this queue stable.
  const sim = replicate(mmnScenario(150, 45), 'engine-erlang-a');
  const a = erlangA({ agents: 10, trafficErlangs: 10, ahtS: 60, patienceS: 45, thresholdS: 20 });
  within(sim.pWait, a.pWait, 'p_wait');
  within(sim.pAbandon, a.pAbandon, 'p_abandon');
  within(sim.serviceLevel, a.serviceLevel, 'service level');
  within(sim.asaS, a.asaS, 'ASA');
  within(sim.occupancy, a.occupancy, 'occupancy');
  assert.ok(sim.pAbandon.low > 0.1 && sim.pAbandon.halfWidth < 0.02);
});
