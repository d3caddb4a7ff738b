import { VirtualClock } from '../platform/clock.js';
import { poissonArrivals } from './arrivals.js';
import { confidenceInterval, type ConfidenceInterval } from './confidence.js';
import { exponential, type Sampler } from './distributions.js';
import { IntervalStats, type IntervalReport } from './interval-stats.js';
import { createRng } from './prng.js';
import { Simulation } from './simulation.js';
import { SimErrors, requireFinite } from './sim-errors.js';

export interface MmnScenario {
  agents: number;
  /** Offered calls per 15-minute interval (constant over the run). */
  callsPerInterval: number;
  ahtS: number;
  /** Mean patience (exponential); omit for M/M/N, where nobody hangs up. */
  patienceS?: number;
  thresholdS: number;
  /** Arrivals are generated over this many whole 15-minute intervals. */
  intervals: number;
  /** Calls arriving before this are not counted (the run starts empty). */
  warmupS: number;
  seed: string | number;
  /** Handle-time distribution; exponential with mean ahtS unless given. */
  handleTime?: Sampler;
}

export interface MmnOutcome {
  total: IntervalReport;
  intervals: IntervalReport[];
  events: number;
}

type MmnEvent = { kind: 'arrival'; atS: number } | { kind: 'departure'; call: Call } | { kind: 'abandon'; call: Call };
interface Call { arrivalS: number; state: 'waiting' | 'served' | 'abandoned'; abandonHandle: number }

/**
 * A standalone M/M/N (and M/M/N+M) FIFO call center, with no routing engine:
 * it checks the building blocks (PRNG, arrivals, calendar, loop, statistics)
 * and the Erlang C / A formulas against each other. Calls that arrive before
 * the end are followed until they are answered or abandon.
 */
export function simulateMmn(s: MmnScenario): MmnOutcome {
  if (!Number.isInteger(s.agents) || s.agents < 1) throw SimErrors.create('SIM_INVALID_INPUT', { field: 'agents' }, 'agents must be an integer >= 1');
  requireFinite('ahtS', s.ahtS, 0, false);
  if (s.patienceS !== undefined) requireFinite('patienceS', s.patienceS, 0, false);
  const rng = createRng(s.seed);
  const handleRng = rng.fork('handle'), patienceRng = rng.fork('patience');
  const handle = s.handleTime ?? exponential(s.ahtS);
  const patience = s.patienceS === undefined ? undefined : exponential(s.patienceS);
  const arrivals = poissonArrivals(rng.fork('arrivals'), { callsPerInterval: new Array<number>(s.intervals).fill(s.callsPerInterval) });
  const endS = s.intervals * 900;
  const stats = new IntervalStats({ thresholdS: s.thresholdS });
  const sim = new Simulation<MmnEvent>(new VirtualClock(0));
  const queue: Call[] = [];
  let head = 0, busy = 0, lastS = 0;
  const counted = (c: Call) => c.arrivalS >= s.warmupS;

  // Agent time is integrated between events, only inside [warmup, end].
  const account = (nowS: number) => {
    const from = Math.max(lastS, s.warmupS), to = Math.min(nowS, endS);
    if (to > from) {
      stats.agentTime('handling', from, to, busy);
      stats.agentTime('available', from, to, s.agents - busy);
    }
    lastS = nowS;
  };
  const serve = (call: Call, nowS: number) => {
    call.state = 'served';
    busy++;
    const h = handle(handleRng);
    if (counted(call)) { stats.answered(call.arrivalS, nowS); stats.handled(call.arrivalS, h); }
    sim.schedule(h, { kind: 'departure', call });
  };
  const scheduleNextArrival = () => {
    const next = arrivals.next();
    if (!next.done) sim.scheduleAt(next.value, { kind: 'arrival', atS: next.value });
  };

  scheduleNextArrival();
  sim.run(Infinity, (e, sm) => {
    const now = sm.nowS;
    account(now);
    if (e.kind === 'arrival') {
      scheduleNextArrival();
      const call: Call = { arrivalS: now, state: 'waiting', abandonHandle: -1 };
      if (counted(call)) stats.offered(now);
      if (busy < s.agents) serve(call, now);
      else {
        queue.push(call);
        if (patience) call.abandonHandle = sm.schedule(patience(patienceRng), { kind: 'abandon', call });
      }
    } else if (e.kind === 'abandon') {
      e.call.state = 'abandoned'; // left in the queue array, skipped when reached
      if (counted(e.call)) stats.abandoned(e.call.arrivalS, now);
    } else {
      busy--;
      while (head < queue.length && queue[head].state !== 'waiting') head++;
      if (head < queue.length) {
        const next = queue[head++];
        sm.cancel(next.abandonHandle);
        serve(next, now);
      }
      if (head > 4096 && head * 2 > queue.length) { queue.splice(0, head); head = 0; }
    }
  });
  return { total: stats.total(), intervals: stats.intervals(), events: sim.eventsHandled };
}

export interface ReplicationSummary {
  pWait: ConfidenceInterval;
  pAbandon: ConfidenceInterval;
  serviceLevel: ConfidenceInterval;
  asaS: ConfidenceInterval;
  occupancy: ConfidenceInterval;
}

/** Runs `replications` independent runs (seeds `seed/rep-i`) and gives each metric's confidence interval. */
export function replicateMmn(s: MmnScenario, replications: number, level = 0.95): ReplicationSummary {
  const runs = Array.from({ length: replications }, (_, i) => simulateMmn({ ...s, seed: `${String(s.seed)}/rep-${i}` }).total);
  const ci = (pick: (r: IntervalReport) => number) => confidenceInterval(runs.map(pick), level);
  return {
    pWait: ci((r) => r.waitedShare),
    pAbandon: ci((r) => r.abandonRate),
    serviceLevel: ci((r) => r.serviceLevel),
    asaS: ci((r) => r.asaS),
    occupancy: ci((r) => r.occupancy),
  };
}
