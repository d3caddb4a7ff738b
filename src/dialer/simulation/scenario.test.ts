import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DialerErrors } from '../dialer-errors.js';
import { humanShareAt, parseScenarios } from './scenario.js';

const fixture = fileURLToPath(new URL('../../../../shared/fixtures/dialer/scenarios.json', import.meta.url));

void test('the public fixture parses: an array of cases, each with its seeds and compliance profile', (t) => {
  if (!existsSync(fixture)) { t.skip(`fixture not found at ${fixture}`); return; }
  const list = parseScenarios(JSON.parse(readFileSync(fixture, 'utf8')));
  assert.ok(list.length >= 1);
  for (const s of list) assert.ok(s.seeds >= 1 && (s.compliance === 'US' || s.compliance === 'UK'));
});

const base = JSON.parse(`{"name":"x","agents":5,"hours":8,"seeds":2,"mix":{"human":0.25,"machine":0.3,"no_answer":0.35,"busy":0.1},
  "post_dial_delay_s":[1,3],"human_answer_s":{"mean":12,"cv":0.5},"machine_answer_s":{"mean":22,"cv":0.3},
  "talk_s":{"mean":120,"cv":1},"wrap_s":{"mean":15,"cv":0.5},"ring_timeout_s":20,"busy_s":4,
  "amd":{"enabled":true,"false_positive":0.02,"false_negative":0.1,"human_decision_s":2,"machine_decision_s":3.5,"machine_to_agent_s":8},
  "compliance":"US","connect_deadline_s":2}`) as Record<string, unknown>;

void test('a single case is accepted as well as an array', () => {
  assert.equal(parseScenarios(base).length, 1);
  assert.equal(parseScenarios([base, { ...base, name: 'y' }]).length, 2);
});

void test('a bad case is refused with the field named', () => {
  assert.throws(() => parseScenarios({ ...base, mix: { human: 0.5, machine: 0.3, no_answer: 0.35, busy: 0.1 } }),
    (e) => DialerErrors.is(e, 'DIALER_INVALID_INPUT') && /mix/.test(e.message));
  assert.throws(() => parseScenarios([base, { ...base, agents: 0 }]), (e) => DialerErrors.is(e, 'DIALER_INVALID_INPUT') && /scenario 1: agents/.test(e.message));
});

void test('drift moves the human share linearly; a step changes it at once', () => {
  const [d] = parseScenarios({ ...base, drift: { from_hour: 4, to_hour: 8, human_to: 0.13 } });
  assert.equal(humanShareAt(d, 3600), 0.25);
  assert.ok(Math.abs(humanShareAt(d, 6 * 3600) - 0.19) < 1e-12);
  assert.ok(Math.abs(humanShareAt(d, 9 * 3600) - 0.13) < 1e-12);
  const [s] = parseScenarios({ ...base, step: { at_hour: 2, human_to: 0.4 } });
  assert.equal(humanShareAt(s, 7199), 0.25);
  assert.equal(humanShareAt(s, 7200), 0.4);
});
