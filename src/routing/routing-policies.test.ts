import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers } from './testing.js';
import type { SelectionPolicy } from './types.js';

function world(policy: SelectionPolicy, channel: 'voice' | 'chat' = 'voice') {
  const w = newEngine();
  w.engine.addQueue({ id: 'q', clientId: 'c', channel, skills: { billing: 1 }, slThresholdS: 20, policy });
  return w;
}

test('longest_idle: the agent free the longest gets the interaction', () => {
  const { engine, clock } = world('longest_idle');
  for (const id of ['a', 'b', 'c']) {
    engine.addAgent({ id, skills: { billing: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  }
  engine.login('b');
  clock.advance(1000);
  engine.login('a');
  clock.advance(1000);
  engine.login('c');
  assert.equal(offers(engine.enqueue({ queueId: 'q' }).decisions)[0].agentId, 'b');
  assert.equal(offers(engine.enqueue({ queueId: 'q' }).decisions)[0].agentId, 'a');
  assert.equal(offers(engine.enqueue({ queueId: 'q' }).decisions)[0].agentId, 'c');
});

test('most_skilled: highest level on the queue skills wins, regardless of idle time', () => {
  const { engine, clock } = world('most_skilled');
  engine.addAgent({ id: 'novice', skills: { billing: 2 }, clientIds: ['c'], capacity: { voice: 1 } });
  engine.addAgent({ id: 'expert', skills: { billing: 9 }, clientIds: ['c'], capacity: { voice: 1 } });
  engine.login('novice');
  clock.advance(60_000);
  engine.login('expert');
  const [o] = offers(engine.enqueue({ queueId: 'q' }).decisions);
  assert.equal(o.agentId, 'expert');
  assert.deepEqual(engine.explain(o.offerId).runnersUp.map((r) => r.agentId), ['novice']);
});

test('least_occupied: a chat goes to the agent with the most free capacity', () => {
  const { engine } = world('least_occupied', 'chat');
  engine.addAgent({ id: 'a', skills: { billing: 5 }, clientIds: ['c'], capacity: { chat: 3 } });
  engine.addAgent({ id: 'b', skills: { billing: 5 }, clientIds: ['c'], capacity: { chat: 3 } });
  engine.login('a');
  engine.login('b');
  const got = [1, 2, 3, 4].map(() => offers(engine.enqueue({ queueId: 'q' }).decisions)[0].agentId);
  // Alternates because each chat raises that agent's load.
  assert.deepEqual(got, ['a', 'b', 'a', 'b']);
});

test('round_robin: offers rotate through the agents in turn', () => {
  const { engine } = world('round_robin', 'chat');
  for (const id of ['a', 'b', 'c']) engine.addAgent({ id, skills: { billing: 5 }, clientIds: ['c'], capacity: { chat: 5 } });
  for (const id of ['a', 'b', 'c']) engine.login(id);
  const got = [1, 2, 3, 4, 5, 6].map(() => offers(engine.enqueue({ queueId: 'q' }).decisions)[0].agentId);
  assert.deepEqual(got, ['a', 'b', 'c', 'a', 'b', 'c']);
});

test('ring_all: every agent of the best tier rings; first accept wins, the others are withdrawn', () => {
  const { engine } = newEngine();
  engine.addQueue({
    id: 'q',
    clientId: 'c',
    channel: 'voice',
    skills: { billing: 7 },
    slThresholdS: 20,
    policy: 'ring_all',
    overflow: [{ afterS: 30, relaxSkills: { billing: 1 } }],
  });
  for (const id of ['x', 'y']) engine.addAgent({ id, skills: { billing: 8 }, clientIds: ['c'], capacity: { voice: 1 } });
  engine.addAgent({ id: 'low', skills: { billing: 2 }, clientIds: ['c'], capacity: { voice: 1 } });
  for (const id of ['x', 'y', 'low']) engine.login(id);
  const rung = offers(engine.enqueue({ queueId: 'q', id: 'i' }).decisions);
  assert.deepEqual(rung.map((o) => o.agentId).sort(), ['x', 'y']);
  assert.ok(rung.every((o) => o.ringAll));
  const ds = engine.accept(rung[1].offerId);
  assert.deepEqual(ds, [{ kind: 'offer_withdrawn', offerId: rung[0].offerId, interactionId: 'i', agentId: rung[0].agentId, reason: 'answered_elsewhere' }]);
  assert.equal(engine.agent(rung[0].agentId).state, 'available');
  assert.equal(engine.agent(rung[1].agentId).state, 'busy');
  assert.equal(engine.agent('low').state, 'available');
});

test('an agent in several queues takes the interaction waiting longest relative to priority', () => {
  const { engine, clock } = newEngine({ priorityAgingS: 60 });
  engine.addQueue({ id: 'low', clientId: 'c', channel: 'voice', skills: {}, slThresholdS: 20, priority: 0 });
  engine.addQueue({ id: 'vip', clientId: 'c', channel: 'voice', skills: {}, slThresholdS: 20, priority: 1 });
  engine.addAgent({ id: 'a', skills: {}, clientIds: ['c'], capacity: { voice: 1 } });
  engine.enqueue({ queueId: 'low', id: 'old' });
  clock.advance(30_000);
  engine.enqueue({ queueId: 'vip', id: 'vip1' }); // key t+30 − 60 = t−30: ahead of 'old' (t)
  clock.advance(50_000);
  engine.enqueue({ queueId: 'vip', id: 'vip2' }); // key t+80 − 60 = t+20: behind 'old'
  const first = offers(engine.login('a'))[0];
  assert.equal(first.interactionId, 'vip1');
  engine.accept(first.offerId);
  // No wrap-up: completing frees the agent, who takes the next most deserving at once.
  const second = offers(engine.complete('vip1'))[0];
  assert.equal(second.interactionId, 'old', 'aging: the older low-priority call beats the newer VIP one');
  engine.accept(second.offerId);
  assert.equal(offers(engine.complete('old'))[0].interactionId, 'vip2');
});
