import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { User } from '../api/types.js';
import { initialSession, transition, transitionIfAllowed, IllegalSessionTransition } from './session-state.js';

const user: User = {
  id: 'u1', email: 'a@example.com', name: 'Ada', role: 'admin', client_ids: [], team_ids: [],
  disabled: false, created_at: '', updated_at: '',
};

void test('a restored session is signed in; logout signs out; login signs back in', () => {
  let s = transition(initialSession, { type: 'restore', user });
  assert.equal(s.status, 'signed_in');
  assert.equal(s.user?.name, 'Ada');
  s = transition(s, { type: 'logout' });
  assert.deepEqual(s, { status: 'signed_out', user: null, notice: null });
  s = transition(s, { type: 'login', user });
  assert.equal(s.status, 'signed_in');
});

void test('an expired session says why the user must log in again', () => {
  const s = transition(transition(initialSession, { type: 'restore', user }), { type: 'expire' });
  assert.equal(s.status, 'signed_out');
  assert.match(s.notice ?? '', /session ended/);
});

void test('an unreachable server can be retried', () => {
  const s = transition(initialSession, { type: 'fail', message: 'Cannot reach the server' });
  assert.equal(s.status, 'unreachable');
  assert.equal(transition(s, { type: 'retry' }).status, 'loading');
});

void test('illegal moves throw; the lenient variant ignores them', () => {
  assert.throws(() => transition(initialSession, { type: 'logout' }), IllegalSessionTransition);
  const out = transition(initialSession, { type: 'anonymous' });
  assert.throws(() => transition(out, { type: 'expire' }), /cannot expire while signed_out/);
  assert.equal(transitionIfAllowed(out, { type: 'expire' }), out);
});
