import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeFlowCall, pathOf, runFlow } from './fake-flow-call.test-helper.js';
import { FlowRunner } from './flow-runner.js';
import { parseFlow } from './validate-flow.js';
import { FlowErrors } from './flow-errors.js';

const flow = (...steps: unknown[]) => ({ name: 'test', steps });

test('steps run in order, `next` jumps, and a flow that runs out of steps hangs up normally', async () => {
  const call = new FakeFlowCall();
  const { result } = await runFlow(flow(
    { id: 'hello', play: { prompt: 'hello' }, next: 'last' },
    { id: 'skipped', play: { prompt: 'skipped' } },
    { id: 'last', say: { text: 'Calling from {{caller}}' } },
  ), call);
  assert.equal(result.reason, 'completed');
  assert.deepEqual(call.events, ['answer', 'play:hello', 'say:Calling from +14155550123', 'hangup:normal']);
  assert.deepEqual(pathOf(result), ['hello', 'last']);
  assert.equal(result.path[1].at - result.path[0].at, 2000);
});

test('the call is answered once, before the first verb with audio, not before a webhook', async () => {
  const call = new FakeFlowCall();
  call.webhookHandler = async () => ({ variables: { tier: 'gold' } });
  await runFlow(flow({ webhook: { url: 'https://crm.example/lookup' } }, { play: { prompt: 'a' } }, { play: { prompt: 'b' } }), call);
  assert.deepEqual(call.events.slice(0, 3), ['webhook:https://crm.example/lookup', 'answer', 'play:a']);
  assert.equal(call.events.filter((e) => e === 'answer').length, 1);
});

test('a runaway loop stops at the step limit and the call is hung up', async () => {
  const call = new FakeFlowCall();
  // Valid only with a webhook in the loop; the CRM keeps answering "again".
  call.webhookHandler = async () => ({ next: 'poll' });
  const { result } = await runFlow(flow({ id: 'poll', webhook: { url: 'https://crm.example/ready', routes: ['poll'] } }), call, { maxSteps: 25 });
  assert.equal(result.reason, 'max_steps');
  assert.equal(result.steps, 25);
  assert.equal(call.hungUp, 'flow_step_limit');
});

test('kill() while the caller is being asked stops the prompt, the collection and every timer', async () => {
  const call = new FakeFlowCall();
  call.promptMs.pin = 10_000;
  const runner = new FlowRunner(parseFlow(flow({ gather: { prompt: 'pin', max_digits: 4, timeout_s: 5 } }, { play: { prompt: 'after' } }), { tts: true }), call);
  const done = runner.run();
  call.when('play:pin', () => call.after(3000, () => runner.kill()));
  const result = await call.drive(done);
  assert.equal(result.reason, 'killed');
  assert.equal(runner.state, 'killed');
  assert.equal(call.playing, false);
  assert.equal(call.pendingTimers, 0);
  await call.advance(60_000);
  assert.deepEqual(call.events, ['answer', 'play:pin']);
  assert.equal(call.hungUp, undefined, 'the caller is gone: no hang-up is sent');
});

test('kill() mid-collection (after the prompt) rejects nothing and leaves nothing running', async () => {
  const call = new FakeFlowCall();
  const runner = new FlowRunner(parseFlow(flow({ menu: { prompt: 'm', options: { 1: 'x' }, timeout_s: 8 } }, { id: 'x', hangup: {} }), { tts: true }), call);
  call.when('collect', () => call.after(4000, () => runner.kill()));
  const result = await call.drive(runner.run());
  assert.equal(result.reason, 'killed');
  assert.equal(call.pendingTimers, 0);
  assert.deepEqual(result.path.map((p) => p.outcome), [undefined]);
});

test('run() twice is refused; kill() after the end changes nothing', async () => {
  const call = new FakeFlowCall();
  const runner = new FlowRunner(parseFlow(flow({ hangup: { cause: 'busy' } }), { tts: true }), call);
  const result = await call.drive(runner.run());
  assert.equal(result.reason, 'hangup');
  assert.equal(call.hungUp, 'busy');
  await assert.rejects(runner.run(), (e) => FlowErrors.is(e, 'FLOW_ALREADY_STARTED'));
  runner.kill();
  assert.equal(runner.state, 'ended');
});

test('a verb that fails hangs the call up with flow_error instead of leaving the caller in silence', async () => {
  const call = new FakeFlowCall();
  call.transfer = async () => {
    throw new Error('trunk exploded');
  };
  const { result } = await runFlow(flow({ transfer: { number: '+14155550100' } }, { play: { prompt: 'never' } }), call);
  assert.equal(result.reason, 'error');
  assert.equal(call.hungUp, 'flow_error');
  assert.deepEqual(pathOf(result), ['0:transfer:error']);
});

test('attributes carry the path and digits for the screen pop', async () => {
  const call = new FakeFlowCall();
  call.when('play:m', () => call.press('2'));
  const { runner } = await runFlow(flow({ id: 'main', menu: { prompt: 'm', options: { 2: 'support' } } }, { id: 'support', hangup: {} }), call);
  assert.deepEqual(runner.attributes(), {
    flow: 'test',
    flow_path: ['main:menu (option 2)', 'support:hangup (normal)'],
    digits: '2',
    variables: { caller: '+14155550123', called: '+18005550100' },
  });
});
