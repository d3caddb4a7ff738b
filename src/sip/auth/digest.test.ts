import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../platform/clock.js';
import { parseMessage } from '../message/parse-message.js';
import type { SipRequest } from '../message/message.js';
import { digestResponse, parseAuthHeader } from './digest.js';
import { answerChallenge } from './digest-client.js';
import { createDigestServer } from './digest-server.js';
import { AuthThrottle } from './auth-throttle.js';

void test('RFC 2617 §3.5 test vector (MD5, qop=auth)', () => {
  assert.equal(digestResponse({
    algorithm: 'MD5', username: 'Mufasa', realm: 'testrealm@host.com', secret: { password: 'Circle Of Life' },
    method: 'GET', uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: { nc: '00000001', cnonce: '0a4f113b' },
  }), '6629fae49393a05397450978507c4ef1');
});

const rfc7616 = {
  username: 'Mufasa', realm: 'http-auth@example.org', secret: { password: 'Circle of Life' }, method: 'GET', uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', qop: { nc: '00000001', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' },
};

void test('RFC 7616 §3.9.1 test vectors (MD5 and SHA-256)', () => {
  assert.equal(digestResponse({ ...rfc7616, algorithm: 'MD5' }), '8ca523f5e9506fed4657c9700eebdbec');
  assert.equal(digestResponse({ ...rfc7616, algorithm: 'SHA-256' }), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
});

void test('the client answers an RFC 7616 challenge with the RFC response, preferring SHA-256', () => {
  const challenge = (alg: string) => `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${alg}, nonce="${rfc7616.nonce}", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
  const a = answerChallenge(401, [challenge('MD5'), challenge('SHA-256')], { username: 'Mufasa', password: 'Circle of Life' },
    { method: 'GET', uri: '/dir/index.html' }, { cnonce: rfc7616.qop.cnonce });
  assert.ok(a);
  assert.equal(a.header, 'Authorization');
  const p = parseAuthHeader(a.value)!.params;
  assert.equal(p.get('algorithm'), 'SHA-256');
  assert.equal(p.get('response'), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  assert.equal(p.get('opaque'), 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS');
  assert.equal(p.get('nc'), '00000001');
  assert.equal(answerChallenge(407, ['Basic realm="x"'], { username: 'u', password: 'p' }, { method: 'INVITE', uri: 'sip:x' }), null);
});

function register(auth?: string): SipRequest {
  const r = parseMessage(`REGISTER sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1\r\nFrom: <sip:1001@pbx.example.com>;tag=1\r\nTo: <sip:1001@pbx.example.com>\r\nCall-ID: r1\r\nCSeq: 1 REGISTER\r\n${auth === undefined ? '' : `Authorization: ${auth}\r\n`}Content-Length: 0\r\n\r\n`);
  assert.ok(r.ok);
  return r.message as SipRequest;
}

void test('server: challenge, correct answer accepted, wrong password and unknown user refused', async () => {
  const clock = new VirtualClock();
  const server = createDigestServer({ realm: 'pbx.example.com', clock, lookup: async (u) => (u === '1001' ? { password: 's3cret' } : null) });
  const first = await server.verify(register());
  assert.ok(!first.ok);
  assert.equal(first.reason, 'no-credentials');
  assert.deepEqual(first.challenge.map((c) => parseAuthHeader(c[1])!.params.get('algorithm')), ['SHA-256', 'MD5']);
  for (const [, value] of first.challenge) {
    const ans = answerChallenge(401, [value], { username: '1001', password: 's3cret' }, { method: 'REGISTER', uri: 'sip:pbx.example.com' })!;
    assert.deepEqual(await server.verify(register(ans.value)), { ok: true, username: '1001' });
    const wrong = answerChallenge(401, [value], { username: '1001', password: 'guess' }, { method: 'REGISTER', uri: 'sip:pbx.example.com' })!;
    assert.equal((await server.verify(register(wrong.value))).ok, false);
    const nobody = answerChallenge(401, [value], { username: '9999', password: 's3cret' }, { method: 'REGISTER', uri: 'sip:pbx.example.com' })!;
    const v = await server.verify(register(nobody.value));
    assert.ok(!v.ok);
    assert.equal(v.reason, 'unknown-user');
  }
});

void test('server: an expired nonce gets stale=true, a forged one is refused', async () => {
  const clock = new VirtualClock();
  const server = createDigestServer({ realm: 'pbx.example.com', clock, nonceTtlMs: 60_000, lookup: async () => ({ password: 'pw' }) });
  const ch = server.challenge(false)[0][1];
  const ans = answerChallenge(401, [ch], { username: '1001', password: 'pw' }, { method: 'REGISTER', uri: 'sip:pbx.example.com' })!;
  clock.advance(61_000);
  const v = await server.verify(register(ans.value));
  assert.ok(!v.ok);
  assert.equal(v.reason, 'stale');
  assert.match(v.challenge[0][1], /stale=true/);
  const nonce = parseAuthHeader(ch)!.params.get('nonce')!;
  const forged = ans.value.replace(nonce, nonce.slice(0, -2) + 'AA');
  const f = await server.verify(register(forged));
  assert.ok(!f.ok);
  assert.equal(f.reason, 'bad-nonce');
});

void test('server: an unknown authorization scheme is challenged (RFC 4475 §3.3.7)', async () => {
  const server = createDigestServer({ realm: 'pbx.example.com', clock: new VirtualClock(), lookup: async () => ({ password: 'pw' }) });
  const v = await server.verify(register('NoOneKnowsThisScheme opaque-data=here'));
  assert.ok(!v.ok);
  assert.equal(v.challenge[0][0], 'WWW-Authenticate');
});

void test('throttle blocks a source after repeated failures, others unaffected, and unblocks later', () => {
  const clock = new VirtualClock();
  const t = new AuthThrottle({ clock, maxFailures: 3, windowMs: 10_000, blockMs: 60_000, maxSources: 100 });
  for (let i = 0; i < 3; i++) t.recordFailure('203.0.113.9');
  assert.equal(t.isBlocked('203.0.113.9'), true);
  assert.equal(t.isBlocked('198.51.100.1'), false);
  clock.advance(60_001);
  assert.equal(t.isBlocked('203.0.113.9'), false);
  for (let i = 0; i < 1000; i++) t.recordFailure(`10.0.${i >> 8}.${i & 255}`);
  assert.ok(t.trackedSources <= 100, 'memory bounded');
});
