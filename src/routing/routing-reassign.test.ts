import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dump, newEngine, offers } from './testing.js';

/** Voice queues billing and sales and a chat queue of client c, a voice queue of client d; agents a (billing), b (sales). */
function world() {
  const w = newEngine();
  w.engine.addQueue({ id: 'billing', clientId: 'c', channel: 'voice', skills: { billing: 1 }, slThresholdS: 20, ringTimeoutS: 15 });
  w.engine.addQueue({ id: 'sales', clientId: 'c', channel: 'voice', skills: { sales: 1 }, slThresholdS: 20 });
  w.engine.addQueue({ id: 'chat', clientId: 'c', channel: 'chat', skills: {}, slThresholdS: 20 });
  w.engine.addQueue({ id: 'other', clientId: 'd', channel: 'voice', skills: {}, slThresholdS: 20 });
  w.engine.addAgent({ id: 'a', skills: { billing: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  w.engine.addAgent({ id: 'b', skills: { sales: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  w.engine.addAgent({ id: 'x', skills: { billing: 5, sales: 5 }, clientIds: ['d'], capacity: { voice: 1 } });
  return w;
}

test('a waiting interaction moved to another queue is offered to that queue\'s agent at once', () => {
  const { engine, clock } = world();
  engine.login('b');
  engine.enqueue({ queueId: 'billing', id: 'i1' });
  clock.advance(30_000);
  const ds = offers(engine.reassign('i1', { queueId: 'sales' }));
  assert.deepEqual(ds.map((o) => [o.interactionId, o.agentId, o.queueId]), [['i1', 'b', 'sales']]);
  assert.equal(engine.interaction('i1').queueId, 'sales');
  // The old queue counts it as left (offered, not answered); the new one as a new arrival.
  const billing = engine.queueStats('billing');
  assert.deepEqual([billing.offered, billing.answered, billing.waiting], [1, 0, 0]);
  assert.equal(engine.queueStats('sales').arrived, 1);
});

test('a waiting interaction sent to an agent without the queue\'s skill rings that agent, who answers it', () => {
  const { engine } = world();
  engine.enqueue({ queueId: 'billing', id: 'i1' });
  engine.login('b');
  assert.equal(engine.interaction('i1').state, 'queued', 'b has no billing skill: routing leaves it waiting');
  const ds = offers(engine.reassign('i1', { agentId: 'b' }));
  assert.deepEqual(ds.map((o) => [o.interactionId, o.agentId, o.queueId]), [['i1', 'b', 'billing']]);
  assert.equal(engine.explain(ds[0].offerId).trigger, 'reassigned');
  engine.accept(ds[0].offerId, 'b');
  assert.equal(engine.interaction('i1').agentId, 'b');
  assert.equal(engine.agent('b').state, 'busy');
  assert.equal(engine.queueStats('billing').answered, 1);
});

test('a direct offer that times out returns the interaction to its queue, not to the agent', () => {
  const { engine, clock } = world();
  engine.enqueue({ queueId: 'billing', id: 'i1' });
  engine.login('b');
  const [o] = offers(engine.reassign('i1', { agentId: 'b' }));
  clock.set(o.expiresAt);
  engine.tick();
  assert.equal(engine.interaction('i1').state, 'queued');
  assert.equal(engine.agent('b').state, 'aux', 'a missed offer, as for any offer');
  assert.deepEqual(offers(engine.login('a')).map((d) => d.interactionId), ['i1']);
});

test('agents who cannot take it now, or serve another client, are refused', () => {
  const { engine } = world();
  engine.enqueue({ queueId: 'billing', id: 'i1' });
  assert.throws(() => engine.reassign('i1', { agentId: 'b' }), { code: 'AGENT_CANNOT_TAKE' }, 'offline');
  engine.login('b', { auxReason: 'lunch' });
  assert.throws(() => engine.reassign('i1', { agentId: 'b' }), { code: 'AGENT_CANNOT_TAKE' }, 'in aux');
  engine.login('x');
  assert.throws(() => engine.reassign('i1', { agentId: 'x' }), { code: 'AGENT_NOT_ELIGIBLE' });
});

test('only waiting interactions move, and bad reassignments change nothing', () => {
  const { engine } = world();
  engine.enqueue({ queueId: 'billing', id: 'i1' });
  const before = dump(engine);
  assert.throws(() => engine.reassign('i1', { queueId: 'other' }), { code: 'QUEUE_MISMATCH' }, 'another client');
  assert.throws(() => engine.reassign('i1', { queueId: 'chat' }), { code: 'QUEUE_MISMATCH' }, 'another channel');
  assert.throws(() => engine.reassign('i1', { queueId: 'nope' }), { code: 'QUEUE_NOT_FOUND' });
  assert.throws(() => engine.reassign('i1', { agentId: 'nope' }), { code: 'AGENT_NOT_FOUND' });
  assert.throws(() => engine.reassign('nope', { agentId: 'a' }), { code: 'INTERACTION_NOT_FOUND' });
  assert.deepEqual(engine.reassign('i1', { queueId: 'billing' }), [], 'to its own queue: nothing to do');
  assert.deepEqual(dump(engine), before);
  engine.login('a');
  assert.throws(() => engine.reassign('i1', { queueId: 'sales' }), { code: 'INTERACTION_NOT_WAITING' }, 'ringing');
  engine.abandon('i1');
  assert.throws(() => engine.reassign('i1', { queueId: 'sales' }), { code: 'INTERACTION_ENDED' });
});
