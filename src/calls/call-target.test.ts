import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUri, type Uri } from '../sip/message/uri.js';
import { callTargetOf } from './call-target.js';
import { digitFromInfo } from './dtmf-info.js';

const uri = (s: string): Uri => parseUri(s)!;

void test('the called user part is unescaped, names lower-cased, numbers stripped of visual separators', () => {
  assert.deepEqual(callTargetOf(uri('sip:Echo@pbx.example')), { user: 'echo', host: 'pbx.example' });
  assert.equal(callTargetOf(uri('sip:%2A43@10.0.0.1'))?.user, '*43');
  assert.equal(callTargetOf(uri('sip:+1-555-000-0043@10.0.0.1;user=phone'))?.user, '+15550000043');
  assert.equal(callTargetOf(uri('tel:+1555000043;phone-context=example.com'))?.user, '+1555000043');
  assert.equal(callTargetOf(uri('sip:10.0.0.1')), undefined, 'no user part');
  assert.equal(callTargetOf(uri('mailto:echo@example.com')), undefined);
});

void test('DTMF in SIP INFO: dtmf-relay and dtmf bodies, event codes 10/11, anything else ignored', () => {
  assert.equal(digitFromInfo(Buffer.from('Signal=5\r\nDuration=160\r\n'), 'application/dtmf-relay'), '5');
  assert.equal(digitFromInfo(Buffer.from('signal= #\r\n'), 'Application/DTMF-Relay; charset=x'), '#');
  assert.equal(digitFromInfo(Buffer.from('Signal=11\r\n'), 'application/dtmf-relay'), '#');
  assert.equal(digitFromInfo(Buffer.from('Signal=10\r\n'), 'application/dtmf-relay'), '*');
  assert.equal(digitFromInfo(Buffer.from('a'), 'application/dtmf'), 'A');
  assert.equal(digitFromInfo(Buffer.from('Signal=x\r\n'), 'application/dtmf-relay'), undefined);
  assert.equal(digitFromInfo(Buffer.from('5'), 'text/plain'), undefined);
});
