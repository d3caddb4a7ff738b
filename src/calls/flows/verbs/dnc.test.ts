import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateFlow } from '../validate-flow.js';
import { FakeFlowCall, pathOf, runFlow } from '../fake-flow-call.test-helper.js';

const flow = (...steps: unknown[]) => ({ name: 'test', steps });
const PRESS_9 = [
  { id: 'm', menu: { prompt: 'main', options: { 1: 'sales', 9: 'stop' } } },
  { id: 'sales', hangup: {} },
  { id: 'stop', dnc: { say: 'You will not be called again.' } },
  { id: 'bye', hangup: {} },
];

test('dnc: "press 9" puts the caller\'s number (E.164) on the list, confirms, and the flow goes on', async () => {
  const call = new FakeFlowCall({ variables: { caller: '(415) 555-0123', called: '+18005550100' } });
  call.when('play:main', () => call.press('9'));
  const { result } = await runFlow(flow(...PRESS_9), call);
  assert.deepEqual(call.doNotCall, ['+14155550123']);
  assert.deepEqual(pathOf(result), ['m:option 9', 'stop:added', 'bye:normal']);
  assert.ok(call.events.includes('say:You will not be called again.'), 'the caller hears the confirmation');
});

test('dnc: a number already on the list is not added twice, and the caller still hears the confirmation', async () => {
  const call = new FakeFlowCall();
  call.doNotCall.push('+14155550123');
  const { result } = await runFlow(flow({ id: 'stop', dnc: { prompt: 'removed' } }), call);
  assert.deepEqual(call.doNotCall, ['+14155550123']);
  assert.deepEqual(pathOf(result), ['stop:already listed']);
  assert.ok(call.events.includes('play:removed'));
});

test('dnc: an anonymous caller adds nothing, hears no false confirmation, and the flow goes on', async () => {
  const call = new FakeFlowCall({ variables: { caller: 'anonymous', called: '+18005550100' } });
  const { result } = await runFlow(flow({ id: 'stop', dnc: { say: 'Done.' } }, { id: 'bye', hangup: {} }), call);
  assert.deepEqual(call.doNotCall, []);
  assert.deepEqual(pathOf(result), ['stop:no number', 'bye:normal']);
  assert.ok(!call.events.includes('say:Done.'));
});

test('dnc: the validator accepts { "dnc": {} }, refuses unknown fields, and checks the confirmation prompt and text to speech', () => {
  assert.deepEqual(validateFlow(flow({ dnc: {} }, { hangup: {} }), { tts: false }).errors, []);
  const bad = validateFlow(flow({ dnc: { number: '+14155550123' } }), { tts: true });
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0].path, /^steps\[0\]\.dnc/);
  const caps = validateFlow(flow({ dnc: { prompt: 'gone', say: 'Removed.' } }), { tts: false, prompts: ['main'] });
  assert.deepEqual(caps.errors.map((e) => e.path).sort(), ['steps[0].dnc.prompt', 'steps[0].dnc.say']);
});
