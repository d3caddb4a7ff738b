import { VirtualClock } from '../platform/clock.js';
import { sequentialIds } from '../platform/ids.js';
import { RoutingEngine } from '../routing/routing-engine.js';
import type { Decision } from '../routing/types.js';
import { presenceChanges, type PresenceChange } from './agent-schedule.js';
import { INTERVAL_S, poissonArrivals } from './arrivals.js';
import type { Sampler } from './distributions.js';
import { EventCalendar } from './event-calendar.js';
import { OccupancyStats, type OccupancyRow } from './occupancy-stats.js';
import { createRng } from './prng.js';
import { QueueIntervalStats, type QueueRow } from './queue-interval-stats.js';
import { expandAgentIds, secondsOfDay, type QueueScenario, type Scenario } from './scenario.js';
import { loadScenario, samplerOf } from './scenario-engine.js';

export interface SimulationReport {
  name: string;
  seed: string | number;
  /** Time of day the run starts, "HH:MM". */
  start: string;
  durationS: number;
  /** When the run ended (arrivals stop at durationS; calls in progress may drain until durationS + drain). */
  endS: number;
  events: number;
  interactions: number;
  /** All queues together (a transferred call counts in each queue it entered). */
  total: QueueRow;
  queues: { queueId: string; thresholdS: number; total: QueueRow; intervals: (QueueRow & { time: string })[] }[];
  groups: { group: string; agents: number; total: OccupancyRow; intervals: (OccupancyRow & { time: string })[] }[];
}

type SimEvent =
  | { kind: 'arrival'; queue: QueueRun; atS: number }
  | { kind: 'abandon'; caller: Caller }
  | { kind: 'accept'; offerId: string; agentId: string; caller: Caller }
  | { kind: 'complete'; caller: Caller }
  | { kind: 'presence'; agentId: string; change: PresenceChange }
  | { kind: 'missed_return'; agentId: string }
  | { kind: 'tick' };

interface QueueRun { cfg: QueueScenario; stats: QueueIntervalStats; arrivals: Generator<number, void, void>; handle: Sampler; seq: number }
interface Caller { id: string; queue: QueueRun; arrivalS: number; answerS: number; offeredSinceEntry: boolean; abandonHandle: number }
interface AgentRun { group: OccupancyStats; onShift: boolean; onBreak: boolean }

const DAY_START_MS = Date.UTC(2026, 0, 5);

/**
 * Runs a scenario through the real routing engine on a virtual clock, as a
 * discrete-event simulation. The simulator plays the callers and the agents'
 * hands; every routing choice is the engine's:
 *   arrival  → engine.enqueue (and the caller's patience timer starts)
 *   offer    → the agent answers after the ring time → engine.accept
 *   accept   → handling ends after the handle time → engine.complete
 *              (wrap-up is the queue's, timed by the engine)
 *   patience → engine.abandon, if the caller is still queued or ringing
 *   schedule → login / setAux(break) / setAvailable / logout
 *   engine timers (ring timeouts, wrap-up ends, overflow, max wait) → the
 *              calendar holds one 'tick' event at engine.nextDueAt()
 * Times on the calendar are the clock's own milliseconds, so the engine's
 * due times are hit exactly. One generator per purpose (arrivals per queue,
 * patience, handle, ring) keeps runs comparable across scenario changes;
 * the same scenario and seed give the same report.
 */
export function runSimulation(scenario: Scenario, opts: { seed?: string | number } = {}): SimulationReport {
  const seed = opts.seed ?? scenario.seed;
  const rng = createRng(seed);
  const startMs = DAY_START_MS + secondsOfDay(scenario.start) * 1000;
  const clock = new VirtualClock(startMs);
  const cal = new EventCalendar<SimEvent>();
  const nowS = () => (clock.now() - startMs) / 1000;
  const at = (s: number) => startMs + s * 1000;
  const durationS = scenario.duration_h * 3600;
  const horizonS = durationS + scenario.drain_h * 3600;

  const groups = new Map<string, { stats: OccupancyStats; agents: number }>();
  const agents = new Map<string, AgentRun>();
  for (const a of scenario.agents) {
    const name = a.group ?? a.id;
    const g = groups.get(name) ?? { stats: new OccupancyStats(), agents: 0 };
    groups.set(name, g);
    for (const id of expandAgentIds(a.id, a.count)) {
      g.agents++;
      agents.set(id, { group: g.stats, onShift: false, onBreak: false });
    }
  }
  const callers = new Map<string, Caller>();
  const engine = new RoutingEngine({
    clock,
    ids: sequentialIds('offer'),
    priorityAgingS: scenario.engine.priority_aging_s,
    missedOffer: scenario.engine.missed_offer === 'available' ? 'available' : { aux: scenario.engine.missed_offer.aux },
    retain: 1000,
    delegate: {
      onAgentStateChanged: (e) => agents.get(e.agentId)!.group.changed(e.agentId, e.to, (e.at - startMs) / 1000),
      onInteractionStateChanged: (e) => {
        if (e.to !== 'done') return;
        const c = callers.get(e.interactionId);
        if (!c) return;
        c.queue.stats.handled(c.arrivalS, (e.at - startMs) / 1000 - c.answerS);
        callers.delete(c.id);
      },
    },
  });
  loadScenario(engine, scenario);

  const patienceRng = rng.fork('patience'), handleRng = rng.fork('handle'), ringRng = rng.fork('ring');
  const ring = samplerOf(scenario.ring_time);
  const queues = new Map<string, QueueRun>();
  for (const q of scenario.queues) {
    const c = q.arrivals.calls_per_interval;
    const perInterval = Array.isArray(c) ? c : new Array<number>(Math.ceil(durationS / INTERVAL_S - 1e-9)).fill(c);
    const arrivals = poissonArrivals(rng.fork(`arrivals/${q.id}`), { callsPerInterval: perInterval });
    queues.set(q.id, { cfg: q, stats: new QueueIntervalStats(q.sl_threshold_s), arrivals, handle: samplerOf(q.handle_time), seq: 0 });
  }
  const patience = new Map(scenario.queues.map((q) => [q.id, q.patience ? samplerOf({ dist: 'exponential', mean_s: q.patience.mean_s }) : undefined]));
  const missed = scenario.engine.missed_offer;

  const offerEvents = new Map<string, number>();
  let entered: Caller[] = [];
  let tickAt: number | undefined;
  let tickHandle = -1;
  let interactions = 0;

  const nextArrival = (q: QueueRun) => {
    const n = q.arrivals.next();
    if (!n.done && n.value < durationS) cal.schedule(at(n.value), { kind: 'arrival', queue: q, atS: n.value });
  };
  const endCaller = (c: Caller) => {
    cal.cancel(c.abandonHandle);
    callers.delete(c.id);
  };
  const carryOut = (decisions: Decision[]) => {
    for (const d of decisions) {
      if (d.kind === 'offer') {
        const c = callers.get(d.interactionId)!;
        c.offeredSinceEntry = true;
        const ringS = ring(ringRng);
        offerEvents.set(d.offerId, cal.schedule(clock.now() + ringS * 1000, { kind: 'accept', offerId: d.offerId, agentId: d.agentId, caller: c }));
      } else if (d.kind === 'offer_withdrawn') {
        cal.cancel(offerEvents.get(d.offerId) ?? -1);
        offerEvents.delete(d.offerId);
        if (d.reason === 'timeout' && missed !== 'available') {
          cal.schedule(clock.now() + missed.back_after_s * 1000, { kind: 'missed_return', agentId: d.agentId });
        }
      } else if (d.kind === 'exit') {
        const c = callers.get(d.interactionId)!;
        c.queue.stats.exited(c.arrivalS);
        if (d.action.kind === 'transfer') {
          // The engine moved it; the caller keeps waiting (and their patience keeps running).
          c.queue = queues.get(d.action.queueId)!;
          c.arrivalS = nowS();
          c.offeredSinceEntry = false;
          entered.push(c);
        } else endCaller(c);
      } else {
        const c = callers.get(d.interactionId)!;
        c.queue.stats.timedOut(c.arrivalS);
        endCaller(c);
      }
    }
    // Whether a call waited is known once the call that queued it has returned its offers.
    for (const c of entered) c.queue.stats.offered(c.arrivalS, !c.offeredSinceEntry);
    entered = [];
    const due = engine.nextDueAt();
    if (due !== tickAt) {
      cal.cancel(tickHandle);
      tickAt = due;
      if (due !== undefined) tickHandle = cal.schedule(Math.max(due, clock.now()), { kind: 'tick' });
    }
  };

  const presence = (agentId: string, ch: PresenceChange) => {
    const a = agents.get(agentId)!;
    if (ch.kind === 'login') {
      a.onShift = true;
      a.onBreak = ch.auxReason !== undefined;
      carryOut(engine.login(agentId, { auxReason: ch.auxReason }));
    } else if (ch.kind === 'logout') {
      a.onShift = a.onBreak = false;
      carryOut(engine.logout(agentId));
    } else if (ch.kind === 'break_start') {
      a.onBreak = true;
      if (a.onShift) carryOut(engine.setAux(agentId, ch.reason));
    } else {
      a.onBreak = false;
      if (a.onShift) carryOut(engine.setAvailable(agentId));
    }
  };

  const handle = (e: SimEvent) => {
    switch (e.kind) {
      case 'arrival': {
        nextArrival(e.queue);
        const q = e.queue;
        const c: Caller = { id: `${q.cfg.id}-${++q.seq}`, queue: q, arrivalS: e.atS, answerS: 0, offeredSinceEntry: false, abandonHandle: -1 };
        interactions++;
        callers.set(c.id, c);
        const p = patience.get(q.cfg.id);
        if (p) c.abandonHandle = cal.schedule(clock.now() + p(patienceRng) * 1000, { kind: 'abandon', caller: c });
        entered.push(c);
        carryOut(engine.enqueue({ id: c.id, queueId: q.cfg.id }).decisions);
        return;
      }
      case 'abandon': {
        const c = e.caller;
        c.queue.stats.abandoned(c.arrivalS, nowS());
        callers.delete(c.id);
        carryOut(engine.abandon(c.id));
        return;
      }
      case 'accept': {
        offerEvents.delete(e.offerId);
        const c = e.caller;
        const decisions = engine.accept(e.offerId, e.agentId);
        c.answerS = nowS();
        c.queue.stats.answered(c.arrivalS, c.answerS);
        cal.cancel(c.abandonHandle);
        cal.schedule(clock.now() + c.queue.handle(handleRng) * 1000, { kind: 'complete', caller: c });
        carryOut(decisions);
        return;
      }
      case 'complete':
        carryOut(engine.complete(e.caller.id));
        return;
      case 'presence':
        presence(e.agentId, e.change);
        return;
      case 'missed_return': {
        const a = agents.get(e.agentId)!;
        const snap = engine.agent(e.agentId);
        if (a.onShift && !a.onBreak && snap.state === 'aux' && missed !== 'available' && snap.auxReason === missed.aux) {
          carryOut(engine.setAvailable(e.agentId));
        }
        return;
      }
      case 'tick':
        tickAt = undefined;
        tickHandle = -1;
        carryOut(engine.tick());
        return;
    }
  };

  const startOfDayS = secondsOfDay(scenario.start);
  for (const a of scenario.agents) {
    const changes = presenceChanges(a.schedule, startOfDayS, horizonS);
    for (const id of expandAgentIds(a.id, a.count)) for (const ch of changes) cal.schedule(at(ch.atS), { kind: 'presence', agentId: id, change: ch });
  }
  for (const q of queues.values()) nextArrival(q);

  let events = 0;
  const horizonMs = at(horizonS);
  for (;;) {
    const next = cal.peek();
    if (next === undefined || next.time > horizonMs) break;
    cal.pop();
    if (next.time > clock.now()) clock.set(next.time);
    events++;
    handle(next.event);
  }
  const endS = Math.min(horizonS, Math.max(durationS, nowS()));
  for (const g of groups.values()) g.stats.close(endS);
  return buildReport(scenario, seed, durationS, endS, events, interactions, queues, groups);
}

function buildReport(
  s: Scenario, seed: string | number, durationS: number, endS: number, events: number, interactions: number,
  queues: Map<string, QueueRun>, groups: Map<string, { stats: OccupancyStats; agents: number }>,
): SimulationReport {
  const count = Math.ceil(endS / INTERVAL_S - 1e-9);
  const startOfDay = secondsOfDay(s.start);
  const time = (startS: number) => timeOfDay(startOfDay + startS);
  return {
    name: s.name,
    seed,
    start: s.start,
    durationS,
    endS,
    events,
    interactions,
    total: QueueIntervalStats.combined([...queues.values()].map((q) => q.stats)),
    queues: [...queues.values()].map((q) => ({
      queueId: q.cfg.id,
      thresholdS: q.cfg.sl_threshold_s,
      total: q.stats.total(),
      intervals: q.stats.intervals(count).map((r) => ({ time: time(r.startS), ...r })),
    })),
    groups: [...groups].map(([group, g]) => ({
      group,
      agents: g.agents,
      total: g.stats.total(),
      intervals: g.stats.intervals(count).map((r) => ({ time: time(r.startS), ...r })),
    })),
  };
}

/** Seconds after midnight → "HH:MM" (with "+1d" past the first day). */
export function timeOfDay(s: number): string {
  const day = Math.floor(s / 86_400);
  const rest = s - day * 86_400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  return `${hh}:${mm}${day > 0 ? ` +${day}d` : ''}`;
}
