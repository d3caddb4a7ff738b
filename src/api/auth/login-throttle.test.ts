import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../platform/clock.js';
import { LoginThrottle } from './login-throttle.js';

test('after the free attempts, each failure doubles the wait; success clears it', () => {
  const clock = new VirtualClock(0);
  const t = new LoginThrottle(clock, { freeAttempts: 3, windowMs: 60_000, baseDelayMs: 1000, maxDelayMs: 8000 });
  const k = ['acct:a@x', 'ip:1.2.3.4'];
  for (let i = 0; i < 3; i++) { assert.equal(t.retryAfterMs(k), 0); t.fail(k); }
  assert.equal(t.retryAfterMs(k), 1000);
  clock.advance(1000); t.fail(k);
  assert.equal(t.retryAfterMs(k), 2000);
  for (let i = 0; i < 5; i++) t.fail(k);
  assert.equal(t.retryAfterMs(k), 8000, 'capped');
  t.succeed(['acct:a@x']);
  assert.equal(t.retryAfterMs(['acct:a@x']), 0);
  assert.ok(t.retryAfterMs(['ip:1.2.3.4']) > 0, 'the source address stays throttled');
  clock.advance(61_000);
  assert.equal(t.retryAfterMs(k), 0, 'the window expires');
});
