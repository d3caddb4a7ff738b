import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FakeFlowCall, pathOf } from './fake-flow-call.test-helper.js';
import { FlowRunner, type FlowResult } from './flow-runner.js';
import { validateFlow } from './validate-flow.js';
import type { Flow } from './flow-schema.js';

const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../examples/flows/${name}.json`, import.meta.url), 'utf8'));

const RETAIL_PROMPTS = ['retail-welcome', 'retail-main-menu', 'retail-invalid-option', 'retail-hold-music', 'retail-callback-offer',
  'retail-opening-hours', 'retail-callback-confirmed', 'retail-after-hours', 'retail-holiday', 'retail-voicemail-greeting', 'retail-goodbye'];
const BANK_PROMPTS = ['bank-welcome', 'bank-main-menu', 'bank-invalid-option', 'bank-card-menu', 'bank-hold-music', 'bank-callback-offer',
  'bank-enter-account', 'bank-invalid-account', 'bank-survey', 'bank-survey-thanks', 'bank-voicemail-greeting', 'bank-callback-confirmed'];

function valid(name: string, prompts: string[], queues: string[]): Flow {
  const v = validateFlow(load(name), { tts: true, prompts, queues });
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.warnings, []);
  assert.ok(v.flow);
  return v.flow;
}
const retail = valid('retail-main-line', RETAIL_PROMPTS, ['retail-orders', 'retail-returns']);
const bank = valid('bank-card-services', BANK_PROMPTS, ['bank-cards', 'bank-fraud', 'bank-general']);

async function run(flow: Flow, call: FakeFlowCall): Promise<FlowResult> {
  return call.drive(new FlowRunner(flow, call).run());
}

// 2026-01-05 is a Monday; Chicago is UTC-6 in January.
const MONDAY_10AM_CHICAGO = Date.UTC(2026, 0, 5, 16, 0);

test('both examples need text to speech for the spoken queue position, and say so without it', () => {
  for (const name of ['retail-main-line', 'bank-card-services']) {
    const v = validateFlow(load(name), { tts: false });
    assert.equal(v.ok, false);
    assert.ok(v.errors.every((e) => /text to speech/.test(e.message)), JSON.stringify(v.errors));
  }
});

test('retail: open, 1 during the greeting → orders queue → an agent → goodbye', async () => {
  const call = new FakeFlowCall({ start: MONDAY_10AM_CHICAGO });
  call.when('play:retail-welcome', () => call.press('1', 800));
  call.onEnqueue = (w) => w.answerAfter(50_000, 'agent-12', 240_000);
  const result = await run(retail, call);
  assert.deepEqual(pathOf(result), ['start', 'check-hours:open', 'greeting', 'main-menu:option 1', 'orders:answered by agent-12', 'goodbye', 'end:normal']);
  assert.equal(call.waits[0].queue, 'retail-orders');
});

test('retail: 3 hears the opening hours and returns to the menu; 2 → returns; a callback keeps the place', async () => {
  const call = new FakeFlowCall({ start: MONDAY_10AM_CHICAGO });
  call.when('play:retail-main-menu', () => call.press('3'))
    .when('play:retail-main-menu', () => call.press('2'))
    .when('play:retail-callback-offer', () => call.press('1'));
  const result = await run(retail, call);
  assert.deepEqual(pathOf(result), ['start', 'check-hours:open', 'greeting', 'main-menu:option 3', 'opening-hours',
    'main-menu:option 2', 'returns:callback', 'callback-confirmed', 'goodbye', 'end:normal']);
  assert.deepEqual(call.waits.map((w) => [w.queue, w.exits]), [['retail-returns', ['callback']]]);
  assert.ok(call.events.includes('say:You are caller number 3.'), 'returns announces the position only');
});

test('retail: after hours and on a holiday the caller can leave a voicemail', async () => {
  const sunday = new FakeFlowCall({ start: Date.UTC(2026, 0, 11, 16, 0) });
  assert.deepEqual(pathOf(await run(retail, sunday)), ['start', 'check-hours:closed', 'after-hours', 'voicemail:recorded 20 s', 'goodbye', 'end:normal']);
  const christmas = new FakeFlowCall({ start: Date.UTC(2026, 11, 25, 16, 0) });
  assert.deepEqual(pathOf(await run(retail, christmas)).slice(1, 3), ['check-hours:holiday', 'holiday']);
});

test('retail: nobody free for 15 minutes → voicemail', async () => {
  const call = new FakeFlowCall({ start: MONDAY_10AM_CHICAGO });
  const result = await run(retail, call);
  assert.deepEqual(pathOf(result).slice(3), ['main-menu:default (no_input)', 'orders:timeout', 'voicemail:recorded 20 s', 'goodbye', 'end:normal']);
  assert.deepEqual(call.waits[0].exits, ['timeout']);
});

test('bank: the CRM flags a fraud alert → the fraud queue at top priority → survey after the agent', async () => {
  const call = new FakeFlowCall();
  call.webhookHandler = async () => ({ variables: { customer_name: 'Grace', tier: 'premier' }, next: 'fraud' });
  call.onEnqueue = (w) => w.answerAfter(20_000, 'fraud-agent-2', 300_000);
  call.when('play:bank-survey', () => call.press('4'));
  const result = await run(bank, call);
  assert.deepEqual(pathOf(result), ['start', 'lookup:ok → fraud', 'fraud', 'fraud-queue:answered by fraud-agent-2', 'survey:csat 4', 'bye:normal']);
  assert.equal(call.waits[0].options.priority, 90);
  assert.deepEqual({ csat: result.variables.csat, reason: result.variables.reason, name: result.variables.customer_name }, { csat: 4, reason: 'fraud', name: 'Grace' });
});

test('bank: a CRM that does not answer in 3 s falls back to the greeting; card services → cards queue', async () => {
  const call = new FakeFlowCall();
  call.when('play:bank-main-menu', () => call.press('1')).when('play:bank-card-menu', () => call.press('2'));
  call.onEnqueue = (w) => w.answerAfter(100_000, 'agent-3', 60_000);
  const result = await run(bank, call);
  assert.deepEqual(pathOf(result), ['start', 'lookup:fallback: timeout', 'greeting', 'main-menu:option 1', 'card-services:option 2',
    'cards:answered by agent-3', 'survey:no_answer', 'bye:normal']);
  assert.equal(result.path[2].at - result.path[1].at, 3000);
  assert.equal(call.waits[0].options.priority, 20);
});

test('bank: balance by account number is spoken, then the caller goes to an agent and hangs up while waiting', async () => {
  const call = new FakeFlowCall();
  call.webhookHandler = async (url) => (url.endsWith('/balance') ? { variables: { balance: '$1,204.50', account_last4: '5678' } } : {});
  call.when('play:bank-main-menu', () => call.press('3'))
    .when('play:bank-enter-account', () => call.press('12345678#'))
    .when('play:bank-main-menu', () => call.press('0'));
  const runner = new FlowRunner(bank, call);
  call.when('enqueue:bank-general', () => call.after(75_000, () => runner.kill()));
  const result = await call.drive(runner.run());
  assert.equal(result.reason, 'killed');
  assert.deepEqual(pathOf(result), ['start', 'lookup:ok', 'greeting', 'main-menu:option 3', 'balance:digits', 'balance-lookup:ok',
    'has-balance:then', 'speak-balance', 'main-menu:option 0', 'general']);
  assert.ok(call.events.includes('say:The available balance on account ending 5678 is $1,204.50.'));
  assert.deepEqual(call.webhookBodies[1], {
    account: '12345678', caller: '+14155550123',
    variables: { caller: '+14155550123', called: '+18005550100', account: '12345678' },
  });
  assert.deepEqual(call.waits[0].exits, ['caller_hangup']);
  assert.equal(call.pendingTimers, 0);
  assert.equal(runner.attributes().digits, '3 12345678 0');
});
