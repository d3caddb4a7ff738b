import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILE_WINDOW_MS, RollingCounter, ukAbandonmentRate, usAbandonmentRate } from './compliance.js';
import { DialerErrors } from './dialer-errors.js';

void test('US: abandoned live answers plus AMD false positives, over every live answer', () => {
  assert.equal(usAbandonmentRate({ abandonedLive: 3, amdFalsePositives: 2, liveAnswers: 200 }), 0.025);
  assert.equal(usAbandonmentRate({ abandonedLive: 0, amdFalsePositives: 0, liveAnswers: 0 }), 0, 'no live answers: nothing abandoned');
});

void test('US: impossible counts are refused with a stable code', () => {
  assert.throws(() => usAbandonmentRate({ abandonedLive: 5, amdFalsePositives: 1, liveAnswers: 4 }), (e) => DialerErrors.is(e, 'DIALER_INVALID_INPUT'));
  assert.throws(() => usAbandonmentRate({ abandonedLive: -1, amdFalsePositives: 0, liveAnswers: 4 }), (e) => DialerErrors.is(e, 'DIALER_INVALID_INPUT'));
});

void test('UK: the machine share seen at agents is removed from drops, false positives are added', () => {
  // 10 % of connects were machines, so 9 of the 10 drops are taken as live;
  // abandoned = 9 + 2 FP = 11 over live = 270 connected persons + 11.
  const rate = ukAbandonmentRate({ drops: 10, agentConnects: 300, machineConnects: 30, amdFalsePositives: 2 });
  assert.ok(Math.abs(rate - 11 / 281) < 1e-12, String(rate));
  // With no machines reaching agents every drop counts in full.
  assert.ok(Math.abs(ukAbandonmentRate({ drops: 3, agentConnects: 97, machineConnects: 0, amdFalsePositives: 0 }) - 0.03) < 1e-12);
});

void test('the US window remembers 30 days, the UK window 24 hours', () => {
  const day = 86_400_000;
  const us = new RollingCounter(PROFILE_WINDOW_MS.US);
  const uk = new RollingCounter(PROFILE_WINDOW_MS.UK);
  for (const c of [us, uk]) { c.add(0, 5); c.add(2 * day, 1); }
  assert.equal(us.total(29 * day), 6);
  assert.equal(uk.total(2 * day + 1000), 1, 'the UK window forgot the calls of two days ago');
  assert.equal(us.total(31 * day), 1, 'the US window forgot the calls of 31 days ago');
  assert.equal(us.total(40 * day), 0);
});
