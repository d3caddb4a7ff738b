import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers, runUntil } from './testing.js';
import type { AgentConfig, QueueConfig } from './types.js';

// Interactions carried over a restart (`since`): they keep their place and their wait.

const workQ: QueueConfig = { id: 'w', clientId: 'c', channel: 'work_item', skills: { billing: 3 }, slThresholdS: 60, maxWaitS: 3600 };
const agent = (id: string): AgentConfig => ({ id, skills: { billing: 5 }, clientIds: ['c'], capacity: { work_item: 1 } });

test('carried over: it waits from its stored time, ahead of newer work, its wait counts toward SL, its arrival is not counted again', () => {
  const { engine, clock } = newEngine();
  engine.addQueue(workQ);
  engine.addAgent(agent('a'));
  engine.enqueue({ queueId: 'w', id: 'new-today' });
  engine.enqueue({ queueId: 'w', id: 'carried', since: clock.now() - 120_000 });
  const s = engine.queueStats('w');
  assert.equal(s.waiting, 2);
  assert.equal(s.arrived, 1, 'only the new one arrived now');
  assert.equal(s.longestWaitS, 120, 'the longest wait is the carried one\'s');
  assert.equal(engine.interaction('carried').enqueuedAt, clock.now() - 120_000);

  const first = offers(engine.login('a'));
  assert.deepEqual(first.map((o) => o.interactionId), ['carried'], 'the older one is offered first, though enqueued second');
  engine.accept(first[0].offerId);
  const after = engine.queueStats('w');
  assert.equal(after.answered, 1);
  assert.equal(after.answeredWithinThreshold, 0, 'answered after 120 s: beyond the 60 s threshold');
  assert.equal(after.asaS, 120);
});

test('carried over past its queue\'s maximum wait, it leaves at the next tick; a time after now is refused', () => {
  const { engine, clock } = newEngine();
  engine.addQueue(workQ);
  engine.enqueue({ queueId: 'w', id: 'old', since: clock.now() - 2 * 3600_000 });
  runUntil(engine, clock, clock.now() + 1);
  assert.notEqual(engine.interaction('old').state, 'queued', 'past its hour in the queue');
  assert.throws(() => engine.enqueue({ queueId: 'w', id: 'future', since: clock.now() + 1000 }), { code: 'INVALID_CONFIG' });
  assert.throws(() => engine.enqueue({ queueId: 'w', id: 'nan', since: Number.NaN }), { code: 'INVALID_CONFIG' });
  assert.equal(engine.queueStats('w').waiting, 0, 'nothing refused was queued');
});
