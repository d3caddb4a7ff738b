import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from '../sip/message/parse-message.js';
import { createResponse } from '../sip/message/response.js';
import type { SipRequest } from '../sip/message/message.js';
import { optionsPinger, outcomeOf, trunkOptionsUri } from './trunk-ping.js';

const parsed = parseMessage('OPTIONS sip:198.51.100.7:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\nFrom: <sip:switchboard@127.0.0.1>;tag=a\r\n'
  + 'To: <sip:198.51.100.7:5060>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n');
if (!parsed.ok) throw new Error('sample OPTIONS does not parse');
const options = parsed.message as SipRequest;

void test('a carrier\'s own 408/503 means alive; the core\'s stand-in for no answer means down', () => {
  assert.deepEqual(outcomeOf(createResponse(options, 408, { toTag: 'far' })), { kind: 'response', status: 408 });
  assert.deepEqual(outcomeOf(createResponse(options, 405, { toTag: 'far' })), { kind: 'response', status: 405 });
  // finalResponse() in sip/ua/core-context.ts builds these from our own request: no To tag.
  assert.deepEqual(outcomeOf(createResponse(options, 408)), { kind: 'timeout' });
  assert.deepEqual(outcomeOf(createResponse(options, 503)), { kind: 'transport-error' });
});

void test('the OPTIONS goes to the trunk\'s host:port, over TCP when the trunk says so; a bad target is down, not a crash', async () => {
  const base = { id: 't', name: 'x', clientId: null, port: 5080 } as const;
  assert.equal(trunkOptionsUri({ ...base, host: 'sip.carrier.example', transport: 'udp' }), 'sip:sip.carrier.example:5080');
  assert.equal(trunkOptionsUri({ ...base, host: '2001:db8::7', transport: 'tcp' }), 'sip:[2001:db8::7]:5080;transport=tcp');
  const ping = optionsPinger(() => { throw new Error('SIP_BAD_TARGET'); });
  assert.deepEqual(await ping({ ...base, host: 'x', transport: 'udp' }), { kind: 'transport-error' });
});
