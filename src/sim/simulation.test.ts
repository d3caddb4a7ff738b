import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../platform/clock.js';
import { Simulation } from './simulation.js';
import { SimErrors } from './sim-errors.js';

void test('the loop moves the virtual clock to each event before its handler runs', () => {
  const clock = new VirtualClock(1_000_000);
  const sim = new Simulation<string>(clock);
  const seen: [string, number, number][] = [];
  sim.schedule(2, 'b');
  sim.schedule(0.5, 'a');
  sim.run(10, (e, s) => {
    seen.push([e, s.nowS, clock.now()]);
    if (e === 'a') s.schedule(1, 'a+1'); // handlers can schedule follow-ups
  });
  assert.deepEqual(seen, [['a', 0.5, 1_000_500], ['a+1', 1.5, 1_001_500], ['b', 2, 1_002_000]]);
  assert.equal(clock.now(), 1_010_000, 'the clock ends at the horizon');
  assert.equal(sim.eventsHandled, 3);
});

void test('events after the horizon stay pending for the next run; stop() ends a run early', () => {
  const sim = new Simulation<number>(new VirtualClock(0));
  for (const t of [1, 2, 3, 20]) sim.schedule(t, t);
  const seen: number[] = [];
  sim.run(10, (e, s) => { seen.push(e); if (e === 2) s.stop(); });
  assert.deepEqual(seen, [1, 2]);
  sim.run(10, (e) => seen.push(e));
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(sim.pending, 1);
  sim.run(Infinity, (e) => seen.push(e));
  assert.deepEqual(seen, [1, 2, 3, 20]);
  assert.equal(sim.nowS, 20);
});

void test('a cancelled event is skipped; scheduling into the past or with a negative delay is refused', () => {
  const sim = new Simulation<string>(new VirtualClock(0));
  const h = sim.schedule(5, 'abandon');
  sim.schedule(1, 'answer');
  const seen: string[] = [];
  sim.run(3, (e, s) => { seen.push(e); s.cancel(h); });
  sim.run(10, (e) => seen.push(e));
  assert.deepEqual(seen, ['answer']);
  assert.throws(() => sim.scheduleAt(2, 'late'), (e: unknown) => SimErrors.is(e, 'SIM_EVENT_IN_PAST'));
  assert.throws(() => sim.schedule(-1, 'late'), (e: unknown) => SimErrors.is(e, 'SIM_INVALID_INPUT'));
});
