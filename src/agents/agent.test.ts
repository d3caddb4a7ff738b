import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, deriveAgentState } from './agent.js';
import { AgentStateMachine } from './agent-state.js';

const cap = { voice: 1, chat: 3, callback: 0, work_item: 1 };

test('the state machine refuses moves the diagram forbids, and changes nothing', () => {
  const m = new AgentStateMachine(0);
  assert.throws(() => m.transition('busy', 1), { code: 'ILLEGAL_AGENT_TRANSITION' });
  assert.equal(m.state, 'offline');
  m.transition('available', 2);
  assert.throws(() => m.transition('wrap_up', 3), { code: 'ILLEGAL_AGENT_TRANSITION' });
  m.transition('aux', 4, 'lunch');
  assert.throws(() => m.transition('reserved', 5), { code: 'ILLEGAL_AGENT_TRANSITION' });
  assert.deepEqual(
    m.history().map((t) => [t.from, t.to, t.at, t.auxReason]),
    [
      ['offline', 'available', 2, undefined],
      ['available', 'aux', 4, 'lunch'],
    ],
  );
  assert.equal(m.stateAt(3), 'available');
  assert.equal(m.stateAt(1), 'offline');
});

test('history keeps the latest 16 transitions, timestamped', () => {
  const m = new AgentStateMachine(0);
  for (let t = 1; t <= 40; t++) m.transition(t % 2 ? 'available' : 'aux', t, 'break');
  const h = m.history();
  assert.equal(h.length, 16);
  assert.equal(h[0].at, 25);
  assert.equal(h[15].at, 40);
  assert.equal(m.stateAt(10), undefined, 'older than the kept history');
});

test('derived state: the most engaged slot wins', () => {
  assert.equal(deriveAgentState('ready', 0, 0, 0), 'available');
  assert.equal(deriveAgentState('ready', 1, 1, 1), 'busy');
  assert.equal(deriveAgentState('ready', 1, 0, 1), 'reserved');
  assert.equal(deriveAgentState('ready', 0, 0, 1), 'wrap_up');
  assert.equal(deriveAgentState('aux', 0, 0, 0), 'aux');
});

test('capacity: chats up to 3, voice only when fully free, nothing beside voice', () => {
  const a = new Agent('a', 1, cap, 0);
  a.login();
  a.settle(0);
  assert.ok(a.canTake('voice') && a.canTake('chat'));
  a.addSlot('chat', 'reserved');
  assert.equal(a.settle(1)?.to, 'reserved');
  assert.equal(a.canTake('voice'), false);
  a.moveSlot('reserved', 'active');
  assert.equal(a.settle(1)?.to, 'busy');
  a.addSlot('chat', 'active');
  a.addSlot('chat', 'reserved');
  assert.equal(a.canTake('chat'), false);
  assert.throws(() => a.addSlot('chat', 'reserved'), { code: 'NO_CAPACITY' });
  assert.equal(a.settle(1), undefined, 'busy on 2 of 3 chats with a third ringing: still busy');
  for (let k = 0; k < 2; k++) a.removeSlot('chat', 'active', 2);
  a.removeSlot('chat', 'reserved', 3);
  assert.equal(a.idleSince, 3);
  a.addSlot('voice', 'reserved');
  assert.equal(a.canTake('chat'), false);
  assert.equal(a.canTake('work_item'), false);
  assert.equal(a.canTake('callback'), false, 'no callback capacity at all');
});

test('aux and logout requested with work pending apply when the last slot frees', () => {
  const a = new Agent('a', 1, cap, 0);
  a.login();
  a.settle(0);
  a.addSlot('voice', 'reserved');
  a.settle(1);
  a.moveSlot('reserved', 'active');
  a.settle(1);
  a.setAux('break');
  assert.equal(a.canTake('chat'), false);
  assert.equal(a.settle(2), undefined, 'still busy');
  a.moveSlot('active', 'wrap_up');
  assert.equal(a.settle(3)?.to, 'wrap_up');
  a.removeSlot('voice', 'wrap_up', 4);
  const t = a.settle(4);
  assert.deepEqual([t?.from, t?.to, t?.auxReason], ['wrap_up', 'aux', 'break']);
  a.logout();
  assert.equal(a.settle(5)?.to, 'offline');
  assert.throws(() => a.setAux('x'), { code: 'AGENT_NOT_LOGGED_IN' });
});
