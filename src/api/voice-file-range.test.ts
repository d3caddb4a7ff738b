import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRange } from './voice-file-range.js';

test('single byte ranges as browsers send them (RFC 9110 §14.1.2)', () => {
  assert.deepEqual(parseRange('bytes=0-', 1000), { start: 0, end: 999 });
  assert.deepEqual(parseRange('bytes=100-199', 1000), { start: 100, end: 199 });
  assert.deepEqual(parseRange('bytes=900-5000', 1000), { start: 900, end: 999 }, 'an end past the file is cut to it');
  assert.deepEqual(parseRange('bytes=-100', 1000), { start: 900, end: 999 }, 'the last 100 bytes');
  assert.deepEqual(parseRange('bytes=-5000', 1000), { start: 0, end: 999 });
});

test('a range past the end is 416; what cannot be read is ignored (whole file)', () => {
  assert.equal(parseRange('bytes=1000-', 1000), 'unsatisfiable');
  assert.equal(parseRange('bytes=-0', 1000), 'unsatisfiable');
  assert.equal(parseRange('bytes=0-', 0), 'unsatisfiable');
  for (const h of [undefined, '', 'bytes=', 'bytes=5-1', 'items=0-1', 'bytes=0-1,5-9', 'bytes=a-b']) assert.equal(parseRange(h, 1000), undefined, String(h));
});
