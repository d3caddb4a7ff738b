import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInt, isCountryCode, isTimeZone, knownTimeZones, parseIntInRange, requireFields, type FieldErrors } from './validate.js';

void test('required fields: blank strings and nulls are flagged, others pass', () => {
  const errors: FieldErrors = {};
  requireFields({ name: '  ', code: 'ACME', site_id: null as string | null }, ['name', 'code', 'site_id'], errors);
  assert.deepEqual(errors, { name: 'Required', site_id: 'Required' });
});

void test('whole numbers are range-checked with a message a person understands', () => {
  assert.equal(parseIntInRange('7', 1, 10), 7);
  assert.equal(parseIntInRange('', 1, 10), 'Required');
  assert.equal(parseIntInRange('2.5', 1, 10), 'Enter a whole number');
  assert.equal(parseIntInRange('11', 1, 10), 'Must be between 1 and 10');
  const errors: FieldErrors = {};
  assert.equal(checkInt(errors, 'max_wait_s', '-1', 0), null);
  assert.deepEqual(errors, { max_wait_s: 'Must be at least 0' });
});

void test('country codes and time zones', () => {
  assert.ok(isCountryCode('us'));
  assert.ok(!isCountryCode('USA'));
  assert.ok(isTimeZone('America/New_York'));
  assert.ok(!isTimeZone('Mars/Olympus'));
  assert.ok(knownTimeZones().includes('Europe/London'));
});
