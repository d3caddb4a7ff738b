import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBrowserOffer } from './browser-offer.js';

// Chromium 156's offer after setCodecPreferences([PCMU, telephone-event/8000]) and complete gathering.
const CHROMIUM_OFFER = [
  'v=0', 'o=- 819477480951021377 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=extmap-allow-mixed',
  'a=msid-semantic: WMS 63f2274c', 'm=audio 54917 UDP/TLS/RTP/SAVPF 0 126', 'c=IN IP4 127.0.0.1', 'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1643375349 1 udp 2122194687 127.0.0.1 54917 typ host generation 0 network-id 3 network-cost 50',
  'a=candidate:3486414201 1 udp 2122063615 192.0.2.2 41440 typ host generation 0 network-id 1',
  'a=candidate:1290419758 1 udp 2122267903 ::1 35487 typ host generation 0 network-id 4 network-cost 50',
  'a=candidate:524028013 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0 network-id 3 network-cost 50',
  'a=candidate:7 1 udp 2122260223 3f1c2a6e-4b1d-4e7a-9a51-1c0f6c1d2e3f.local 50123 typ host generation 0',
  'a=ice-ufrag:QA9z', 'a=ice-pwd:Iylmw2L7ZQRz4tjvr2HxWRlo', 'a=ice-options:trickle',
  'a=fingerprint:sha-256 84:5D:E1:0C:F6:D3:4B:FA:9C:51:D0:18:36:FD:AD:18:95:9F:8A:29:BA:6F:A5:84:29:D3:C7:73:23:BB:A9:8D',
  'a=setup:actpass', 'a=mid:0', 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', 'a=sendrecv',
  'a=msid:63f2274c 669d7882', 'a=rtcp-mux', 'a=rtcp-rsize', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:17187612 cname:m+DrgWc8nfyXrnav', '',
].join('\r\n');

function codeOf(fn: () => unknown): { code: string; field: unknown } {
  try {
    fn();
  } catch (err) {
    const e = err as { code: string; details?: { field?: unknown } };
    return { code: e.code, field: e.details?.field };
  }
  throw new Error('expected a throw');
}

void test("Chromium's offer: PCMU and telephone-event read, only UDP IPv4 literal candidates kept", () => {
  const o = readBrowserOffer(CHROMIUM_OFFER);
  assert.equal(o.mid, '0');
  assert.equal(o.audioPayloadType, 0);
  assert.equal(o.telephoneEventPayloadType, 126);
  assert.equal(o.direction, 'sendrecv');
  assert.equal(o.candidates, 2);
  const kept = o.sdp.split('\r\n').filter((l) => l.startsWith('a=candidate:'));
  assert.deepEqual(kept.map((l) => l.split(' ')[4]), ['127.0.0.1', '192.0.2.2'], 'no TCP, no IPv6 on an IPv4 host, no mDNS name to resolve');
  assert.ok(o.sdp.endsWith('\r\n'), 'line ends kept');
  assert.deepEqual(readBrowserOffer(CHROMIUM_OFFER, 6).candidates, 1, 'an IPv6 host keeps the IPv6 candidate');
});

void test('an offer we cannot take is refused with the field named', () => {
  assert.deepEqual(codeOf(() => readBrowserOffer('')), { code: 'WEBRTC_BAD_OFFER', field: 'sdp' });
  assert.deepEqual(codeOf(() => readBrowserOffer('v=0\r\nm=audio\r\n')), { code: 'WEBRTC_BAD_OFFER', field: 'sdp' });
  assert.deepEqual(codeOf(() => readBrowserOffer(CHROMIUM_OFFER.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP'))), { code: 'WEBRTC_BAD_OFFER', field: 'sdp.media.proto' });
  assert.deepEqual(codeOf(() => readBrowserOffer(CHROMIUM_OFFER.replace(/a=fingerprint:[^\r]*\r\n/, ''))), { code: 'WEBRTC_BAD_OFFER', field: 'sdp.fingerprint' });
  assert.deepEqual(codeOf(() => readBrowserOffer(CHROMIUM_OFFER.replace('a=mid:0\r\n', ''))), { code: 'WEBRTC_BAD_OFFER', field: 'sdp.media.mid' });
  assert.deepEqual(codeOf(() => readBrowserOffer(CHROMIUM_OFFER.replace('a=ice-pwd:Iylmw2L7ZQRz4tjvr2HxWRlo\r\n', ''))), { code: 'WEBRTC_BAD_OFFER', field: 'sdp.ice' });
  assert.deepEqual(codeOf(() => readBrowserOffer(`${CHROMIUM_OFFER}m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 127.0.0.1\r\na=mid:1\r\n`)), { code: 'WEBRTC_BAD_OFFER', field: 'sdp.media' });
  // Opus only: the page forgot setCodecPreferences.
  const opus = CHROMIUM_OFFER.replace('SAVPF 0 126', 'SAVPF 111').replace('a=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000', 'a=rtpmap:111 opus/48000/2');
  assert.deepEqual(codeOf(() => readBrowserOffer(opus)), { code: 'WEBRTC_NO_PCMU', field: 'sdp.media.formats' });
});

void test('no telephone-event offered: the leg has no DTMF payload type', () => {
  const o = readBrowserOffer(CHROMIUM_OFFER.replace('SAVPF 0 126', 'SAVPF 0').replace('a=rtpmap:126 telephone-event/8000\r\n', ''));
  assert.equal(o.telephoneEventPayloadType, undefined);
});
