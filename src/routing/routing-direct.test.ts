import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers } from './testing.js';
import { RoutingErrors } from './routing-errors.js';

/** A transfer to one agent: an interaction entering a queue is offered to that agent first, whoever else is free. */
function world() {
  const w = newEngine();
  w.engine.addQueue({ id: 'billing', clientId: 'c', channel: 'voice', skills: { billing: 1 }, slThresholdS: 20, ringTimeoutS: 15 });
  w.engine.addAgent({ id: 'a', skills: { billing: 9 }, clientIds: ['c'], capacity: { voice: 1 } });
  w.engine.addAgent({ id: 'b', skills: {}, clientIds: ['c'], capacity: { voice: 1 } });
  w.engine.addAgent({ id: 'x', skills: { billing: 5 }, clientIds: ['d'], capacity: { voice: 1 } });
  return w;
}

test('an interaction sent to one agent rings that agent even when a better one is free, and makes them busy on answer', () => {
  const { engine } = world();
  engine.login('a');
  engine.login('b');
  const { decisions } = engine.enqueue({ queueId: 'billing', id: 't1', agentId: 'b' });
  const os = offers(decisions);
  assert.deepEqual(os.map((o) => [o.interactionId, o.agentId]), [['t1', 'b']]);
  assert.equal(engine.agent('a').state, 'available', 'the better-skilled agent was not rung');
  engine.accept(os[0].offerId, 'b');
  assert.equal(engine.agent('b').state, 'busy');
  assert.equal(engine.queueStats('billing').arrived, 1, 'the queue counts the transferred call');
  // Routing now knows b is busy: the next caller goes to a.
  const next = offers(engine.enqueue({ queueId: 'billing', id: 'n1' }).decisions);
  assert.deepEqual(next.map((o) => o.agentId), ['a']);
});

test('the target lets it ring out: it waits in the queue and routing gives it to the next agent', () => {
  const { engine, clock } = world();
  engine.login('b');
  const [o] = offers(engine.enqueue({ queueId: 'billing', id: 't1', agentId: 'b' }).decisions);
  clock.set(o.expiresAt);
  engine.tick();
  assert.equal(engine.interaction('t1').state, 'queued');
  assert.deepEqual(offers(engine.login('a')).map((d) => d.interactionId), ['t1']);
});

test('an agent who cannot take it now, or serves another client, is refused and nothing is queued', () => {
  const { engine } = world();
  engine.login('a');
  engine.enqueue({ queueId: 'billing', id: 'busy' });
  assert.throws(() => engine.enqueue({ queueId: 'billing', id: 't1', agentId: 'a' }), (e) => RoutingErrors.is(e, 'AGENT_CANNOT_TAKE'));
  assert.throws(() => engine.enqueue({ queueId: 'billing', id: 't2', agentId: 'b' }), (e) => RoutingErrors.is(e, 'AGENT_CANNOT_TAKE'), 'b is logged out');
  engine.login('x');
  assert.throws(() => engine.enqueue({ queueId: 'billing', id: 't3', agentId: 'x' }), (e) => RoutingErrors.is(e, 'AGENT_NOT_ELIGIBLE'));
  assert.deepEqual(engine.liveInteractionIds(), ['busy']);
});

test('an agent on an outside call (a consultation) is busy and offered nothing; a handover makes the call theirs in the same step', () => {
  const { engine } = world();
  engine.login('a');
  engine.beginOutsideCall('a');
  assert.equal(engine.agent('a').state, 'busy');
  assert.equal(engine.outsideCalls('a'), 1);
  // A caller arriving meanwhile waits: a is the only agent with the skill and is consulting.
  assert.deepEqual(offers(engine.enqueue({ queueId: 'billing', id: 'w1' }).decisions), []);
  const r = engine.endOutsideCall('a', { queueId: 'billing', id: 't1' });
  const os = offers(r.decisions);
  assert.equal(r.interactionId, 't1');
  assert.deepEqual(os.map((o) => [o.interactionId, o.agentId]), [['t1', 'a']], 'the handed-over call is offered to a, not the earlier waiting caller');
  assert.equal(engine.interaction('w1').state, 'queued');
});

test('an outside call that ends without a handover frees the agent for the next waiting caller; one that never began is refused', () => {
  const { engine } = world();
  engine.login('a');
  engine.beginOutsideCall('a');
  engine.enqueue({ queueId: 'billing', id: 'w1' });
  const os = offers(engine.endOutsideCall('a').decisions);
  assert.deepEqual(os.map((o) => [o.interactionId, o.agentId]), [['w1', 'a']]);
  assert.throws(() => engine.endOutsideCall('a'), (e) => RoutingErrors.is(e, 'NOT_ON_OUTSIDE_CALL'));
  assert.throws(() => engine.beginOutsideCall('b'), (e) => RoutingErrors.is(e, 'AGENT_CANNOT_TAKE'), 'b is logged out');
});
