import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.js';
import { CampaignErrors } from './campaign-errors.js';

test('plain rows, with their line numbers', () => {
  assert.deepEqual(parseCsv('phone,name\n+12125550100,Ann\n'), [
    { line: 1, cells: ['phone', 'name'] },
    { line: 2, cells: ['+12125550100', 'Ann'] },
  ]);
});

test('quoted fields hold commas, quotes and line breaks; later line numbers stay right', () => {
  const rows = parseCsv('a,b\r\n"Smith, Ann","say ""hi""\r\nthere"\r\nx,\r\n');
  assert.deepEqual(rows, [
    { line: 1, cells: ['a', 'b'] },
    { line: 2, cells: ['Smith, Ann', 'say "hi"\r\nthere'] },
    { line: 4, cells: ['x', ''] },
  ]);
});

test('a BOM is ignored, blank lines give no record, the last line needs no newline', () => {
  assert.deepEqual(parseCsv('\ufeffphone\n\n\n555\n'), [{ line: 1, cells: ['phone'] }, { line: 4, cells: ['555'] }]);
  assert.deepEqual(parseCsv('a,b'), [{ line: 1, cells: ['a', 'b'] }]);
  assert.deepEqual(parseCsv(''), []);
});

test('a lone comma line is a record of two empty cells, not a blank line', () => {
  assert.deepEqual(parseCsv(',\n'), [{ line: 1, cells: ['', ''] }]);
  assert.deepEqual(parseCsv('""\n'), [{ line: 1, cells: [''] }]);
});

test('an unterminated quote is an error naming the line where it opened', () => {
  assert.throws(() => parseCsv('a\n"open,\nmore\n'), (e) => CampaignErrors.is(e, 'CSV_MALFORMED') && (e.details as { line: number }).line === 2);
});

test('old Mac CR line ends count as lines', () => {
  assert.deepEqual(parseCsv('a\rb\r'), [{ line: 1, cells: ['a'] }, { line: 2, cells: ['b'] }]);
});
