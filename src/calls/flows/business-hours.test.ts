import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoursState, localTime, type BusinessHours } from './business-hours.js';

const chicago: BusinessHours = {
  timeZone: 'America/Chicago',
  weekly: { mon: [['08:00', '20:00']], sat: [['22:00', '02:00']] },
  holidays: ['2026-12-25'],
};

test('local time follows the zone, daylight saving included', () => {
  // 14:30 UTC is 08:30 in Chicago in January (CST, UTC-6) and 09:30 in July (CDT, UTC-5).
  assert.deepEqual(localTime(Date.UTC(2026, 0, 5, 14, 30), 'America/Chicago'), { weekday: 'mon', date: '2026-01-05', minuteOfDay: 8 * 60 + 30 });
  assert.equal(localTime(Date.UTC(2026, 6, 6, 14, 30), 'America/Chicago').minuteOfDay, 9 * 60 + 30);
  // 23:30 UTC on Sunday is already Monday in Tokyo.
  assert.equal(localTime(Date.UTC(2026, 0, 4, 23, 30), 'Asia/Tokyo').weekday, 'mon');
});

test('open inside the range in the client zone, closed just outside it', () => {
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 5, 14, 0)), 'open'); // Mon 08:00 CST
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 5, 13, 59)), 'closed'); // Mon 07:59
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 6, 2, 0)), 'closed'); // Mon 20:00: the end is exclusive
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 6, 15, 0)), 'closed'); // Tuesday: no hours
});

test('a range past midnight spills into the next morning', () => {
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 11, 4, 30)), 'open'); // Sat 22:30 → Sun 04:30 UTC
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 11, 7, 30)), 'open'); // Sun 01:30 local
  assert.equal(hoursState(chicago, Date.UTC(2026, 0, 11, 8, 30)), 'closed'); // Sun 02:30 local
});

test('a holiday is judged on the local date', () => {
  // Christmas is a Friday; 03:00 UTC on the 26th is still the 25th in Chicago.
  assert.equal(hoursState(chicago, Date.UTC(2026, 11, 26, 3, 0)), 'holiday');
  assert.equal(hoursState({ ...chicago, timeZone: 'UTC' }, Date.UTC(2026, 11, 26, 3, 0)), 'closed');
});
