import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers, runUntil } from './testing.js';
import type { OverflowStep } from './types.js';

function world(overflow: OverflowStep[], maxWaitS?: number) {
  const w = newEngine();
  w.engine.addQueue({ id: 'other', clientId: 'c', channel: 'voice', skills: { sales: 1 }, slThresholdS: 20 });
  w.engine.addQueue({ id: 'q', clientId: 'c', channel: 'voice', skills: { billing: 5 }, slThresholdS: 20, overflow, maxWaitS });
  w.engine.addAgent({ id: 'junior', skills: { billing: 3 }, clientIds: ['c'], capacity: { voice: 1 } });
  w.engine.addAgent({ id: 'teamx', skills: { sales: 4 }, clientIds: ['c'], teamIds: ['X'], capacity: { voice: 1 } });
  w.engine.addAgent({ id: 'outsider', skills: { billing: 9 }, clientIds: ['other-client'], capacity: { voice: 1 } });
  for (const id of ['junior', 'teamx', 'outsider']) w.engine.login(id);
  return w;
}

test('relax-skill step: after 30 s a level-3 agent becomes eligible, not before', () => {
  const { engine, clock } = world([{ afterS: 30, relaxSkills: { billing: 3 } }]);
  const t0 = clock.now();
  assert.deepEqual(offers(engine.enqueue({ queueId: 'q', id: 'i' }).decisions), []);
  assert.equal(engine.nextDueAt(), t0 + 30_000);
  assert.deepEqual(runUntil(engine, clock, t0 + 29_999), []);
  const ds = offers(runUntil(engine, clock, t0 + 30_000));
  assert.deepEqual(ds.map((d) => d.agentId), ['junior']);
  const ex = engine.explain(ds[0].offerId);
  assert.equal(ex.stage, 1);
  assert.equal(ex.tier, 1);
  const outsider = ex.others.find((o) => o.agentId === 'outsider');
  assert.equal(outsider?.reason, 'not_serving_client', 'client isolation holds at every step');
});

test('add-team step: after 60 s team X members are eligible whatever their skills', () => {
  const { engine, clock } = world([{ afterS: 60, addTeamIds: ['X'] }]);
  engine.logout('junior');
  const t0 = clock.now();
  engine.enqueue({ queueId: 'q', id: 'i' });
  const ds = offers(runUntil(engine, clock, t0 + 60_000));
  assert.deepEqual(ds.map((d) => d.agentId), ['teamx']);
});

test('exit step callback/voicemail: the interaction leaves the queue as a decision for the host', () => {
  for (const kind of ['callback', 'voicemail'] as const) {
    const { engine, clock } = world([{ afterS: 120, exit: { kind } }]);
    engine.logout('junior');
    engine.enqueue({ queueId: 'q', id: 'i' });
    const ds = runUntil(engine, clock, clock.now() + 120_000);
    assert.deepEqual(ds, [{ kind: 'exit', interactionId: 'i', queueId: 'q', action: { kind } }]);
    assert.equal(engine.interaction('i').state, 'exited');
    assert.equal(engine.queueStats('q').waiting, 0);
    assert.equal(engine.queueStats('q').offered, 1);
  }
});

test('exit step transfer: the interaction moves to the other queue and is routed there', () => {
  const { engine, clock } = world([{ afterS: 90, exit: { kind: 'transfer', queueId: 'other' } }]);
  engine.logout('junior');
  engine.setAux('teamx', 'break');
  engine.enqueue({ queueId: 'q', id: 'i' });
  const ds = runUntil(engine, clock, clock.now() + 90_000);
  assert.deepEqual(ds, [{ kind: 'exit', interactionId: 'i', queueId: 'q', action: { kind: 'transfer', queueId: 'other' } }]);
  assert.equal(engine.interaction('i').queueId, 'other');
  assert.equal(engine.queueStats('other').waiting, 1);
  assert.equal(offers(engine.setAvailable('teamx'))[0].interactionId, 'i');
});

test('max wait fails the interaction with a max_wait decision', () => {
  const { engine, clock } = world([{ afterS: 30, relaxSkills: { billing: 4 } }], 45);
  engine.enqueue({ queueId: 'q', id: 'i' });
  const ds = runUntil(engine, clock, clock.now() + 45_000);
  assert.deepEqual(ds, [{ kind: 'max_wait', interactionId: 'i', queueId: 'q' }]);
  assert.equal(engine.interaction('i').state, 'failed');
});

test('overflow prefers the primary tier: a base-skill agent beats an overflow agent', () => {
  const { engine, clock } = world([{ afterS: 30, relaxSkills: { billing: 3 } }]);
  engine.addAgent({ id: 'senior', skills: { billing: 7 }, clientIds: ['c'], capacity: { voice: 1 } });
  clock.advance(60_000);
  engine.login('senior'); // junior has been idle much longer
  const o = offers(engine.enqueue({ queueId: 'q', id: 'late' }).decisions)[0];
  assert.equal(o.agentId, 'senior');
});
