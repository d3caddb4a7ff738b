import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOfDay, timeInStates } from './time-in-state.js';

const t = (hhmmss: string) => new Date(`2026-11-23T${hhmmss}Z`);

test('time in each state adds up the log between its changes, up to now', () => {
  const s = timeInStates(undefined, [
    { state: 'available', at: t('09:00:00') }, { state: 'reserved', at: t('09:10:00') }, { state: 'busy', at: t('09:10:05') },
    { state: 'wrap_up', at: t('09:15:05') }, { state: 'available', at: t('09:15:35') }, { state: 'aux', at: t('10:00:00') },
  ], t('00:00:00'), t('10:30:00'));
  assert.deepEqual(s, { offline_s: 9 * 3600, available_s: 600 + 2665, reserved_s: 5, busy_s: 300, wrap_up_s: 30, aux_s: 1800 });
  assert.equal(Object.values(s).reduce((a, b) => a + b, 0), 10.5 * 3600, 'every second of the day is in one state');
});

test('a shift that began before midnight counts from the start of the day in the state it was in', () => {
  const s = timeInStates({ state: 'available', at: new Date('2026-11-22T22:00:00Z') }, [{ state: 'offline', at: t('01:00:00') }], t('00:00:00'), t('02:00:00'));
  assert.equal(s.available_s, 3600);
  assert.equal(s.offline_s, 3600);
});

test('today starts at midnight in the agent\'s site time zone, daylight saving included', () => {
  assert.equal(startOfDay(new Date('2026-11-23T12:00:00Z'), 'UTC').toISOString(), '2026-11-23T00:00:00.000Z');
  assert.equal(startOfDay(new Date('2026-11-23T03:00:00Z'), 'America/Chicago').toISOString(), '2026-11-22T06:00:00.000Z');
  assert.equal(startOfDay(new Date('2026-11-23T20:00:00Z'), 'Asia/Manila').toISOString(), '2026-11-23T16:00:00.000Z');
  // 2026-03-08: US clocks go forward at 02:00; midnight was still CST (UTC-6).
  assert.equal(startOfDay(new Date('2026-03-08T20:00:00Z'), 'America/Chicago').toISOString(), '2026-03-08T06:00:00.000Z');
});
