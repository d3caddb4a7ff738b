import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../platform/clock.js';
import { DailyRollover } from './daily-rollover.js';

const at = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();

function rollover(clock: VirtualClock, zones: string[]) {
  const days: string[] = [];
  const r = new DailyRollover({ clock, zones: () => zones, onNewDay: (zone, dayStart) => days.push(`${zone} ${iso(dayStart)}`) });
  return { r, days };
}

test('the day turns at each zone\'s own midnight on the clock, DST days included, once per day', () => {
  // 23:59 EST on Saturday 7 March 2026; New York springs forward at 02:00 on Sunday.
  const clock = new VirtualClock(at('2026-03-08T04:59:00Z'));
  const { r, days } = rollover(clock, ['America/New_York', 'Europe/London']);
  r.start();
  assert.deepEqual(days, [], 'starting is not a new day');
  clock.set(at('2026-03-08T04:59:59.999Z'));
  r.check();
  assert.deepEqual(days, []);
  clock.set(at('2026-03-08T05:00:00Z'));
  r.check();
  r.check();
  assert.deepEqual(days, ['America/New_York 2026-03-08T05:00:00.000Z'], 'New York\'s midnight, once');
  // Sunday lasts 23 h in New York: its next day starts 23 h later, at 04:00 UTC (London's turned at 00:00 UTC before).
  clock.set(at('2026-03-09T03:59:00Z'));
  r.check();
  assert.deepEqual(days.slice(1), ['Europe/London 2026-03-09T00:00:00.000Z']);
  clock.set(at('2026-03-09T04:00:00Z'));
  r.check();
  assert.deepEqual(days.slice(2), ['America/New_York 2026-03-09T04:00:00.000Z']);
  r.stop();
});

test('a clock that jumps over several hours turns the day once, with the new day\'s start', () => {
  const clock = new VirtualClock(at('2026-11-01T03:00:00Z')); // 23:00 EDT on 31 October
  const { r, days } = rollover(clock, ['America/New_York']);
  r.start();
  clock.set(at('2026-11-01T17:00:00Z')); // through the 25-hour day's midnight and its repeated 01:00
  r.check();
  assert.deepEqual(days, ['America/New_York 2026-11-01T04:00:00.000Z']);
  r.stop();
});

test('the timer wakes at the next local midnight by the clock, and not after stop', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const clock = new VirtualClock(at('2026-01-05T04:59:30Z')); // 23:59:30 in New York
  const { r, days } = rollover(clock, ['America/New_York']);
  r.start();
  clock.advance(29_000);
  t.mock.timers.tick(29_000);
  assert.deepEqual(days, [], 'not yet midnight');
  clock.advance(1_000);
  t.mock.timers.tick(1_000);
  assert.deepEqual(days, ['America/New_York 2026-01-05T05:00:00.000Z']);
  r.stop();
  clock.advance(24 * 3600_000);
  t.mock.timers.tick(24 * 3600_000);
  assert.equal(days.length, 1, 'a stopped rollover never fires');
});

test('a zone first seen mid-day is only noted; a zone no longer watched is forgotten', () => {
  const clock = new VirtualClock(at('2026-01-05T12:00:00Z'));
  const zones = ['UTC'];
  const days: string[] = [];
  const r = new DailyRollover({ clock, zones: () => zones, onNewDay: (zone) => days.push(zone) });
  r.start();
  zones.push('Asia/Tokyo');
  r.check();
  assert.deepEqual(days, []);
  clock.set(at('2026-01-05T15:00:00Z')); // midnight in Tokyo
  r.check();
  assert.deepEqual(days, ['Asia/Tokyo']);
  zones.pop();
  r.check();
  clock.set(at('2026-01-06T15:00:00Z'));
  zones.push('Asia/Tokyo');
  r.check();
  assert.deepEqual(days, ['Asia/Tokyo', 'UTC'], 'Tokyo, watched again mid-day, is noted again, not turned');
  r.stop();
});

test('started for figures taken just before midnight, a midnight passed since turns the day at once', () => {
  const clock = new VirtualClock(at('2026-01-05T23:59:59.900Z'));
  const { r, days } = rollover(clock, ['UTC']);
  const takenAt = clock.now();
  clock.advance(200); // the rebuild took a moment
  r.start(takenAt);
  assert.deepEqual(days, ['UTC 2026-01-06T00:00:00.000Z']);
  r.stop();
});
