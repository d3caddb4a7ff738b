import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusinessHours } from '../voice-types.js';
import { daySegments, hoursBody, hoursDraft, isOvernight, validateHours } from './business-hours-model.js';

const row: BusinessHours = {
  id: 'h1', client_id: 'c1', disabled: false, created_at: '', updated_at: '',
  weekly: { mon: [['08:00', '12:00'], ['13:00', '20:00']], sat: [['09:00', '17:00']] },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-01-01' }],
};

void test('a new client starts Monday to Friday, nine to five; a stored row round-trips, closed days omitted', () => {
  const d = hoursDraft(null);
  assert.deepEqual(d.weekly.mon, [{ start: '09:00', end: '17:00' }]);
  assert.deepEqual(d.weekly.sun, []);
  assert.deepEqual(hoursBody(hoursDraft(row)), {
    weekly: { mon: [['08:00', '12:00'], ['13:00', '20:00']], sat: [['09:00', '17:00']] },
    holidays: [{ date: '2026-01-01' }, { date: '2026-12-25', name: 'Christmas Day' }],
  });
  assert.deepEqual(validateHours(hoursDraft(row)), {});
});

void test('bad times, overlapping ranges, bad and repeated holiday dates are named by path', () => {
  const d = hoursDraft(row);
  d.weekly.mon = [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '14:00' }, { start: '9', end: '10:00' }];
  d.weekly.fri = [{ start: '22:00', end: '02:00' }, { start: '23:00', end: '23:30' }];
  d.holidays = [{ date: '2026-02-30', name: '' }, { date: '2026-12-25', name: 'a' }, { date: '2026-12-25', name: 'b' }];
  assert.deepEqual(validateHours(d), {
    'weekly.mon.1': 'Overlaps another range that day',
    'weekly.mon.2': 'Times are HH:MM, 00:00–23:59',
    'weekly.fri.1': 'Overlaps another range that day',
    'holidays.0.date': 'A date, YYYY-MM-DD',
    'holidays.2.date': 'Listed twice',
  });
});

void test('an overnight range (end before start) is allowed and drawn until midnight', () => {
  const night = { start: '22:00', end: '06:00' };
  assert.ok(isOvernight(night));
  const d = hoursDraft(null);
  d.weekly.sat = [night];
  assert.deepEqual(validateHours(d), {});
  assert.deepEqual(daySegments([{ start: '06:00', end: '12:00' }, night]), [{ left: 25, width: 25 }, { left: 22 / 24 * 100, width: 2 / 24 * 100 }]);
});
