import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, INITIAL, type DesktopState } from './desktop-model.js';
import type { CallView, OfferView } from './desktop-types.js';

const offer: OfferView = { interaction_id: 'i1', queue: { id: 'q', name: 'Orders' }, from_number: '+15125550100', attributes: {}, expires_at: '2026-01-01T00:00:20Z', device: 'browser', purpose: 'queue', consult_from: null };
const call: CallView = {
  interaction_id: 'i1', queue: offer.queue, from_number: offer.from_number, attributes: {}, status: 'talking',
  answered_at: '2026-01-01T00:00:05Z', wrap_up_ends_at: null, wrap_up_remaining_s: null, device: 'browser', consult: false, consult_from: null, consulting_with: null, media: 'connected',
};
const hello = (over: Partial<DesktopState> = {}) => apply({ ...INITIAL, ...over }, {
  type: 'hello', agent: { id: 'a', name: 'Ana', extension: '1001' }, state: { state: 'busy', aux_reason: null, since: '2026-01-01T00:00:05Z' },
  device: 'browser', offer: null, call, directory: { agents: [], queues: [] },
});

void test('hello restores everything, also after a reconnect', () => {
  const first = hello();
  assert.equal(first.link, 'open');
  assert.equal(first.call?.status, 'talking');
  assert.equal(first.hellos, 1);
  const again = hello({ ...first, link: 'reconnecting', call: null, notice: 'x' });
  assert.equal(again.link, 'open');
  assert.deepEqual(again.call, call, 'the call is shown again');
  assert.equal(again.hellos, 2);
});

void test('an offer rings until withdrawn or answered; a withdrawal of another offer changes nothing', () => {
  let s = apply(INITIAL, { type: 'offer', offer });
  assert.equal(s.offer?.interaction_id, 'i1');
  assert.equal(apply(s, { type: 'offer_withdrawn', interaction_id: 'other', reason: 'withdrawn' }), s);
  assert.equal(apply(s, { type: 'offer_withdrawn', interaction_id: 'i1', reason: 'declined' }).offer, null);
  s = apply(s, { type: 'call', call });
  assert.equal(s.offer, null, 'answering replaces the ringing offer with the call');
  s = apply(s, { type: 'call', call: { ...call, status: 'wrap_up', wrap_up_ends_at: '2026-01-01T00:01:00Z', wrap_up_remaining_s: 30 } });
  assert.equal(s.call?.status, 'wrap_up');
  assert.equal(apply(s, { type: 'call', call: null }).call, null);
});

void test('a refused action or a protocol error shows as a notice; the next success clears it', () => {
  let s = apply(INITIAL, { type: 'result', of: 'transfer', ok: false, reason: 'the agent has no registered phone' });
  assert.equal(s.notice, 'the agent has no registered phone');
  s = apply(s, { type: 'result', of: 'hold', ok: true });
  assert.equal(s.notice, null);
  assert.equal(apply(INITIAL, { type: 'error', field: 'reason', message: 'is required for aux' }).notice, 'reason: is required for aux');
});
