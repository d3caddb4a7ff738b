import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from './clock.js';

test('virtual clock moves only forward, by what it is told', () => {
  const c = new VirtualClock(1000);
  assert.equal(c.now(), 1000);
  c.advance(250);
  assert.equal(c.now(), 1250);
  assert.throws(() => c.advance(-1), RangeError);
  assert.throws(() => c.advance(Number.NaN), RangeError);
  assert.throws(() => c.set(10), RangeError);
});
