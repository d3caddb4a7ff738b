import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdp } from './sdp-parser.js';
import { direction, fmtp, rtpMaps } from './sdp-media.js';
import { SdpSession } from './sdp-session.js';
import { BARESIP_OFFER, HOLD_REOFFER, LINPHONE_OFFER, SIPP_UAC_OFFER } from './sdp-fixtures.js';
import { MediaErrors } from '../errors.js';
import type { LocalAudio } from './offer-answer.js';

const local: LocalAudio = { address: '198.51.100.7', port: 40000 };

test("SIPp uac: PCMU accepted, no telephone-event since none was offered", () => {
  const { sdp, audio } = new SdpSession().answer(SIPP_UAC_OFFER, local);
  const a = parseSdp(sdp);
  assert.equal(a.connection?.address, '198.51.100.7');
  assert.deepEqual(a.media.map((m) => [m.media, m.port, m.proto, m.formats.join(' ')]), [['audio', 40000, 'RTP/AVP', '0']]);
  assert.deepEqual(audio.remote, { address: '127.0.0.1', port: 6000 });
  assert.equal(audio.codec, 'pcmu');
  assert.equal(audio.telephoneEventPayloadType, undefined);
  assert.equal(audio.direction, 'sendrecv');
});

test("baresip: skips opus and G.722, picks PCMU in the offerer's order, keeps telephone-event 101", () => {
  const { sdp, audio } = new SdpSession().answer(BARESIP_OFFER, local);
  const m = parseSdp(sdp).media[0];
  assert.deepEqual(m.formats, ['0', '101']);
  assert.deepEqual(rtpMaps(m).map((r) => r.encoding), ['PCMU', 'TELEPHONE-EVENT']);
  assert.equal(fmtp(m, 101), '0-16');
  assert.deepEqual([audio.codec, audio.payloadType, audio.telephoneEventPayloadType, audio.ptime], ['pcmu', 0, 101, 20]);
});

test('Linphone: PCMA (its preference), telephone-event/8000 on PT 100, video rejected with port 0', () => {
  const { sdp, audio } = new SdpSession().answer(LINPHONE_OFFER, local);
  const a = parseSdp(sdp);
  assert.equal(a.media.length, 2, 'answer has as many m= lines as the offer (RFC 3264 §6)');
  assert.deepEqual(a.media[0].formats, ['8', '100']);
  assert.equal(a.media[1].media, 'video');
  assert.equal(a.media[1].port, 0);
  assert.ok(a.media[1].formats.length > 0);
  assert.deepEqual([audio.codec, audio.telephoneEventPayloadType], ['pcma', 100]);
});

test('a local codec restriction is honoured (PCMA only)', () => {
  const { audio } = new SdpSession().answer(BARESIP_OFFER, { ...local, codecs: ['PCMA'] });
  assert.equal(audio.payloadType, 8);
});

test('hold and resume (RFC 3264 §8.4, RFC 6337): sendonly→recvonly, inactive→inactive, c=0.0.0.0, then sendrecv', () => {
  const s = new SdpSession();
  const hold = s.answer(HOLD_REOFFER, local);
  assert.equal(direction(parseSdp(hold.sdp), parseSdp(hold.sdp).media[0]), 'recvonly');
  assert.equal(hold.audio.direction, 'recvonly');
  const inactive = s.answer(HOLD_REOFFER.replace('a=sendonly', 'a=inactive').replace('1001', '1002'), local);
  assert.equal(inactive.audio.direction, 'inactive');
  const old = s.answer(HOLD_REOFFER.replace('c=IN IP4 203.0.113.5', 'c=IN IP4 0.0.0.0').replace('a=sendonly', 'a=sendrecv').replace('1001', '1003'), local);
  assert.equal(old.audio.direction, 'recvonly');
  assert.equal(old.audio.remote.port, 0, 'never send RTP to 0.0.0.0');
  const resume = s.answer(HOLD_REOFFER.replace('a=sendonly', 'a=sendrecv').replace('1001', '1004'), local);
  assert.equal(resume.audio.direction, 'sendrecv');
  // We put the peer on hold: offer sendonly, and its recvonly answer leaves us sending only.
  const ours = new SdpSession();
  const offer = ours.offer({ ...local, direction: 'sendonly' });
  assert.ok(offer.includes('a=sendonly\r\n'));
  const neg = ours.acceptAnswer(offer.replace('a=sendonly', 'a=recvonly').replace('198.51.100.7', '203.0.113.9'));
  assert.equal(neg.direction, 'sendonly');
});

test('no acceptable audio → SDP_NO_COMMON_CODEC (SIP 488): G.729 only, SRTP only, video only', () => {
  const offers = [
    SIPP_UAC_OFFER.replace('RTP/AVP 0', 'RTP/AVP 18').replace('0 PCMU/8000', '18 G729/8000'),
    SIPP_UAC_OFFER.replace('RTP/AVP', 'RTP/SAVP'),
    SIPP_UAC_OFFER.replace('m=audio', 'm=video'),
  ];
  for (const o of offers) assert.throws(() => new SdpSession().answer(o, local), (e) => MediaErrors.is(e, 'SDP_NO_COMMON_CODEC'));
});

test('a second audio stream is rejected with port 0; only the first is used', () => {
  const two = SIPP_UAC_OFFER + 'm=audio 6002 RTP/AVP 8\r\n';
  const a = parseSdp(new SdpSession().answer(two, local).sdp);
  assert.deepEqual(a.media.map((m) => m.port), [40000, 0]);
});

test('our o= version bumps only when our SDP changes; session id stays; unchanged re-offers are flagged', () => {
  const s = new SdpSession();
  const v = (sdp: string): bigint => BigInt(parseSdp(sdp).origin.sessionVersion);
  const id = (sdp: string): string => parseSdp(sdp).origin.sessionId;
  const first = s.offer(local);
  const same = s.offer(local);
  const hold = s.offer({ ...local, direction: 'sendonly' });
  const resume = s.offer(local);
  assert.equal(v(same), v(first));
  assert.equal(v(hold), v(first) + 1n);
  assert.equal(v(resume), v(first) + 2n);
  assert.equal(new Set([first, same, hold, resume].map(id)).size, 1);

  const callee = new SdpSession();
  assert.equal(callee.answer(BARESIP_OFFER, local).unchanged, false);
  assert.equal(callee.answer(BARESIP_OFFER, local).unchanged, true, 'session refresh with the same o= version');
});

test('answers that do not fit our offer are rejected with SDP_BAD_ANSWER', () => {
  const s = new SdpSession();
  const offer = s.offer(local);
  assert.throws(() => s.acceptAnswer(offer + 'm=video 0 RTP/AVP 96\r\n'), (e) => MediaErrors.is(e, 'SDP_BAD_ANSWER'));
  s.offer(local);
  assert.throws(() => s.acceptAnswer(BARESIP_OFFER.replace(/RTP\/AVP .*/, 'RTP/AVP 9').replace(/a=rtpmap:(0|8) .*\r\n/g, '')), (e) => MediaErrors.is(e, 'SDP_BAD_ANSWER'));
  assert.throws(() => new SdpSession().acceptAnswer(offer), (e) => MediaErrors.is(e, 'SDP_BAD_ANSWER'));
  s.offer({ ...local, codecs: ['PCMA', 'PCMU'] });
  const neg = s.acceptAnswer(LINPHONE_OFFER.replace(/\r\nm=video[\s\S]*$/, '\r\n'));
  assert.deepEqual([neg.codec, neg.telephoneEventPayloadType, neg.remote.port], ['pcma', 100, 7078]);
});
