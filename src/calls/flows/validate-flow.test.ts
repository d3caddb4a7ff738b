import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FlowCapabilities } from './flow-call.js';
import { FlowErrors } from './flow-errors.js';
import { parseFlow, validateFlow } from './validate-flow.js';

const TTS: FlowCapabilities = { tts: true };
const flow = (...steps: unknown[]) => ({ name: 'test', steps });
const errorsOf = (json: unknown, caps = TTS) => validateFlow(json, caps).errors.map((e) => `${e.path}: ${e.message}`);
const warningsOf = (json: unknown, caps = TTS) => validateFlow(json, caps).warnings.map((e) => `${e.path}: ${e.message}`);

test('a bad field is named by step, verb and field', () => {
  const json = flow({ answer: {} }, { play: { prompt: 'hi' } }, { set: { a: 1 } }, { gather: { prompt: 'pin', timeout_s: 0 } });
  assert.deepEqual(errorsOf(json), ['steps[3].gather.timeout_s: must be > 0']);
});

test('a branch to a missing step names the option that branches', () => {
  const json = flow({ answer: {} }, { id: 'support', play: { prompt: 'x' } },
    { menu: { prompt: 'main', options: { 1: 'sales', 2: 'support' } } });
  assert.deepEqual(errorsOf(json), ['steps[2].menu.options.1: no step "sales"']);
});

test('say is refused with a clear message when the host has no text to speech', () => {
  const json = flow({ say: { text: 'Welcome' } }, { hangup: {} });
  assert.deepEqual(validateFlow(json, TTS).ok, true);
  const [e] = validateFlow(json, { tts: false }).errors;
  assert.equal(e.path, 'steps[0].say');
  assert.match(e.message, /text to speech is not available.*espeak-ng is not installed/);
});

test('a prompting verb with spoken text is refused too, and a prompt that was never uploaded is named', () => {
  const json = flow({ menu: { say: 'Press 1', options: { 1: 'a' } } }, { id: 'a', play: { prompt: 'welcom' } });
  assert.deepEqual(errorsOf(json, { tts: false, prompts: ['welcome'] }).map((e) => e.split(':')[0]), ['steps[0].menu.say', 'steps[1].play.prompt']);
  assert.match(errorsOf(json, { tts: true, prompts: ['welcome'] })[0], /^steps\[1\].play.prompt: no prompt "welcom" has been uploaded/);
});

test('structure: unknown verbs, two verbs in a step, no verb, unknown fields, duplicate ids', () => {
  assert.match(errorsOf(flow({ gathr: {} }))[0], /^steps\[0\].gathr: unknown verb "gathr"/);
  assert.deepEqual(errorsOf(flow({ play: { prompt: 'a' }, hangup: {} })), ['steps[0]: one verb per step, found play and hangup']);
  assert.match(errorsOf(flow({ id: 'x' }))[0], /^steps\[0\]: has no verb/);
  assert.deepEqual(errorsOf(flow({ gather: { prompt: 'a', timeout: 5 } })), ['steps[0].gather.timeout: unknown field']);
  assert.deepEqual(errorsOf(flow({ id: 'a', answer: {} }, { id: 'a', hangup: {} })), ['steps[1].id: duplicate step id "a" (also steps[0])']);
  assert.deepEqual(errorsOf({ name: 'x', steps: [] }), ['steps: must have at least one step']);
  assert.deepEqual(errorsOf({ steps: [{ answer: {} }] }), ['name: is required']);
  assert.deepEqual(errorsOf({ name: 'x', steps: [5] }), ['steps[0]: must be an object: { "<verb>": { ... } }']);
  assert.deepEqual(errorsOf('flow'), ['(flow): must be a JSON object: { "name": ..., "steps": [...] }']);
});

test('verb-specific rules', () => {
  assert.deepEqual(errorsOf(flow({ menu: { prompt: 'm', options: { 12: 'a' } } }, { id: 'a', hangup: {} })),
    ['steps[0].menu.options.12: must be one key: 0-9, * or #']);
  assert.deepEqual(errorsOf(flow({ hours: { time_zone: 'Mars/Olympus', weekly: { mon: [['09:00', '17:00']] }, closed: 'x' } }, { id: 'x', hangup: {} })),
    ['steps[0].hours.time_zone: must be an IANA time zone such as "Europe/London"']);
  assert.deepEqual(errorsOf(flow({ hours: { time_zone: 'UTC', weekly: { mon: [['9:00', '17:00']] }, closed: 'x' } }, { id: 'x', hangup: {} })),
    ['steps[0].hours.weekly.mon[0][0]: must be a time of day "HH:MM" (00:00-24:00)']);
  assert.deepEqual(errorsOf(flow({ condition: { var: 'tier', then: 'x' } }, { id: 'x', hangup: {} })),
    ['steps[0].condition.var: needs exactly one test: equals, in or exists']);
  assert.deepEqual(errorsOf(flow({ transfer: { agent: 'a1', number: '+14155550100' } })),
    ['steps[0].transfer.agent: needs exactly one target: agent, queue or number']);
  assert.deepEqual(errorsOf(flow({ webhook: { url: 'ftp://crm/x' } })), ['steps[0].webhook.url: must be an http(s) URL']);
  assert.deepEqual(errorsOf(flow({ enqueue: { queue: 'q', callback: { key: '1', branch: 'a' }, voicemail: { key: '1', branch: 'a' } } }, { id: 'a', hangup: {} })),
    ['steps[0].enqueue.voicemail.key: must differ from callback.key']);
  assert.match(errorsOf(flow({ enqueue: { queue: 'q', announce: { every_s: 30, position: true } } }), { tts: false })[0],
    /^steps\[0\].enqueue.announce.position: spoken position and wait need text to speech/);
  assert.deepEqual(errorsOf(flow({ enqueue: { queue: 'sales' } }), { tts: true, queues: ['support'] }), ['steps[0].enqueue.queue: no queue "sales" for this client']);
});

test('unreachable steps are warnings, not errors', () => {
  const json = flow({ play: { prompt: 'bye' } }, { hangup: {} }, { id: 'orphan', play: { prompt: 'never' } });
  const v = validateFlow(json, TTS);
  assert.equal(v.ok, true);
  assert.deepEqual(warningsOf(json), ['steps[2]: unreachable: no step branches or falls through to it']);
});

test('a loop that never asks the caller anything is an error; through a menu it is fine', () => {
  const busy = flow({ id: 'a', play: { prompt: 'x' } }, { set: { n: 1 }, next: 'a' });
  const [e] = validateFlow(busy, TTS).errors;
  assert.equal(e.path, 'steps[0]');
  assert.match(e.message, /loop steps\[0\] "a" → steps\[1\] never waits for the caller .*step limit/);
  const menuLoop = flow({ id: 'm', menu: { prompt: 'm', options: { 3: 'hrs' }, default: 'q' } }, { id: 'hrs', play: { prompt: 'h' }, next: 'm' },
    { id: 'q', enqueue: { queue: 'q' } });
  assert.deepEqual(validateFlow(menuLoop, TTS).errors, []);
  const polling = flow({ id: 'w', webhook: { url: 'https://crm.example/x', routes: ['w'] } }, { hangup: {} });
  const v = validateFlow(polling, TTS);
  assert.equal(v.ok, true);
  assert.match(v.warnings[0].message, /only ends when the webhook's answer changes/);
});

test('parseFlow throws FLOW_INVALID with the issues; fills in defaults when valid', () => {
  try {
    parseFlow(flow({ gather: { timeout_s: -1 } }), TTS);
    assert.fail('expected FLOW_INVALID');
  } catch (err) {
    assert.ok(FlowErrors.is(err, 'FLOW_INVALID'));
    assert.deepEqual(err.details?.issues, [{ path: 'steps[0].gather.timeout_s', message: 'must be > 0' }]);
    assert.match(err.message, /steps\[0\].gather.timeout_s: must be > 0/);
  }
  const f = parseFlow(flow({ gather: { prompt: 'pin' } }), TTS);
  assert.deepEqual(f.steps[0].config, { prompt: 'pin', timeout_s: 5, max_digits: 1, min_digits: 1, retries: 2, into: 'digits' });
});
