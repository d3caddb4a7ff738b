/**
 * Drives a router (the engine or the naive baseline) through a seeded
 * stream of arrivals, answers, rejects, missed offers, completions and
 * abandons on a virtual clock, timing every router call.
 */
import { VirtualClock } from '../../src/platform/clock.js';
import { HeapNode, IndexedHeap } from '../../src/routing/indexed-heap.js';
import type { Decision, EnqueueInput } from '../../src/routing/types.js';
import { rng, type World } from './world.js';

export interface Router {
  login(agentId: string): Decision[];
  setAvailable(agentId: string): Decision[];
  enqueue(input: EnqueueInput): { interactionId: string; decisions: Decision[] };
  accept(offerId: string): Decision[];
  reject(offerId: string): Decision[];
  complete(interactionId: string): Decision[];
  abandon(interactionId: string): Decision[];
  tick(): Decision[];
  nextDueAt(): number | undefined;
}

type HostEvent =
  | { kind: 'arrive' }
  | { kind: 'answer'; offerId: string; reject: boolean }
  | { kind: 'complete'; id: string }
  | { kind: 'abandon'; id: string }
  | { kind: 'ready'; agentId: string };

/** One router call as made by the driver, for replay: [clock ms, method, argument]. */
export type LoggedCall = [number, 'login' | 'setAvailable' | 'enqueue' | 'accept' | 'reject' | 'complete' | 'abandon' | 'tick', unknown];

export interface DriveResult {
  /** Every call, warm-up included; `warmupCalls` is where timing started. */
  log: LoggedCall[];
  warmupCalls: number;
  calls: number;
  decisions: number;
  engineSeconds: number;
  latenciesUs: Float64Array;
  offeredPerCall: number;
  virtualSeconds: number;
  errors: number;
  maxWaiting: number;
}

/**
 * Runs until `measureCalls` router calls were timed after `warmupCalls`.
 * Arrival rate is set slightly above what the agents can handle (AHT 240 s
 * talk + 15 s wrap-up), so agents stay busy and queues non-empty; callers
 * abandon after an exponential patience (mean 120 s).
 */
export function drive(
  world: World,
  makeRouter: (clock: VirtualClock) => Router,
  opts: { warmupCalls: number; measureCalls: number; seed?: number },
): DriveResult {
  const clock = new VirtualClock(0);
  const router = makeRouter(clock);
  const r = rng(opts.seed ?? 7);
  const exp = (mean: number) => -Math.log(1 - r()) * mean;
  const events = new IndexedHeap<HostEvent>();
  let seq = 0;
  // Whole milliseconds, like a real clock.
  const at = (t: number, e: HostEvent) => events.push(new HeapNode(e, Math.round(t), ++seq));
  const ratePerMs = (world.agents.length / 255_000) * 1.1;
  const liveOffers = new Map<string, { interactionId: string; agentId: string }>();
  const state = new Map<string, 'queued' | 'offered' | 'active'>();
  const lat = new Float64Array(opts.measureCalls);
  let measuring = false;
  let calls = 0;
  let measured = 0;
  let decisions = 0;
  let errors = 0;
  let totalMs = 0;
  let n = 0;
  let maxWaiting = 0;

  const handle = (ds: Decision[]) => {
    for (const d of ds) {
      if (d.kind === 'offer') {
        if (measuring) decisions++;
        liveOffers.set(d.offerId, { interactionId: d.interactionId, agentId: d.agentId });
        state.set(d.interactionId, 'offered');
        const u = r();
        // 94 % answered after ~2 s, 3 % rejected, 3 % left ringing until the timeout.
        if (u < 0.97) at(clock.now() + 1000 + r() * 2000, { kind: 'answer', offerId: d.offerId, reject: u >= 0.94 });
      } else if (d.kind === 'offer_withdrawn') {
        liveOffers.delete(d.offerId);
        if (state.get(d.interactionId) === 'offered') state.set(d.interactionId, 'queued');
        if (d.reason === 'timeout') at(clock.now() + 30_000, { kind: 'ready', agentId: d.agentId });
      } else state.delete(d.interactionId);
    }
  };
  const log: LoggedCall[] = [];
  let warmupAt = 0;
  const call = (method: LoggedCall[1], arg?: unknown) => {
    log.push([clock.now(), method, arg]);
    const t0 = performance.now();
    let ds: Decision[];
    try {
      ds = invoke(router, method, arg);
    } catch (err) {
      // A correct host never causes an error; count them (reported) and go on.
      if (errors++ === 0) console.error(err);
      return;
    }
    const dtMs = performance.now() - t0;
    calls++;
    if (measuring) {
      lat[measured++] = dtMs * 1000;
      totalMs += dtMs;
    } else if (calls >= opts.warmupCalls) {
      measuring = true;
      warmupAt = log.length;
    }
    handle(ds);
  };

  for (const a of world.agents) call('login', a.id);
  at(0, { kind: 'arrive' });
  while (measured < opts.measureCalls) {
    const due = router.nextDueAt();
    const next = events.peek();
    if (due !== undefined && (!next || due <= next.k1)) {
      if (due > clock.now()) clock.set(due);
      call('tick');
      continue;
    }
    const node = events.pop()!;
    if (node.k1 > clock.now()) clock.set(node.k1);
    const e = node.item;
    switch (e.kind) {
      case 'arrive': {
        const q = world.queues[Math.floor(r() * world.queues.length)];
        const id = `i${++n}`;
        state.set(id, 'queued');
        call('enqueue', { id, queueId: q.id, priority: r() < 0.1 ? 1 : 0 });
        at(clock.now() + exp(120_000), { kind: 'abandon', id });
        at(clock.now() + exp(1 / ratePerMs), { kind: 'arrive' });
        maxWaiting = Math.max(maxWaiting, state.size);
        break;
      }
      case 'answer': {
        const o = liveOffers.get(e.offerId);
        if (!o) break;
        liveOffers.delete(e.offerId);
        if (e.reject) {
          state.set(o.interactionId, 'queued');
          call('reject', e.offerId);
          // The engine puts the agent in aux "missed"; the agent comes back 30 s later.
          at(clock.now() + 30_000, { kind: 'ready', agentId: o.agentId });
          break;
        }
        const id = o.interactionId;
        call('accept', e.offerId);
        state.set(id, 'active');
        at(clock.now() + exp(240_000), { kind: 'complete', id });
        break;
      }
      case 'complete':
        if (state.get(e.id) === 'active') {
          state.delete(e.id);
          call('complete', e.id);
        }
        break;
      case 'abandon': {
        const s = state.get(e.id);
        if (s === 'queued' || s === 'offered') {
          state.delete(e.id);
          call('abandon', e.id);
        }
        break;
      }
      case 'ready':
        call('setAvailable', e.agentId);
        break;
    }
  }
  return {
    log,
    warmupCalls: warmupAt,
    calls: measured,
    decisions,
    engineSeconds: totalMs / 1000,
    latenciesUs: lat,
    offeredPerCall: decisions / measured,
    virtualSeconds: clock.now() / 1000,
    errors,
    maxWaiting,
  };
}

function invoke(router: Router, method: LoggedCall[1], arg: unknown): Decision[] {
  switch (method) {
    case 'enqueue':
      return router.enqueue(arg as EnqueueInput).decisions;
    case 'tick':
      return router.tick();
    default:
      return router[method](arg as string);
  }
}

export interface ReplayResult {
  calls: number;
  decisions: number;
  wallSeconds: number;
  cpuSeconds: number;
  latenciesUs: Float64Array;
}

/**
 * Replays a recorded call log against a fresh router in a tight loop (no
 * traffic generation in between, so little else allocates or runs), timing
 * each call after the warm-up with performance.now() (a monotonic double:
 * unlike hrtime.bigint() it allocates nothing the engine's GC would pay
 * for) and the whole timed segment with
 * process.cpuUsage (CPU time is not inflated when other processes share the cores).
 */
export function replay(log: LoggedCall[], warmupCalls: number, makeRouter: (clock: VirtualClock) => Router): ReplayResult {
  const clock = new VirtualClock(0);
  const router = makeRouter(clock);
  for (let k = 0; k < warmupCalls; k++) {
    const [t, method, arg] = log[k];
    if (t > clock.now()) clock.set(t);
    invoke(router, method, arg);
  }
  const n = log.length - warmupCalls;
  const lat = new Float64Array(n);
  let decisions = 0;
  let totalMs = 0;
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < n; k++) {
    const [t, method, arg] = log[warmupCalls + k];
    if (t > clock.now()) clock.set(t);
    const t0 = performance.now();
    const ds = invoke(router, method, arg);
    const dtMs = performance.now() - t0;
    totalMs += dtMs;
    lat[k] = dtMs * 1000;
    for (const d of ds) if (d.kind === 'offer') decisions++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { calls: n, decisions, wallSeconds: totalMs / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, latenciesUs: lat };
}
