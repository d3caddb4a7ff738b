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

test('a caller confined to teams gets agent events only for agents of those teams; other events stay client-scoped', () => {
  const teamX: Caller = { ...caller('supervisor', ['A']), scope: { all: false, clientIds: new Set(['A']), teamIds: new Set(['X']) } };
  const agentEvent = (type: string, teamId: unknown) => ({ type, at: 'x', client_ids: ['A'], data: { agent_id: 'a1', team_id: teamId } });
  assert.equal(mayReceive(teamX, agentEvent('agent.state', 'X')), true);
  assert.equal(mayReceive(teamX, agentEvent('agent.state', 'Y')), false);
  assert.equal(mayReceive(teamX, agentEvent('agent.work', null)), false, 'an agent without a team is nobody\'s');
  assert.equal(mayReceive(teamX, { type: 'agent.state', at: 'x', client_ids: ['A'], data: { agent_id: 'a1' } }), false, 'untagged: not sent');
  assert.equal(mayReceive(teamX, { ...agentEvent('agent.state', 'X'), client_ids: ['B'] }), false, 'the client still applies');
  assert.equal(mayReceive(teamX, { type: 'queue.stats', at: 'x', client_id: 'A', data: {} }), true, 'queue figures: client-scoped only');
  assert.equal(mayReceive(caller('supervisor', ['A']), agentEvent('agent.state', 'Y')), true, 'not confined to teams: every team');
});

test('editing a user closes that user\'s sockets (they reconnect with the new scope), not the others\'', () => {
  const bus = new EventBus();
  const fanout = new EventFanout(bus);
  const socket = () => {
    const s = { sent: [] as string[], closed: [] as number[], bufferedAmount: 0, send(m: string) { s.sent.push(m); }, close(code: number) { s.closed.push(code); } };
    return s;
  };
  const mine = socket(), theirs = socket();
  fanout.add(mine as unknown as WebSocket, { ...caller('supervisor', ['A']), userId: 'u1' });
  fanout.add(theirs as unknown as WebSocket, caller('admin'));
  bus.publish({ type: 'admin.user.update', at: 'x', data: { id: 'u1' } });
  assert.deepEqual([mine.closed, theirs.closed], [[4001], []]);
  bus.publish({ type: 'queue.stats', at: 'x', client_id: 'A', data: {} });
  assert.equal(mine.sent.length, 0, 'a closed socket gets nothing more');
  assert.equal(theirs.sent.length, 2);
  fanout.stop();
});
