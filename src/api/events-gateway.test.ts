import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { EventBus } from '../platform/event-bus.js';
import { EVERY_CLIENT, type Caller } from './access.js';
import { EventFanout, mayReceive } from './events-gateway.js';

const caller = (role: Caller['role'], clients?: string[]): Caller => ({ userId: 'u', email: 'e', name: 'n', role, via: 'session', ip: '',
  scope: clients ? { all: false, clientIds: new Set(clients) } : EVERY_CLIENT });
const ev = (extra: object) => ({ type: 't', at: 'x', data: {}, ...extra });

test('agent events (several clients) reach staff of any of those clients, never client viewers', () => {
  const e = ev({ client_ids: ['A', 'B'] });
  assert.equal(mayReceive(caller('supervisor', ['B']), e), true);
  assert.equal(mayReceive(caller('supervisor', ['C']), e), false);
  assert.equal(mayReceive(caller('admin'), e), true);
  assert.equal(mayReceive(caller('client_viewer', ['A']), e), false);
  assert.equal(mayReceive(caller('supervisor', ['C']), ev({ client_id: 'C', client_ids: ['A'] })), true, 'client_id wins');
});

test('the fan-out sends each event once serialised to the sockets that may see it, and drops a socket that lets data back up', () => {
  const bus = new EventBus();
  const fanout = new EventFanout(bus);
  const socket = (buffered = 0) => {
    const s = { sent: [] as string[], closed: 0, bufferedAmount: buffered, send(m: string) { s.sent.push(m); }, close() { s.closed++; } };
    return s;
  };
  const a = socket(), b = socket(), other = socket(), slow = socket(2 << 20);
  fanout.add(a as unknown as WebSocket, caller('supervisor', ['A']));
  fanout.add(b as unknown as WebSocket, caller('admin'));
  fanout.add(other as unknown as WebSocket, caller('supervisor', ['B']));
  const offSlow = fanout.add(slow as unknown as WebSocket, caller('admin'));
  bus.publish({ type: 'queue.stats', at: 'x', client_id: 'A', data: { waiting: 1 } });
  assert.deepEqual([a.sent.length, b.sent.length, other.sent.length, slow.sent.length, slow.closed], [1, 1, 0, 0, 1]);
  assert.equal(a.sent[0], b.sent[0]);
  assert.deepEqual(JSON.parse(a.sent[0]), { type: 'queue.stats', at: 'x', client_id: 'A', data: { waiting: 1 } });
  offSlow();
  fanout.encode = 'per_socket';
  bus.publish({ type: 'agent.state', at: 'y', client_ids: ['B'], data: {} });
  assert.deepEqual([a.sent.length, b.sent.length, other.sent.length], [1, 2, 1]);
  fanout.stop();
  assert.equal(bus.size, 0);
});
