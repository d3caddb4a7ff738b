// Random mutations of valid messages: the parser only ever returns a coded
// result, and whatever it accepts survives parse → serialize → parse unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, type ParseResult } from './parse-message.js';
import { serializeMessage } from './serialize.js';
import { SipParseErrors } from './errors.js';
import { formatUri } from './uri.js';
import { StreamFramer } from './stream-framer.js';
import { mutate, rng, sampleMessages } from './sample-messages.test-helper.js';

function checkResult(r: ParseResult, input: Buffer): void {
  if (!r.ok) {
    assert.ok(r.error.code in SipParseErrors.table, `coded error for ${JSON.stringify(input.toString('latin1').slice(0, 200))}`);
    assert.ok(r.error.action === 'drop' || r.error.status >= 400);
    return;
  }
  const once = serializeMessage(r.message);
  // Long header names can make the rewritten message a little larger than the limit.
  const again = parseMessage(once, { maxMessageBytes: 1 << 20 });
  assert.ok(again.ok, `round trip of accepted message failed: ${again.ok ? '' : again.error.reason}`);
  const a = r.message;
  const b = again.message;
  assert.equal(b.kind, a.kind);
  if (a.kind === 'request' && b.kind === 'request') {
    assert.equal(b.method, a.method);
    assert.equal(formatUri(b.uri), formatUri(a.uri));
  }
  assert.deepEqual(b.headers.entries.filter((e) => e.key !== 'content-length'), a.headers.entries.filter((e) => e.key !== 'content-length'));
  assert.deepEqual(b.body, a.body);
  assert.deepEqual(serializeMessage(b), once, 'serialization is a fixed point');
}

void test('20,000 random mutations: coded errors only, stable round trips', () => {
  const seeds = sampleMessages();
  const r = rng(4475);
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    let input = seeds[i % seeds.length];
    const rounds = 1 + Math.floor(r() * 3);
    for (let k = 0; k < rounds; k++) input = mutate(input, r);
    let result: ParseResult;
    try {
      result = parseMessage(input);
    } catch (err) {
      assert.fail(`parser threw on mutation ${i}: ${String(err)}`);
    }
    if (result.ok) accepted++;
    checkResult(result, input);
  }
  assert.ok(accepted > 1000, `enough mutations stay valid to exercise round trips (${accepted})`);
});

void test('hostile shapes finish: long runs of separators, quotes, folds and params', () => {
  const base = 'OPTIONS sip:a@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n';
  const shapes = [
    'Contact: ' + '"'.repeat(60000),
    'Contact: <sip:a@h>' + ';a'.repeat(20000),
    'Via: SIP/2.0/UDP h' + ' '.repeat(60000) + 'x',
    'X-Fold: a' + '\r\n b'.repeat(15000),
    'Contact: ' + '<'.repeat(60000),
    'CSeq: 1' + ' '.repeat(60000) + 'X Y',
    'Route: ' + '<sip:h;lr>,'.repeat(5000),
  ];
  for (const s of shapes) {
    const input = Buffer.from(base + s + '\r\nContent-Length: 0\r\n\r\n');
    checkResult(parseMessage(input), input);
  }
});

void test('mutated TCP streams: the framer yields messages or one error, never throws', () => {
  const seeds = sampleMessages();
  const r = rng(3261);
  for (let i = 0; i < 2000; i++) {
    const f = new StreamFramer();
    const stream = Buffer.concat([seeds[i % seeds.length], mutate(seeds[(i + 1) % seeds.length], r), seeds[(i + 2) % seeds.length]]);
    let errors = 0;
    for (let p = 0; p < stream.length; p += 1 + Math.floor(r() * 900)) {
      for (const ev of f.push(stream.subarray(p, p + 1 + Math.floor(r() * 900)))) {
        if (ev.type === 'error') errors++;
        else if (ev.type === 'message') checkResult(parseMessage(ev.bytes), ev.bytes);
      }
    }
    assert.ok(errors <= 1);
  }
});
