import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMessage } from './protocol.js';

// What the desktop page may send: each refusal names the field the agent's
// page got wrong, so a bug in the page shows up as a clear `error` message.

const ID = '7d0c4c1e-3b1a-4b8e-9f51-0a4f3c2b1d00';

function refused(raw: unknown): { field: string; message: string } {
  const r = parseClientMessage(typeof raw === 'string' ? raw : JSON.stringify(raw));
  assert.equal(r.ok, false, `refused: ${JSON.stringify(raw)}`);
  return (r as { error: { field: string; message: string } }).error;
}

void test('well-formed messages pass with their fields', () => {
  const ok = [
    { type: 'state', state: 'available' },
    { type: 'state', state: 'aux', reason: 'Lunch' },
    { type: 'device', device: 'sip_phone' },
    { type: 'answer', interaction_id: ID, sdp: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n' },
    { type: 'transfer', interaction_id: ID, mode: 'blind', to: { kind: 'queue', queue_id: ID } },
    { type: 'transfer', interaction_id: ID, mode: 'warm', to: { kind: 'number', number: '+15125550100' } },
    { type: 'end_wrap_up', interaction_id: ID },
    { type: 'ping' },
  ];
  for (const m of ok) {
    const r = parseClientMessage(JSON.stringify(m));
    assert.ok(r.ok, `${JSON.stringify(m)}: ${JSON.stringify(r)}`);
    assert.equal(r.message.type, m.type);
  }
});

void test('a bad message is refused naming the field, never thrown', () => {
  assert.deepEqual(refused('not json'), { field: '(message)', message: 'must be JSON' });
  assert.equal(refused({ type: 'dance' }).field, 'type');
  assert.match(refused({ type: 'dance' }).message, /one of state, device, answer/);
  assert.equal(refused([1, 2]).field, 'type');
  assert.equal(refused(null).field, 'type');
  assert.deepEqual(refused({ type: 'state', state: 'aux' }), { field: 'reason', message: 'is required for aux' });
  assert.equal(refused({ type: 'state', state: 'asleep' }).field, 'state');
  assert.equal(refused({ type: 'hold', interaction_id: 'abc' }).field, 'interaction_id');
  assert.equal(refused({ type: 'answer', interaction_id: ID, sdp: 'hello there, this is no SDP at all' }).field, 'sdp');
  assert.equal(refused({ type: 'transfer', interaction_id: ID, mode: 'warm', to: { kind: 'queue', queue_id: ID } }).field, 'mode');
  assert.deepEqual(refused({ type: 'transfer', interaction_id: ID, mode: 'blind', to: { kind: 'moon' } }), { field: 'to.kind', message: 'must be agent, queue or number' });
  assert.equal(refused({ type: 'transfer', interaction_id: ID, mode: 'blind', to: { kind: 'number', number: 'call me' } }).field, 'to.number');
  assert.equal(refused({ type: 'ping', pad: 'x'.repeat(40_000) }).field, '(message)');
});
