import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPolicy } from './create-policy.js';
import { DialerErrors } from './dialer-errors.js';
import { progressivePolicy, ratioPolicy } from './fixed-policies.js';
import type { CampaignSnapshot } from './pacing-types.js';

const snap = (free: number, inFlight: number, waiting = 0): CampaignSnapshot => ({
  agentsLoggedIn: 10, freeAgents: free, busyAgents: [], callsWaitingForAgent: waiting,
  callsInFlight: Array.from({ length: inFlight }, () => ({ placedAtMs: 0 })),
});

void test('progressive keeps one call in flight per free agent not already claimed', () => {
  const p = progressivePolicy();
  assert.equal(p.decide(snap(3, 1), 0).dial, 2);
  assert.equal(p.decide(snap(3, 0, 2), 0).dial, 1, 'two free agents are about to take waiting answers');
  assert.equal(p.decide(snap(1, 4), 0).dial, 0);
});

void test('a fixed ratio keeps round(ratio × free) calls in flight', () => {
  assert.equal(ratioPolicy(1.3).decide(snap(1, 0), 0).dial, 1);
  assert.equal(ratioPolicy(1.3).decide(snap(3, 1), 0).dial, 3);
  assert.equal(ratioPolicy(2).decide(snap(4, 2), 0).dial, 6);
  assert.equal(ratioPolicy(3).decide(snap(0, 0), 0).dial, 0, 'no free agent, no call');
});

void test('policies are built from their names; bad names and ratios are refused', () => {
  const ctx = { compliance: 'US' as const, connectDeadlineS: 2, amdFalsePositiveRate: 0 };
  assert.deepEqual(['progressive', 'ratio:1.6', 'vicidial-adapt-hard-limit', 'switchboard'].map((n) => createPolicy(n, ctx).name),
    ['progressive', 'ratio:1.6', 'vicidial-adapt-hard-limit', 'switchboard']);
  for (const bad of ['ratio:', 'ratio:0.5', 'predictive', 'ratio:abc']) {
    assert.throws(() => createPolicy(bad, ctx), (e) => DialerErrors.is(e, 'DIALER_INVALID_POLICY'), bad);
  }
});
