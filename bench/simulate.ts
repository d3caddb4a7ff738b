/**
 * Simulator benchmark: `npx tsx bench/simulate.ts` prints one JSON document.
 *
 * - engine_sim: examples/multi-skill-day.json (24 h, 10 queues, 200 agents
 *   in four shifts with breaks and lunch, ~20,000 interactions) through the
 *   real routing engine (src/sim/contact-center-sim.ts); wall time of each
 *   of `RUNS` runs after one warm-up run, and the median.
 * - baseline: the standalone M/M/N loop with no routing engine
 *   (src/sim/mmn-simulation.ts), given the same number of calls over the
 *   same day, in the same process: what the event loop costs by itself, so
 *   the difference is the engine, the schedules and the statistics.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { runSimulation } from '../src/sim/contact-center-sim.js';
import { simulateMmn } from '../src/sim/mmn-simulation.js';
import { parseScenario } from '../src/sim/scenario.js';

const RUNS = 5;
const scenario = parseScenario(JSON.parse(readFileSync(new URL('../examples/multi-skill-day.json', import.meta.url), 'utf8')));

function timed<T>(fn: () => T): { ms: number; out: T } {
  const t0 = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, out };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

runSimulation(scenario); // warm-up (JIT)
const engineRuns = Array.from({ length: RUNS }, (_, i) => timed(() => runSimulation(scenario, { seed: `bench-${i}` })));
const r = engineRuns[0].out;
const agents = scenario.agents.reduce((n, a) => n + a.count, 0);

const callsPerInterval = r.interactions / 96;
const mmn = { agents: 100, callsPerInterval, ahtS: 200, thresholdS: 20, intervals: 96, warmupS: 0, patienceS: 150 };
simulateMmn({ ...mmn, seed: 'warm' });
const baselineRuns = Array.from({ length: RUNS }, (_, i) => timed(() => simulateMmn({ ...mmn, seed: `bench-${i}` })));

const engineMs = median(engineRuns.map((x) => x.ms));
const baselineMs = median(baselineRuns.map((x) => x.ms));
process.stdout.write(`${JSON.stringify({
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version },
  engine_sim: {
    scenario: r.name,
    simulated_hours: r.endS / 3600,
    queues: r.queues.length,
    agents,
    interactions: r.interactions,
    events: r.events,
    runs_ms: engineRuns.map((x) => Math.round(x.ms)),
    median_ms: Math.round(engineMs),
    interactions_per_s: Math.round(r.interactions / (engineMs / 1000)),
    events_per_s: Math.round(r.events / (engineMs / 1000)),
    sim_speedup: Math.round(r.endS / (engineMs / 1000)),
    service_level: r.total.serviceLevel,
    abandon_rate: r.total.abandonRate,
  },
  baseline_mmn_no_engine: {
    interactions: baselineRuns[0].out.total.offered,
    events: baselineRuns[0].out.events,
    runs_ms: baselineRuns.map((x) => Math.round(x.ms)),
    median_ms: Math.round(baselineMs),
    interactions_per_s: Math.round(baselineRuns[0].out.total.offered / (baselineMs / 1000)),
  },
  engine_overhead_factor: Number((engineMs / baselineMs).toFixed(1)),
}, null, 2)}\n`);
