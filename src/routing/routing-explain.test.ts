import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers } from './testing.js';

test('explain: why this agent, and why not each of the others', () => {
  const { engine, clock } = newEngine();
  engine.addQueue({ id: 'q', clientId: 'c', channel: 'voice', skills: { billing: 5 }, slThresholdS: 20, policy: 'most_skilled' });
  const agent = (id: string, skills: Record<string, number>, clientIds = ['c']) =>
    engine.addAgent({ id, skills, clientIds, capacity: { voice: 1 } });
  agent('best', { billing: 9 });
  agent('second', { billing: 7 });
  agent('no-skill', { sales: 9 });
  agent('too-low', { billing: 2 });
  agent('other-client', { billing: 9 }, ['other']);
  agent('on-break', { billing: 9 });
  agent('busy', { billing: 9 });
  agent('offline', { billing: 9 });
  for (const id of ['best', 'second', 'no-skill', 'too-low', 'other-client', 'on-break', 'busy']) engine.login(id);
  engine.setAux('on-break', 'break');
  engine.enqueue({ queueId: 'q', id: 'first' });
  const firstOffer = engine.interaction('first').offerIds[0];
  const firstAgent = engine.explain(firstOffer).agentId;
  assert.equal(firstAgent, 'best', 'tie on level 9: longest idle (logged in first) wins');
  engine.accept(firstOffer);
  clock.advance(1000);
  const o = offers(engine.enqueue({ queueId: 'q', id: 'i' }).decisions)[0];
  const ex = engine.explain(o.offerId);
  assert.equal(ex.agentId, 'busy');
  assert.equal(ex.policy, 'most_skilled');
  assert.equal(ex.trigger, 'interaction_ready');
  assert.deepEqual(ex.key.slice(0, 1), [-9]);
  assert.deepEqual(ex.tierSizes, [2]);
  assert.deepEqual(ex.runnersUp.map((r) => r.agentId), ['second']);
  const why = Object.fromEntries(ex.others.map((x) => [x.agentId, x.reason]));
  assert.deepEqual(why, {
    best: 'busy',
    second: 'ranked_lower',
    'no-skill': 'missing_skill',
    'too-low': 'skill_level_too_low',
    'other-client': 'not_serving_client',
    'on-break': 'not_available',
    offline: 'not_available',
  });
});
