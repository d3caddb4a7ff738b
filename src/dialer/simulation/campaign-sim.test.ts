import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPolicy } from '../create-policy.js';
import { simulateCampaign } from './campaign-sim.js';
import { parseScenarios, type Scenario } from './scenario.js';

const [scenario] = parseScenarios({
  name: 'unit-b2c-10', agents: 10, hours: 2, seeds: 1,
  mix: { human: 0.25, machine: 0.3, no_answer: 0.35, busy: 0.1 },
  post_dial_delay_s: [1, 3], human_answer_s: { mean: 12, cv: 0.5 }, machine_answer_s: { mean: 22, cv: 0.3 },
  talk_s: { mean: 120, cv: 1 }, wrap_s: { mean: 15, cv: 0.5 }, ring_timeout_s: 20, busy_s: 4,
  amd: { enabled: true, false_positive: 0, false_negative: 0.1, human_decision_s: 2, machine_decision_s: 3.5, machine_to_agent_s: 8 },
  compliance: 'US', connect_deadline_s: 2,
});

const run = (policy: string, s: Scenario = scenario, seed = 'unit-seed') =>
  simulateCampaign(s, createPolicy(policy, { compliance: s.compliance, connectDeadlineS: s.connect_deadline_s, amdFalsePositiveRate: s.amd.false_positive }), seed);

void test('a seeded run replays exactly', () => {
  assert.deepEqual(run('ratio:2'), run('ratio:2'));
});

void test('switchboard stays under 3 % abandonment and keeps agents busier than progressive', () => {
  const progressive = run('progressive');
  const ours = run('switchboard');
  assert.equal(progressive.abandonmentUs, 0, 'progressive never abandons without AMD false positives');
  assert.ok(ours.abandonmentUs <= 0.03, `switchboard abandoned ${ours.abandonmentUs}`);
  assert.ok(ours.occupancy > progressive.occupancy + 0.05, `occupancy ${ours.occupancy} vs progressive ${progressive.occupancy}`);
});

void test('a ratio far too high for the list abandons far more than 3 %', () => {
  assert.ok(run('ratio:5').abandonmentUs > 0.05);
});
