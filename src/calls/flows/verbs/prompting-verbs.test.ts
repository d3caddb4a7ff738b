import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeFlowCall, pathOf, runFlow } from '../fake-flow-call.test-helper.js';

const flow = (...steps: unknown[]) => ({ name: 'test', steps });
const END = [{ id: 'a', hangup: {} }, { id: 'b', hangup: {} }, { id: 'fallback', hangup: {} }];

test('menu: a key pressed during the prompt stops it and picks the branch', async () => {
  const call = new FakeFlowCall();
  call.promptMs.main = 8000;
  call.when('play:main', () => call.press('2', 1500));
  const { result } = await runFlow(flow({ id: 'm', menu: { prompt: 'main', options: { 1: 'a', 2: 'b' } } }, ...END), call);
  assert.deepEqual(pathOf(result), ['m:option 2', 'b:normal']);
  assert.equal(result.path[1].at - result.path[0].at, 1500, 'the prompt was cut short');
});

test('menu: a wrong key plays the invalid prompt and asks again; silence twice more takes the default', async () => {
  const call = new FakeFlowCall();
  call.when('play:main', () => call.press('7'));
  const { result } = await runFlow(flow(
    { id: 'm', menu: { prompt: 'main', options: { 1: 'a' }, retries: 2, timeout_s: 4, invalid_prompt: 'sorry', default: 'fallback' } }, ...END), call);
  assert.deepEqual(call.events.filter((e) => e.startsWith('play:')), ['play:main', 'play:sorry', 'play:main', 'play:main']);
  assert.deepEqual(pathOf(result), ['m:default (no_input)', 'fallback:normal']);
  assert.deepEqual(result.digits.map((d) => d.digits), ['7']);
});

test('menu: a caller who knows the menu can press during the greeting (type-ahead)', async () => {
  const call = new FakeFlowCall();
  call.when('play:welcome', () => call.press('1', 500));
  const { result } = await runFlow(flow({ play: { prompt: 'welcome', barge_in: true } },
    { id: 'm', menu: { prompt: 'main', options: { 1: 'a' } } }, ...END), call);
  assert.deepEqual(pathOf(result), ['0:play', 'm:option 1', 'a:normal']);
  assert.ok(!call.events.includes('play:main'), 'the menu prompt is skipped when a key is already waiting');
});

test('gather: digits up to the terminator go into the variable', async () => {
  const call = new FakeFlowCall();
  call.when('play:account', () => call.press('12345678#'));
  const { result } = await runFlow(flow(
    { gather: { prompt: 'account', max_digits: 10, terminator: '#', into: 'account', pattern: '^[0-9]{8}$' } },
    { say: { text: 'Account {{account}}' } }), call);
  assert.equal(result.variables.account, '12345678');
  assert.ok(call.events.includes('say:Account 12345678'));
});

test('gather: an entry that fails the pattern retries, then takes the invalid branch', async () => {
  const call = new FakeFlowCall();
  call.when('play:account', () => call.press('12#')).when('play:account', () => call.press('99#'));
  const { result } = await runFlow(flow(
    { id: 'g', gather: { prompt: 'account', max_digits: 8, terminator: '#', min_digits: 8, retries: 1, invalid: 'a', no_input: 'b' } }, ...END), call);
  assert.deepEqual(pathOf(result), ['g:invalid', 'a:normal']);
  assert.equal(result.variables.digits, undefined);
  assert.deepEqual(result.digits.map((d) => d.digits), ['12', '99']);
});

test('gather: no input at all takes the no_input branch after the retries, at the right time', async () => {
  const call = new FakeFlowCall();
  const { result } = await runFlow(flow(
    { id: 'g', gather: { prompt: 'pin', timeout_s: 5, retries: 2, invalid: 'a', no_input: 'b' } }, ...END), call);
  assert.deepEqual(pathOf(result), ['g:no_input', 'b:normal']);
  assert.equal(result.path[1].at - result.path[0].at, 3 * (2000 + 5000));
});

test('survey: a 1-5 key is stored as a number; other keys are asked again', async () => {
  const call = new FakeFlowCall();
  call.when('play:rate', () => call.press('8')).when('play:rate', () => call.press('5'));
  const { result } = await runFlow(flow({ survey: { prompt: 'rate', thanks_prompt: 'thanks', retries: 1 } }), call);
  assert.equal(result.variables.csat, 5);
  assert.ok(call.events.includes('play:thanks'));
  assert.deepEqual(pathOf(result), ['0:survey:csat 5']);
});

test('survey: silence leaves no score and no thanks', async () => {
  const call = new FakeFlowCall();
  const { result } = await runFlow(flow({ survey: { say: 'Rate us from 1 to 5', thanks_say: 'Thanks', retries: 0 } }), call);
  assert.equal(result.variables.csat, undefined);
  assert.ok(!call.events.includes('say:Thanks'));
  assert.deepEqual(pathOf(result), ['0:survey:no_answer']);
});
