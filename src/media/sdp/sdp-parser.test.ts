import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdp } from './sdp-parser.js';
import { serializeSdp } from './sdp-serializer.js';
import { connectionOf, coversDtmf, direction, fmtp, ptime, rtpMaps } from './sdp-media.js';
import { BARESIP_OFFER, LINPHONE_OFFER, SIPP_UAC_OFFER } from './sdp-fixtures.js';
import { MediaErrors } from '../errors.js';

test('Linphone offer: origin, two m= lines, rtpmaps (explicit and static), fmtp', () => {
  const d = parseSdp(LINPHONE_OFFER);
  assert.equal(d.origin.username, 'alice');
  assert.equal(d.origin.sessionVersion, '1446');
  assert.equal(d.sessionName, 'Talk');
  assert.deepEqual(d.media.map((m) => [m.media, m.port]), [['audio', 7078], ['video', 9078]]);
  const maps = rtpMaps(d.media[0]);
  assert.deepEqual(maps.map((r) => `${r.payloadType}:${r.encoding}/${r.clockRate}`), [
    '96:OPUS/48000', '97:SPEEX/16000', '98:SPEEX/8000', '8:PCMA/8000', '0:PCMU/8000', '18:G729/8000',
    '101:TELEPHONE-EVENT/48000', '99:TELEPHONE-EVENT/16000', '100:TELEPHONE-EVENT/8000',
  ]);
  assert.equal(maps[0].channels, 2);
  assert.equal(fmtp(d.media[0], 18), 'annexb=yes');
  assert.equal(connectionOf(d, d.media[0])?.address, '192.168.0.12');
  assert.equal(direction(d, d.media[0]), 'sendrecv');
});

test('parse → serialize → parse is stable for SIPp, baresip and Linphone offers', () => {
  for (const text of [SIPP_UAC_OFFER, BARESIP_OFFER, LINPHONE_OFFER]) {
    const once = parseSdp(text);
    const out = serializeSdp(once);
    assert.ok(out.endsWith('\r\n') && !out.includes('\n\n'));
    assert.deepEqual(parseSdp(out), once);
  }
  // baresip's lines survive verbatim (session a=tool, media a=ssrc / a=label).
  const out = serializeSdp(parseSdp(BARESIP_OFFER));
  for (const line of ['a=tool:baresip 3.10.1', 'b=AS:125', 'a=label:1', 'a=rtcp-rsize']) assert.ok(out.includes(line + '\r\n'), line);
  assert.equal(ptime(parseSdp(BARESIP_OFFER).media[0]), 20);
});

test('LF-only line ends and trailing spaces are tolerated', () => {
  const d = parseSdp(SIPP_UAC_OFFER.replace(/\r\n/g, ' \n'));
  assert.equal(d.media[0].port, 6000);
});

test('malformed SDP is rejected with SDP_PARSE_ERROR', () => {
  const bad = [
    '',
    'o=x 1 1 IN IP4 1.2.3.4\r\n',
    'v=0\r\ns=-\r\n',
    'v=0\r\no=x one 1 IN IP4 1.2.3.4\r\n',
    'v=0\r\no=x 1 1 IN IP4 1.2.3.4\r\nm=audio 9x RTP/AVP 0\r\nc=IN IP4 1.2.3.4\r\n',
    'v=0\r\no=x 1 1 IN IP4 1.2.3.4\r\nm=audio 5000 RTP/AVP 0\r\n',
    'v=0\r\no=x 1 1 IN IP4 1.2.3.4\r\ngarbage\r\n',
  ];
  for (const b of bad) assert.throws(() => parseSdp(b), (e) => MediaErrors.is(e, 'SDP_PARSE_ERROR'), JSON.stringify(b));
});

test('telephone-event fmtp ranges: absent or covering 0-15 is DTMF-capable', () => {
  assert.equal(coversDtmf(undefined), true);
  assert.equal(coversDtmf('0-16'), true);
  assert.equal(coversDtmf('0-11,12-15,66'), true);
  assert.equal(coversDtmf('0-11'), false);
});
