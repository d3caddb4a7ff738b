import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeFlowCall, pathOf, runFlow } from '../fake-flow-call.test-helper.js';
import { FlowRunner } from '../flow-runner.js';
import { parseFlow } from '../validate-flow.js';
import { positionAnnouncement } from '../queue-hold.js';

const queued = (extra: object = {}) => ({
  name: 'test',
  steps: [
    { id: 'menu', menu: { prompt: 'main', options: { 1: 'q' } } },
    {
      id: 'q',
      enqueue: {
        queue: 'orders', priority: 40, hold_music: 'music', announce: { every_s: 30, position: true, ewt: true },
        max_wait_s: 600, timeout: 'vm', callback: { key: '1', prompt: 'press-1-callback', branch: 'cb' }, voicemail: { key: '2', branch: 'vm' },
        ...extra,
      },
    },
    { id: 'rate', survey: { prompt: 'rate' } },
    { id: 'bye', hangup: {} },
    { id: 'cb', play: { prompt: 'we-will-call' }, next: 'bye' },
    { id: 'vm', voicemail: { prompt: 'leave-message' }, next: 'bye' },
  ],
});

function caller(): FakeFlowCall {
  const call = new FakeFlowCall();
  call.when('play:main', () => call.press('1'));
  return call;
}

test('announcements say the position and the wait in words', () => {
  assert.equal(positionAnnouncement({ position: 1, ewtS: 45 }, { position: true, ewt: true }), 'You are caller number 1. Your estimated wait is less than a minute.');
  assert.equal(positionAnnouncement({ position: 4, ewtS: 61 }, { position: false, ewt: true }), 'Your estimated wait is about 2 minutes.');
});

test('waiting: music, an announcement and the callback offer every 30 s, then the agent; the survey follows the conversation', async () => {
  const call = caller();
  call.queueStatus = { position: 2, ewtS: 90 };
  call.onEnqueue = (w) => w.answerAfter(80_000, 'agent-7', 120_000);
  call.when('play:rate', () => call.press('5'));
  const { result } = await runFlow(queued(), call);
  assert.deepEqual(pathOf(result), ['menu:option 1', 'q:answered by agent-7', 'rate:csat 5', 'bye:normal']);
  const wait = call.waits[0];
  assert.equal(wait.options.priority, 40);
  assert.deepEqual(wait.options.attributes.flow_path, ['menu:menu (option 1)', 'q:enqueue']);
  assert.equal(wait.options.attributes.digits, '1');
  const between = call.events.slice(call.events.indexOf('enqueue:orders') + 1, call.events.indexOf('connected agent-7'));
  const said = 'say:You are caller number 2. Your estimated wait is about 2 minutes.';
  assert.deepEqual(between, ['play:music (loop)', 'collect', said, 'play:press-1-callback', 'play:music (loop)', said, 'play:press-1-callback', 'play:music (loop)']);
  assert.equal(result.path[2].at - result.path[1].at, 80_000 + 120_000, 'the survey starts when the agent hangs up');
  assert.deepEqual(wait.exits, []);
});

test('press 1 for a callback: the queue keeps the place as a callback and the caller hears the confirmation', async () => {
  const call = caller();
  call.when('play:press-1-callback', () => call.press('1', 500));
  const { result } = await runFlow(queued(), call);
  assert.deepEqual(call.waits[0].exits, ['callback']);
  assert.deepEqual(pathOf(result), ['menu:option 1', 'q:callback', 'cb', 'bye:normal']);
  assert.deepEqual(result.digits.map((d) => `${d.id}:${d.digits}`), ['menu:1', 'q:1']);
});

test('other keys while queued change nothing; 2 leaves for voicemail', async () => {
  const call = caller();
  call.when('enqueue:orders', () => {
    call.press('5', 10_000);
    call.press('2', 40_000);
  });
  const { result } = await runFlow(queued(), call);
  assert.deepEqual(call.waits[0].exits, ['voicemail']);
  assert.deepEqual(pathOf(result).slice(1, 3), ['q:voicemail', 'vm:recorded 20 s']);
  assert.equal(result.path[2].at - result.path[1].at, 40_000);
});

test('max_wait_s leaves the queue at the timeout and takes the timeout branch', async () => {
  const call = caller();
  const { result } = await runFlow(queued({ max_wait_s: 300 }), call);
  assert.deepEqual(call.waits[0].exits, ['timeout']);
  assert.deepEqual(pathOf(result).slice(1, 3), ['q:timeout', 'vm:recorded 20 s']);
  assert.equal(result.path[2].at - result.path[1].at, 300_000);
});

test('the caller hangs up while queued: the wait is abandoned and music, announcements and timers stop', async () => {
  const call = caller();
  const runner = new FlowRunner(parseFlow(queued(), { tts: true }), call);
  call.when('enqueue:orders', () => call.after(45_000, () => runner.kill()));
  const result = await call.drive(runner.run());
  assert.equal(result.reason, 'killed');
  assert.deepEqual(call.waits[0].exits, ['caller_hangup']);
  assert.equal(call.playing, false);
  assert.equal(call.pendingTimers, 0);
  const before = call.events.length;
  await call.advance(600_000);
  assert.equal(call.events.length, before);
});
