/**
 * Helpers for tests of the engine (and of code that drives it, such as the
 * simulator): a small fixture world and a full-state dump for "state
 * unchanged" assertions.
 */
import { VirtualClock } from '../platform/clock.js';
import { sequentialIds } from '../platform/ids.js';
import { RoutingEngine, type RoutingEngineOptions } from './routing-engine.js';
import type { Decision } from './types.js';

export function newEngine(opts: Partial<RoutingEngineOptions> = {}): { engine: RoutingEngine; clock: VirtualClock } {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 8, 0, 0));
  const engine = new RoutingEngine({
    clock,
    ids: sequentialIds('o'),
    skills: ['billing', 'sales', 'spanish', 'tech'],
    ...opts,
  });
  return { engine, clock };
}

/** Everything observable, as plain data. */
export function dump(engine: RoutingEngine): unknown {
  return {
    agents: engine.agentIds().map((id) => engine.agent(id)),
    interactions: engine.liveInteractionIds().map((id) => engine.interaction(id)),
    queues: engine.queueIds().map((id) => engine.queueStats(id)),
    nextDueAt: engine.nextDueAt(),
  };
}

export function offers(ds: Decision[]): Extract<Decision, { kind: 'offer' }>[] {
  return ds.filter((d): d is Extract<Decision, { kind: 'offer' }> => d.kind === 'offer');
}

/** Advances the clock to `ms` after start-of-call and processes everything due on the way. */
export function runUntil(engine: RoutingEngine, clock: VirtualClock, t: number): Decision[] {
  const out: Decision[] = [];
  for (;;) {
    const due = engine.nextDueAt();
    if (due === undefined || due > t) break;
    if (due > clock.now()) clock.set(due);
    out.push(...engine.tick());
  }
  if (t > clock.now()) clock.set(t);
  return out;
}
