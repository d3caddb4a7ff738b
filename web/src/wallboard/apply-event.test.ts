import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, elapsed } from './apply-event.js';
import type { Wallboard } from './wallboard-types.js';

const board: Wallboard = {
  queues: [{ id: 'q1', name: 'Orders', client_id: 'c', channel: 'voice', sl_threshold_s: 20, sl_target: 0.8, waiting: 0, longest_wait_s: 0,
    agents_by_state: { offline: 1, available: 0, reserved: 0, busy: 0, wrap_up: 0, aux: 0 }, offered: 0, answered: 0, abandoned: 0, service_level: null, asa_s: null, aht_s: null }],
  agents: [{ id: 'a1', name: 'Ana', extension: '1001', state: 'offline', aux_reason: null, since: '2026-01-01T00:00:00Z' }],
};

test('queue and agent events update the figures they name, and nothing else', () => {
  const b1 = applyEvent(board, { type: 'queue.stats', at: 'x', data: { queue_id: 'q1', waiting: 3, service_level: 0.75 } });
  assert.equal(b1.queues[0].waiting, 3);
  assert.equal(b1.queues[0].service_level, 0.75);
  assert.equal(b1.queues[0].name, 'Orders');
  const b2 = applyEvent(b1, { type: 'agent.state', at: '2026-01-01T00:01:00Z', data: { agent_id: 'a1', to: 'aux', aux_reason: 'lunch' } });
  assert.deepEqual([b2.agents[0].state, b2.agents[0].aux_reason, b2.agents[0].since], ['aux', 'lunch', '2026-01-01T00:01:00Z']);
  assert.equal(applyEvent(b2, { type: 'queue.stats', at: 'x', data: { queue_id: 'other', waiting: 9 } }), b2, 'unknown queue: unchanged');
  assert.equal(board.queues[0].waiting, 0, 'the input is not mutated');
});

test('elapsed time reads like a clock', () => {
  assert.equal(elapsed('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:01:05Z')), '1:05');
  assert.equal(elapsed('2026-01-01T00:00:00Z', Date.parse('2026-01-01T02:00:09Z')), '2:00:09');
});
