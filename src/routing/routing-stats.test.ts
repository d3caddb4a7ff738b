import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers } from './testing.js';
import type { AgentStateChanged, InteractionStateChanged } from './types.js';

test('queue stats: SL both ways, ASA, AHT, waiting, longest wait, agents by state', () => {
  const { engine, clock } = newEngine();
  engine.addQueue({ id: 'q', clientId: 'c', channel: 'voice', skills: {}, slThresholdS: 20, wrapUpS: 10 });
  engine.addAgent({ id: 'a', skills: {}, clientIds: ['c'], capacity: { voice: 1 } });
  engine.login('a');
  const o1 = offers(engine.enqueue({ queueId: 'q', id: 'fast' }).decisions)[0];
  clock.advance(5000);
  engine.accept(o1.offerId); // waited 5 s
  engine.enqueue({ queueId: 'q', id: 'short-abandon' });
  engine.enqueue({ queueId: 'q', id: 'slow' });
  clock.advance(10_000);
  engine.abandon('short-abandon'); // after 10 s: within threshold
  clock.advance(20_000);
  let s = engine.queueStats('q');
  assert.equal(s.waiting, 1);
  assert.equal(s.longestWaitS, 30);
  assert.equal(s.agentsByState.busy, 1);
  engine.complete('fast'); // talk 30 s
  clock.advance(10_000);
  const o2 = offers(engine.tick())[0]; // wrap-up done after 10 s: AHT 40 s
  assert.equal(o2.interactionId, 'slow');
  engine.accept(o2.offerId); // waited 40 s
  s = engine.queueStats('q');
  assert.equal(s.arrived, 3);
  assert.equal(s.offered, 3);
  assert.equal(s.answered, 2);
  assert.equal(s.answeredWithinThreshold, 1);
  assert.equal(s.abandonedWithinThreshold, 1);
  assert.equal(s.serviceLevel, 1 / 3);
  assert.equal(s.serviceLevelExclShortAbandons, 1 / 2);
  assert.equal(s.asaS, 22.5);
  assert.equal(s.ahtS, 40);
  engine.resetDailyStats();
  assert.equal(engine.queueStats('q').offered, 0);
});

test('the delegate gets agent and interaction changes in order, after the call, once per queue', () => {
  const agentEvents: AgentStateChanged[] = [];
  const interactionEvents: InteractionStateChanged[] = [];
  const queues: string[] = [];
  const { engine } = newEngine({
    delegate: {
      onAgentStateChanged: (e) => agentEvents.push(e),
      onInteractionStateChanged: (e) => interactionEvents.push(e),
      onQueueStatsChanged: (q) => queues.push(q),
    },
  });
  engine.addQueue({ id: 'q', clientId: 'c', channel: 'voice', skills: {}, slThresholdS: 20 });
  engine.addAgent({ id: 'a', skills: {}, clientIds: ['c'], capacity: { voice: 1 } });
  engine.login('a');
  engine.enqueue({ queueId: 'q', id: 'i' });
  assert.deepEqual(agentEvents.map((e) => `${e.from}>${e.to}`), ['offline>available', 'available>reserved']);
  assert.deepEqual(interactionEvents.map((e) => `${e.from}>${e.to}`), ['new>queued', 'queued>offered']);
  assert.deepEqual(queues, ['q', 'q']);
});

test('a daily reset clears only the queues named (each client has its own midnight); a restore replaces today\'s counters', () => {
  const { engine } = newEngine();
  for (const id of ['ny', 'ldn']) engine.addQueue({ id, clientId: id, channel: 'voice', skills: {}, slThresholdS: 20 });
  engine.addAgent({ id: 'a', skills: {}, clientIds: ['ny'], capacity: { voice: 1 } });
  engine.login('a');
  for (const id of ['ny', 'ldn']) engine.abandon(engine.enqueue({ queueId: id }).interactionId);
  engine.resetDailyStats(['ldn', 'gone']);
  assert.deepEqual([engine.queueStats('ny').abandoned, engine.queueStats('ldn').abandoned], [1, 0]);
  engine.restoreDailyStats('ldn', [{ kind: 'arrive' }, { kind: 'answer', waitMs: 30_000 }, { kind: 'finish', handleMs: 90_000 }, { kind: 'abandon', waitMs: 5000 }, { kind: 'leave' }]);
  const s = engine.queueStats('ldn');
  assert.deepEqual([s.arrived, s.offered, s.answered, s.answeredWithinThreshold, s.abandonedWithinThreshold, s.asaS, s.ahtS], [1, 3, 1, 0, 1, 30, 90]);
  assert.equal(engine.queueStats('ny').agentsByState.available, 1, 'agents by state are live, not daily');
  assert.throws(() => engine.restoreDailyStats('gone', []), { code: 'QUEUE_NOT_FOUND' });
});
