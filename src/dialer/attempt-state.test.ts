import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transitionAttempt } from './attempt-state.js';
import { DialerErrors } from './dialer-errors.js';

void test('a live answer waits for an agent, then connects or is abandoned', () => {
  assert.equal(transitionAttempt(transitionAttempt('dialing', 'waiting_for_agent'), 'connected'), 'connected');
  assert.equal(transitionAttempt('waiting_for_agent', 'abandoned'), 'abandoned');
});

void test('illegal moves throw with a stable code: no connect without an answer, nothing after the end', () => {
  for (const [from, to] of [['dialing', 'connected'], ['abandoned', 'connected'], ['busy', 'waiting_for_agent'], ['connected', 'abandoned']] as const) {
    assert.throws(() => transitionAttempt(from, to), (e) => DialerErrors.is(e, 'DIALER_ILLEGAL_TRANSITION'), `${from} -> ${to}`);
  }
});
