import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTimeZone } from '../../calls/flows/business-hours.js';
import { localDate, startOfLocalDay, startOfNextLocalDay } from './local-day.js';

const iso = (ms: number) => new Date(ms).toISOString();

test('a day in New York starts at local midnight, 23 h long on spring-forward day and 25 h on fall-back day', () => {
  const ny = 'America/New_York';
  assert.equal(localDate(Date.parse('2026-03-08T04:59:59Z'), ny), '2026-03-07');
  assert.equal(iso(startOfLocalDay(Date.parse('2026-03-08T12:00:00Z'), ny)), '2026-03-08T05:00:00.000Z', 'EST midnight');
  assert.equal(iso(startOfNextLocalDay(Date.parse('2026-03-08T12:00:00Z'), ny)), '2026-03-09T04:00:00.000Z', 'EDT midnight, 23 h later');
  assert.equal(iso(startOfLocalDay(Date.parse('2026-11-01T23:00:00Z'), ny)), '2026-11-01T04:00:00.000Z');
  assert.equal(iso(startOfNextLocalDay(Date.parse('2026-11-01T23:00:00Z'), ny)), '2026-11-02T05:00:00.000Z', '25 h later');
});

test('a day whose midnight does not exist starts at its first instant (Santiago springs forward at 24:00)', () => {
  const scl = 'America/Santiago';
  assert.equal(iso(startOfNextLocalDay(Date.parse('2026-09-05T20:00:00Z'), scl)), '2026-09-06T04:00:00.000Z', '01:00 local');
  assert.equal(iso(startOfLocalDay(Date.parse('2026-09-06T15:00:00Z'), scl)), '2026-09-06T04:00:00.000Z');
});

test('half-hour zones, the exact boundary, and unknown zones', () => {
  assert.equal(iso(startOfLocalDay(Date.parse('2026-01-05T18:29:59.999Z'), 'Asia/Kolkata')), '2026-01-04T18:30:00.000Z');
  assert.equal(iso(startOfLocalDay(Date.parse('2026-01-05T18:30:00Z'), 'Asia/Kolkata')), '2026-01-05T18:30:00.000Z');
  assert.equal(iso(startOfNextLocalDay(Date.parse('2026-01-05T00:00:00Z'), 'UTC')), '2026-01-06T00:00:00.000Z');
  assert.equal(isTimeZone('Europe/London'), true);
  assert.equal(isTimeZone('Mars/Olympus_Mons'), false);
});
