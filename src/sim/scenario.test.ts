import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runSimulation } from './contact-center-sim.js';
import { parseScenario } from './scenario.js';
import { SimErrors } from './sim-errors.js';

type Json = Record<string, unknown> & { queues: Record<string, unknown>[]; agents: Record<string, unknown>[] };

function base(): Json {
  const queue = (id: string) => ({ id, sl_threshold_s: 20, arrivals: { calls_per_interval: 4 }, handle_time: { dist: 'exponential', mean_s: 60 } });
  return { duration_h: 1, queues: [queue('a'), queue('b'), queue('c')], agents: [{ id: 'agent', count: 2 }] };
}

/** The issues a scenario is rejected with (and that it is rejected with the scenario code). */
function issuesOf(s: unknown): string[] {
  try {
    runSimulation(parseScenario(s));
  } catch (err) {
    assert.ok(SimErrors.is(err, 'SIM_INVALID_SCENARIO'), `expected SIM_INVALID_SCENARIO, got ${String(err)}`);
    return err.details!.issues as string[];
  }
  assert.fail('scenario was accepted');
}

void test('the example scenarios are valid', () => {
  for (const f of ['two-queue-inbound.json', 'multi-skill-day.json']) {
    const s = parseScenario(JSON.parse(readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8')));
    assert.ok(s.queues.length >= 2, f);
  }
});

void test('a bad value is reported with the path of its field', () => {
  const s = base();
  s.queues[2].sl_threshold_s = 0;
  assert.deepEqual(issuesOf(s), ['queues[2].sl_threshold_s: must be > 0']);
});

void test('every problem is listed, each naming its field', () => {
  const s = base();
  delete s.duration_h;
  s.queues[0].handle_time = { dist: 'lognormal', mean_s: 200 };
  s.queues[1].colour = 'red';
  s.agents[0].schedule = { start: '25:00', end: '17:00' };
  s.agents[0].skills = { billing: 11 };
  assert.deepEqual(issuesOf(s).sort(), [
    'agents[0].schedule.start: must be a time of day HH:MM (00:00-24:00)',
    'agents[0].skills.billing: must be a level 1-10',
    'duration_h: is required',
    'queues[0].handle_time.cv: is required',
    'queues[1].colour: unknown field',
  ]);
});

void test('cross-field checks: arrivals longer than the run, unknown transfer target, duplicate ids, a break outside the shift', () => {
  const s = base();
  s.queues[0].arrivals = { calls_per_interval: [1, 2, 3, 4, 5] };
  s.queues[1].overflow = [{ after_s: 60, exit: { kind: 'transfer', queue_id: 'nowhere' } }];
  s.queues[2].id = 'a';
  s.agents.push({ id: 'agent-1' });
  s.agents[0].schedule = { start: '08:00', end: '12:00', breaks: [{ start: '12:00', end: '12:30' }] };
  assert.deepEqual(issuesOf(s).sort(), [
    "agents[0].schedule.breaks[0]: must lie within the shift",
    "agents[1].id: duplicate agent id 'agent-1'",
    'queues[0].arrivals.calls_per_interval: has 5 intervals but duration_h covers 4',
    "queues[1].overflow[0].exit.queue_id: unknown queue 'nowhere'",
    "queues[2].id: duplicate queue id 'a'",
  ]);
});

void test("the engine's own configuration checks come back naming the queue", () => {
  const s = base();
  s.queues[0].skills = { billing: 3 };
  s.queues[0].overflow = [{ after_s: 30, relax_skills: { billing: 5 } }];
  const issues = issuesOf(s);
  assert.equal(issues.length, 1);
  assert.match(issues[0], /^queues\[0\]: overflow\[0\] raises skill billing/);
});

void test('transfer exits may point forward in the file; a cycle is refused', () => {
  const s = base();
  s.queues[0].overflow = [{ after_s: 30, exit: { kind: 'transfer', queue_id: 'c' } }];
  assert.equal(runSimulation(parseScenario(s)).queues.length, 3);
  s.queues[2].overflow = [{ after_s: 30, exit: { kind: 'transfer', queue_id: 'a' } }];
  assert.match(issuesOf(s)[0], /^queues\[\d\]\.overflow: transfer exits form a cycle/);
});
