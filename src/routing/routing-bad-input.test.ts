import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dump, newEngine, offers } from './testing.js';
import type { RoutingEngine } from './routing-engine.js';
import type { QueueConfig } from './types.js';

/** A busy little world: one call active, one ringing, one queued, one chat agent in aux. */
function world() {
  const w = newEngine();
  const { engine } = w;
  engine.addQueue({ id: 'q', clientId: 'c', channel: 'voice', skills: { billing: 2 }, slThresholdS: 20, wrapUpS: 5 });
  engine.addAgent({ id: 'a', skills: { billing: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  engine.addAgent({ id: 'b', skills: { billing: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  engine.addAgent({ id: 'idle', skills: { billing: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  engine.login('a');
  engine.login('b');
  const active = offers(engine.enqueue({ queueId: 'q', id: 'active' }).decisions)[0];
  engine.accept(active.offerId);
  const ringing = offers(engine.enqueue({ queueId: 'q', id: 'ringing' }).decisions)[0];
  engine.enqueue({ queueId: 'q', id: 'queued' });
  return { ...w, ringing, activeOffer: active };
}

const baseQueue: QueueConfig = { id: 'new', clientId: 'c', channel: 'voice', skills: { billing: 2 }, slThresholdS: 20 };

const cases: [string, string, (e: RoutingEngine, w: ReturnType<typeof world>) => unknown][] = [
  ['unknown queue on enqueue', 'QUEUE_NOT_FOUND', (e) => e.enqueue({ queueId: 'nope' })],
  ['NaN priority', 'INVALID_PRIORITY', (e) => e.enqueue({ queueId: 'q', priority: NaN })],
  ['duplicate interaction id', 'INTERACTION_EXISTS', (e) => e.enqueue({ queueId: 'q', id: 'queued' })],
  ['unknown skill in a queue', 'UNKNOWN_SKILL', (e) => e.addQueue({ ...baseQueue, skills: { juggling: 3 } })],
  ['unknown skill on an agent', 'UNKNOWN_SKILL', (e) => e.addAgent({ id: 'z', skills: { juggling: 3 }, clientIds: ['c'], capacity: { voice: 1 } })],
  ['skill level 11', 'INVALID_CONFIG', (e) => e.addAgent({ id: 'z', skills: { billing: 11 }, clientIds: ['c'], capacity: { voice: 1 } })],
  ['NaN wrap-up', 'INVALID_DURATION', (e) => e.addQueue({ ...baseQueue, wrapUpS: NaN })],
  ['negative SL threshold', 'INVALID_DURATION', (e) => e.addQueue({ ...baseQueue, slThresholdS: -1 })],
  ['negative overflow time', 'INVALID_DURATION', (e) => e.addQueue({ ...baseQueue, overflow: [{ afterS: -5, relaxSkills: { billing: 1 } }] })],
  ['overflow that raises a level', 'INVALID_CONFIG', (e) => e.addQueue({ ...baseQueue, overflow: [{ afterS: 5, relaxSkills: { billing: 9 } }] })],
  ['transfer to an unknown queue', 'QUEUE_NOT_FOUND', (e) => e.addQueue({ ...baseQueue, overflow: [{ afterS: 5, exit: { kind: 'transfer', queueId: 'x' } }] })],
  ['duplicate queue', 'QUEUE_EXISTS', (e) => e.addQueue({ ...baseQueue, id: 'q' })],
  ['duplicate agent', 'AGENT_EXISTS', (e) => e.addAgent({ id: 'a', skills: {}, clientIds: ['c'], capacity: { voice: 1 } })],
  ['unknown agent login', 'AGENT_NOT_FOUND', (e) => e.login('ghost')],
  ['login twice', 'AGENT_ALREADY_LOGGED_IN', (e) => e.login('a')],
  ['aux while logged out', 'AGENT_NOT_LOGGED_IN', (e) => e.setAux('idle', 'break')],
  ['empty aux reason', 'INVALID_CONFIG', (e) => e.setAux('a', '')],
  ['remove a logged-in agent', 'AGENT_HAS_WORK', (e) => e.removeAgent('a')],
  ['accept without an offer', 'OFFER_NOT_FOUND', (e) => e.accept('no-such-offer')],
  ['accept by the wrong agent', 'OFFER_NOT_FOR_AGENT', (e, w) => e.accept(w.ringing.offerId, 'a')],
  ['accept an answered offer again', 'OFFER_NOT_ACTIVE', (e, w) => e.accept(w.activeOffer.offerId)],
  ['reject by an unknown agent', 'AGENT_NOT_FOUND', (e, w) => e.reject(w.ringing.offerId, 'ghost')],
  ['complete a queued interaction', 'ILLEGAL_INTERACTION_TRANSITION', (e) => e.complete('queued')],
  ['complete a ringing interaction', 'ILLEGAL_INTERACTION_TRANSITION', (e) => e.complete('ringing')],
  ['end wrap-up of an active interaction', 'ILLEGAL_INTERACTION_TRANSITION', (e) => e.endWrapUp('active')],
  ['abandon an active interaction', 'ILLEGAL_INTERACTION_TRANSITION', (e) => e.abandon('active')],
  ['complete an unknown interaction', 'INTERACTION_NOT_FOUND', (e) => e.complete('nope')],
  ['explain an unknown decision', 'DECISION_NOT_FOUND', (e) => e.explain('nope')],
];

for (const [name, code, act] of cases) {
  test(`bad input: ${name} → ${code}, state unchanged`, () => {
    const w = world();
    const before = dump(w.engine);
    assert.throws(() => act(w.engine, w), { name: 'AppError', code });
    assert.deepEqual(dump(w.engine), before);
  });
}

test('complete twice → INTERACTION_ENDED, state unchanged', () => {
  const w = world();
  w.engine.complete('active');
  w.engine.endWrapUp('active');
  const before = dump(w.engine);
  assert.throws(() => w.engine.complete('active'), { code: 'INTERACTION_ENDED' });
  assert.deepEqual(dump(w.engine), before);
});

test('a clock that moves backwards is refused', () => {
  let t = 1000;
  const w = newEngine({ clock: { now: () => t } });
  w.engine.addQueue(baseQueue);
  t = 500;
  assert.throws(() => w.engine.enqueue({ queueId: 'new' }), { code: 'CLOCK_WENT_BACKWARDS' });
});
