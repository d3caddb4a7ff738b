import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeFlowCall, pathOf, runFlow } from '../fake-flow-call.test-helper.js';

const flow = (...steps: unknown[]) => ({ name: 'test', steps });
const END = ['open', 'closed', 'holiday', 'yes', 'no', 'vip', 'fallback', 'failed'].map((id) => ({ id, hangup: {} }));

const hours = {
  hours: {
    time_zone: 'Europe/London', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
    holidays: [{ date: '2026-05-04', name: 'Early May bank holiday' }], open: 'open', closed: 'closed', holiday: 'holiday',
  },
};

test('hours: open, closed and holiday in the client zone (BST in summer)', async () => {
  const at = async (ms: number) => pathOf((await runFlow(flow(hours, ...END), new FakeFlowCall({ start: ms }))).result)[0];
  assert.equal(await at(Date.UTC(2026, 0, 5, 9, 30)), '0:hours:open'); // Mon 09:30 GMT
  assert.equal(await at(Date.UTC(2026, 6, 6, 8, 30)), '0:hours:open'); // Mon 09:30 BST = 08:30 UTC
  assert.equal(await at(Date.UTC(2026, 6, 6, 16, 30)), '0:hours:closed'); // Mon 17:30 BST
  assert.equal(await at(Date.UTC(2026, 0, 7, 10, 0)), '0:hours:closed'); // Wednesday
  assert.equal(await at(Date.UTC(2026, 4, 4, 10, 0)), '0:hours:holiday'); // bank holiday Monday
});

test('condition: equals compares digits and numbers as text; in; exists', async () => {
  const run = async (test: object, variables: Record<string, string | number>) =>
    pathOf((await runFlow(flow({ condition: { var: 'x', ...test, then: 'yes', else: 'no' } }, ...END), new FakeFlowCall({ variables }))).result)[0];
  assert.equal(await run({ equals: 1 }, { x: '1' }), '0:condition:then');
  assert.equal(await run({ equals: 'gold' }, { x: 'silver' }), '0:condition:else');
  assert.equal(await run({ in: ['gold', 'platinum'] }, { x: 'platinum' }), '0:condition:then');
  assert.equal(await run({ exists: true }, {}), '0:condition:else');
  assert.equal(await run({ exists: false }, { x: '' }), '0:condition:then');
});

test('webhook: the answer sets variables and picks a step among its routes', async () => {
  const call = new FakeFlowCall();
  call.webhookHandler = async () => ({ variables: { customer_name: 'Ada', tier: 'vip' }, next: 'vip' });
  const { result } = await runFlow(flow(
    { id: 'lookup', set: { channel: 'phone' } },
    { id: 'ask', webhook: { url: 'https://crm.example/lookup', body: { caller: '{{caller}}' }, routes: ['vip'], fallback: 'fallback' } },
    ...END), call);
  assert.deepEqual(pathOf(result).slice(1), ['ask:ok → vip', 'vip:normal']);
  assert.equal(result.variables.customer_name, 'Ada');
  assert.deepEqual(call.webhookBodies[0], { caller: '+14155550123', variables: { caller: '+14155550123', called: '+18005550100', channel: 'phone' } });
});

test('webhook: a slow system takes the fallback exactly at the timeout', async () => {
  const call = new FakeFlowCall(); // the fake's webhook never answers
  const { result } = await runFlow(flow({ id: 'ask', webhook: { url: 'https://crm.example/slow', timeout_s: 3, fallback: 'fallback' } }, ...END), call);
  assert.deepEqual(pathOf(result), ['ask:fallback: timeout', 'fallback:normal']);
  assert.equal(result.path[1].at - result.path[0].at, 3000);
});

test('webhook: an error, a malformed answer or a step outside routes take the fallback', async () => {
  const answers: (() => Promise<unknown>)[] = [
    async () => { throw new Error('503'); },
    async () => ({ variables: { 'bad name!': 1 } }),
    async () => ({ next: 'yes' }),
  ];
  const outcomes = [];
  for (const answer of answers) {
    const call = new FakeFlowCall();
    call.webhookHandler = answer;
    const { result } = await runFlow(flow({ webhook: { url: 'https://crm.example/x', routes: ['vip'], fallback: 'fallback' } }, ...END), call);
    outcomes.push(pathOf(result).join(' '));
  }
  assert.deepEqual(outcomes, [
    '0:webhook:fallback: request failed fallback:normal',
    '0:webhook:fallback: bad response fallback:normal',
    '0:webhook:fallback: "yes" is not in routes fallback:normal',
  ]);
});

test('transfer: success ends the flow without a hang-up; a refusal takes the failed branch', async () => {
  const ok = new FakeFlowCall();
  const r1 = await runFlow(flow({ transfer: { number: '+442071234567', failed: 'failed' } }, ...END), ok);
  assert.equal(r1.result.reason, 'transferred');
  assert.equal(ok.hungUp, undefined);
  const refused = new FakeFlowCall();
  refused.transferResult = { ok: false, reason: 'dial plan forbids premium numbers' };
  const r2 = await runFlow(flow({ transfer: { number: '+19005550100', failed: 'failed' } }, ...END), refused);
  assert.deepEqual(pathOf(r2.result), ['0:transfer:failed: dial plan forbids premium numbers', 'failed:normal']);
});

test('voicemail: greeting, then a recording routed to the named queue', async () => {
  const call = new FakeFlowCall();
  const { result } = await runFlow(flow({ voicemail: { prompt: 'leave-message', queue: 'support' } }, { play: { prompt: 'bye' } }), call);
  assert.deepEqual(call.events.slice(0, 4), ['answer', 'play:leave-message', 'voicemail:support', 'play:bye']);
  assert.equal(result.variables.voicemail_s, 20);
});
