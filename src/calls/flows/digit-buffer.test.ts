import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeFlowCall } from './fake-flow-call.test-helper.js';

test('digits typed ahead during a prompt are consumed by the next collection', async () => {
  const call = new FakeFlowCall();
  call.digitBuffer.push('4');
  call.digitBuffer.push('2');
  const r = await call.drive(call.collectDigits({ maxDigits: 2, timeoutMs: 5000 }));
  assert.deepEqual(r, { digits: '42', reason: 'max_digits' });
  assert.equal(call.digitBuffer.typed, '');
});

test('the terminator ends the entry and is not part of it; later digits stay typed ahead', async () => {
  const call = new FakeFlowCall();
  call.press('123#9', 100);
  const r = await call.drive(call.collectDigits({ maxDigits: 8, terminator: '#', timeoutMs: 5000 }));
  assert.deepEqual(r, { digits: '123', reason: 'terminator' });
  await call.advance(1000);
  assert.equal(call.digitBuffer.typed, '9');
});

test('no first digit within the timeout gives an empty entry, at the timeout and not before', async () => {
  const call = new FakeFlowCall();
  const start = call.now();
  const r = await call.drive(call.collectDigits({ maxDigits: 4, timeoutMs: 5000 }));
  assert.deepEqual(r, { digits: '', reason: 'timeout' });
  assert.equal(call.now() - start, 5000);
});

test('the inter-digit timeout ends a partial entry', async () => {
  const call = new FakeFlowCall();
  call.press('12', 1000);
  const start = call.now();
  const r = await call.drive(call.collectDigits({ maxDigits: 8, timeoutMs: 10_000, interDigitTimeoutMs: 3000 }));
  assert.deepEqual(r, { digits: '12', reason: 'timeout' });
  assert.equal(call.now() - start, 1300 + 3000);
});

test('aborting a collection rejects it and cancels its timer', async () => {
  const call = new FakeFlowCall();
  const abort = new AbortController();
  const p = call.collectDigits({ maxDigits: 1, timeoutMs: 5000 }, abort.signal);
  abort.abort(new Error('hung up'));
  await assert.rejects(p, /hung up/);
  assert.equal(call.pendingTimers, 0);
});

test('a terminator pressed after a full-length entry is not left for the next menu', async () => {
  const call = new FakeFlowCall();
  call.press('1234#5', 100);
  const r = await call.drive(call.collectDigits({ maxDigits: 4, terminator: '#', timeoutMs: 5000 }));
  assert.deepEqual(r, { digits: '1234', reason: 'max_digits' });
  await call.advance(2000);
  assert.equal(call.digitBuffer.typed, '5');
  call.digitBuffer.clear();
  for (const d of '99#7') call.digitBuffer.push(d);
  assert.deepEqual(await call.drive(call.collectDigits({ maxDigits: 2, terminator: '#', timeoutMs: 5000 })), { digits: '99', reason: 'max_digits' });
  assert.equal(call.digitBuffer.typed, '7');
});
