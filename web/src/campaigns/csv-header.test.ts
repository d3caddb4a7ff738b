import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvHeader, guessMapping, toLeadMapping } from './csv-header.js';

void test('the header row is read with quotes, a BOM and CRLF', () => {
  assert.deepEqual(csvHeader('\uFEFFPhone Number,"Name, full",tz\r\n1,2,3'), ['Phone Number', 'Name, full', 'tz']);
  assert.deepEqual(csvHeader('"a ""quoted"" col",b\n'), ['a "quoted" col', 'b']);
  assert.deepEqual(csvHeader(''), []);
});

void test('the mapping is guessed from header names; other columns become custom fields', () => {
  const m = guessMapping(['Mobile', 'Full Name', 'TimeZone', 'account', 'balance']);
  assert.deepEqual(m.columns, { phone: 'Mobile', name: 'Full Name', time_zone: 'TimeZone', country: '', priority: '' });
  assert.deepEqual(m.fields, ['account', 'balance']);
  assert.deepEqual(toLeadMapping(m), { phone: 'Mobile', name: 'Full Name', time_zone: 'TimeZone', fields: ['account', 'balance'] });
  assert.equal(guessMapping(['cell', 'who']).columns.phone, '', 'no guess: the user must choose');
});
