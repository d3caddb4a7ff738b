import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../platform/clock.js';
import { parseMessage } from '../message/parse-message.js';
import type { SipRequest } from '../message/message.js';
import { createAdmission, TokenBucket } from './rate-limiter.js';

const req = (method: string, toTag = '') => {
  const r = parseMessage(`${method} sip:x@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:x@h>${toTag}\r\nCall-ID: c\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`);
  assert.ok(r.ok);
  return r.message as SipRequest;
};
const src = (address: string) => ({ source: { address } });

void test('an INVITE flood from one address: burst accepted, then 503 with Retry-After, then dropped', () => {
  const clock = new VirtualClock();
  const admit = createAdmission({ clock, ratePerSec: 5, burst: 10 });
  const verdicts = Array.from({ length: 40 }, () => admit(req('INVITE'), src('203.0.113.5')).verdict);
  assert.deepEqual(verdicts.slice(0, 10), Array(10).fill('accept'));
  assert.deepEqual(verdicts.slice(10, 20), Array(10).fill('reject'));
  assert.deepEqual(verdicts.slice(20), Array(20).fill('drop'));
  const r = admit(req('REGISTER'), src('203.0.113.5'));
  assert.equal(r.verdict, 'drop');
  assert.equal(admit(req('INVITE'), src('198.51.100.1')).verdict, 'accept', 'another address still gets through');
  assert.equal(admit(req('BYE', ';tag=x'), src('203.0.113.5')).verdict, 'accept', 'in-dialog requests are never starved');
  clock.advance(1000);
  assert.equal(admit(req('INVITE'), src('203.0.113.5')).verdict, 'accept', 'tokens refill over time');
});

void test('the first refusal says when to retry', () => {
  const clock = new VirtualClock();
  const admit = createAdmission({ clock, ratePerSec: 0.5, burst: 1 });
  admit(req('INVITE'), src('a'));
  assert.deepEqual(admit(req('INVITE'), src('a')), { verdict: 'reject', retryAfterS: 2 });
});

void test('the bucket table is bounded under a spoofed-source flood', () => {
  const b = new TokenBucket({ clock: new VirtualClock(), ratePerSec: 1, burst: 1, maxKeys: 1000 });
  for (let i = 0; i < 10_000; i++) b.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
  assert.equal(b.size, 1000);
});
