import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presenceChanges } from './agent-schedule.js';

const H = 3600;

void test('a day shift with a lunch break, run from midnight', () => {
  const c = presenceChanges({ start: '08:00', end: '17:00', breaks: [{ start: '12:00', end: '12:30', reason: 'lunch' }] }, 0, 24 * H);
  assert.deepEqual(c, [
    { atS: 8 * H, kind: 'login' },
    { atS: 12 * H, kind: 'break_start', reason: 'lunch' },
    { atS: 12.5 * H, kind: 'break_end' },
    { atS: 17 * H, kind: 'logout' },
  ]);
});

void test('times are of the day: a run starting at 08:00 sees the shift from its first second', () => {
  const c = presenceChanges({ start: '08:00', end: '10:00', breaks: [] }, 8 * H, 4 * H);
  assert.deepEqual(c, [{ atS: 0, kind: 'login' }, { atS: 2 * H, kind: 'logout' }]);
});

void test('a night shift crossing midnight, already under way when the run starts, repeats the next night', () => {
  const c = presenceChanges({ start: '22:00', end: '06:00', breaks: [{ start: '02:00', end: '02:30', reason: 'break' }] }, 0, 30 * H);
  assert.deepEqual(c, [
    { atS: 0, kind: 'login' },
    { atS: 2 * H, kind: 'break_start', reason: 'break' },
    { atS: 2.5 * H, kind: 'break_end' },
    { atS: 6 * H, kind: 'logout' },
    { atS: 22 * H, kind: 'login' },
    { atS: 26 * H, kind: 'break_start', reason: 'break' },
    { atS: 26.5 * H, kind: 'break_end' },
    { atS: 30 * H, kind: 'logout' },
  ]);
});

void test('a run that starts during a break logs the agent in straight into aux', () => {
  const c = presenceChanges({ start: '08:00', end: '17:00', breaks: [{ start: '12:00', end: '13:00', reason: 'lunch' }] }, 12.5 * H, 2 * H);
  assert.deepEqual(c, [{ atS: 0, kind: 'login', auxReason: 'lunch' }, { atS: 0.5 * H, kind: 'break_end' }]);
});

void test('round-the-clock shifts merge into one login; no schedule means logged in throughout', () => {
  assert.deepEqual(presenceChanges({ start: '00:00', end: '24:00', breaks: [] }, 0, 72 * H), [{ atS: 0, kind: 'login' }]);
  assert.deepEqual(presenceChanges(undefined, 0, 72 * H), [{ atS: 0, kind: 'login' }]);
});
