import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers, runUntil } from './testing.js';

function voiceWorld(opts: Parameters<typeof newEngine>[0] = {}) {
  const w = newEngine(opts);
  w.engine.addQueue({ id: 'q', clientId: 'c', channel: 'voice', skills: { billing: 1 }, slThresholdS: 20, ringTimeoutS: 15, wrapUpS: 30 });
  for (const id of ['a', 'b']) w.engine.addAgent({ id, skills: { billing: 5 }, clientIds: ['c'], capacity: { voice: 1 } });
  return w;
}

test('a rejected offer goes back to its original place, ahead of later arrivals', () => {
  const { engine, clock } = voiceWorld();
  engine.enqueue({ queueId: 'q', id: 'first' });
  clock.advance(1000);
  engine.enqueue({ queueId: 'q', id: 'second' });
  const o = offers(engine.login('a'))[0];
  assert.equal(o.interactionId, 'first');
  engine.reject(o.offerId);
  assert.equal(engine.interaction('first').state, 'queued');
  // The next agent gets 'first' again, not 'second'.
  assert.equal(offers(engine.login('b'))[0].interactionId, 'first');
});

test('a timed-out offer returns to its place and the agent goes to aux "missed"', () => {
  const { engine, clock } = voiceWorld();
  engine.login('a');
  const o = offers(engine.enqueue({ queueId: 'q', id: 'i1' }).decisions)[0];
  clock.advance(500);
  engine.enqueue({ queueId: 'q', id: 'i2' });
  assert.equal(engine.nextDueAt(), o.expiresAt);
  const ds = runUntil(engine, clock, o.expiresAt);
  assert.deepEqual(ds, [{ kind: 'offer_withdrawn', offerId: o.offerId, interactionId: 'i1', agentId: 'a', reason: 'timeout' }]);
  assert.equal(engine.agent('a').state, 'aux');
  assert.equal(engine.agent('a').auxReason, 'missed');
  assert.equal(offers(engine.login('b'))[0].interactionId, 'i1');
  assert.throws(() => engine.accept(o.offerId), { code: 'OFFER_NOT_ACTIVE' });
});

test('missedOffer "available" keeps the agent routable after a miss', () => {
  const { engine } = voiceWorld({ missedOffer: 'available' });
  engine.login('a');
  const o = offers(engine.enqueue({ queueId: 'q', id: 'i1' }).decisions)[0];
  const again = offers(engine.reject(o.offerId));
  assert.equal(engine.agent('a').state, 'reserved');
  assert.equal(again[0].interactionId, 'i1');
});

test('wrap-up lasts the queue wrap-up time, then the agent takes the next interaction', () => {
  const { engine, clock } = voiceWorld();
  engine.login('a');
  const o = offers(engine.enqueue({ queueId: 'q', id: 'i1' }).decisions)[0];
  engine.enqueue({ queueId: 'q', id: 'i2' });
  engine.accept(o.offerId, 'a');
  clock.advance(120_000);
  engine.complete('i1');
  assert.equal(engine.agent('a').state, 'wrap_up');
  assert.equal(engine.nextDueAt(), clock.now() + 30_000);
  assert.deepEqual(runUntil(engine, clock, clock.now() + 29_999), []);
  assert.equal(engine.agent('a').state, 'wrap_up');
  const ds = runUntil(engine, clock, clock.now() + 1);
  assert.equal(offers(ds)[0].interactionId, 'i2');
  assert.equal(engine.interaction('i1').state, 'done');
  assert.equal(engine.queueStats('q').ahtS, 150);
});

test('ending wrap-up early frees the agent at once', () => {
  const { engine } = voiceWorld();
  engine.login('a');
  const o = offers(engine.enqueue({ queueId: 'q', id: 'i1' }).decisions)[0];
  engine.accept(o.offerId);
  engine.complete('i1');
  engine.endWrapUp('i1');
  assert.equal(engine.agent('a').state, 'available');
  assert.equal(engine.nextDueAt(), undefined);
});

test('aux requested during a call applies when the work ends (pending aux)', () => {
  const { engine } = voiceWorld();
  engine.login('a');
  engine.enqueue({ queueId: 'q', id: 'i1' });
  engine.enqueue({ queueId: 'q', id: 'i2' });
  engine.accept(engine.interaction('i1').offerIds[0]);
  engine.setAux('a', 'lunch');
  assert.equal(engine.agent('a').state, 'busy');
  engine.complete('i1');
  assert.deepEqual(offers(engine.endWrapUp('i1')), [], 'no new offer while aux is pending');
  assert.equal(engine.agent('a').state, 'aux');
  assert.equal(engine.agent('a').auxReason, 'lunch');
  assert.equal(engine.interaction('i2').state, 'queued');
});

test('multi-channel: 3 chats fit, a 4th waits; voice is exclusive both ways', () => {
  const { engine } = newEngine();
  engine.addQueue({ id: 'chat', clientId: 'c', channel: 'chat', skills: {}, slThresholdS: 60 });
  engine.addQueue({ id: 'voice', clientId: 'c', channel: 'voice', skills: {}, slThresholdS: 20 });
  engine.addAgent({ id: 'a', skills: {}, clientIds: ['c'], capacity: { voice: 1, chat: 3 } });
  engine.login('a');
  const chats = [1, 2, 3, 4].map((n) => offers(engine.enqueue({ queueId: 'chat', id: `c${n}` }).decisions));
  assert.deepEqual(chats.map((o) => o.length), [1, 1, 1, 0]);
  for (const o of chats.slice(0, 2)) engine.accept(o[0].offerId);
  // Busy on 2 of 3 chats with one still ringing: state busy, no room for voice.
  assert.equal(engine.agent('a').state, 'busy');
  assert.equal(offers(engine.enqueue({ queueId: 'voice', id: 'v1' }).decisions).length, 0);
  // Finishing one chat frees a slot: the waiting chat c4 (not the voice call) fits.
  const next = offers(engine.complete('c1'));
  assert.deepEqual(next.map((o) => o.interactionId), ['c4']);
  assert.deepEqual(offers(engine.complete('c2')), [], 'voice still waits: two chats are ringing');
  engine.accept(chats[2][0].offerId);
  engine.accept(next[0].offerId);
  engine.complete('c3');
  // Last chat ends: every slot free, so the voice call finally fits.
  const voice = offers(engine.complete('c4'));
  assert.deepEqual(voice.map((o) => o.interactionId), ['v1']);
  // And while on voice, no chat is offered.
  assert.equal(offers(engine.enqueue({ queueId: 'chat', id: 'c5' }).decisions).length, 0);
  assert.deepEqual(engine.agent('a').used, { voice: 1, chat: 0, callback: 0, work_item: 0 });
});
