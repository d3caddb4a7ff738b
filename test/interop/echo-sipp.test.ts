// SIPp with media against the echo test: G.711 A-law audio and an RFC 4733
// digit played from the pcaps Debian's sip-tester ships, a second digit as
// SIP INFO. Absent sipp: fail in CI, skip (with a printed reason) elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/platform/logger.js';
import { startTelephony, type CallSummary } from '../../src/calls/index.js';
import { freePort, peerUnavailable, until } from './helpers/peers.js';
import { SIPP_PCAP_DIR, runSipp, sippPath } from './helpers/sipp.js';

const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** RTP packets in SIPp's dtmf_2833_1.pcap (one RFC 4733 "1", its own SSRC). */
const DTMF_PCAP_PACKETS = 10;
const SCENARIO = new URL('./helpers/echo-rtp-dtmf.xml', import.meta.url);
const LATE_OFFER = new URL('./helpers/echo-late-offer.xml', import.meta.url);

function missing(): string | undefined {
  if (sippPath() === '') return 'sipp not installed (Debian package sip-tester)';
  if (SIPP_PCAP_DIR === undefined) return 'SIPp pcaps (g711a.pcap, dtmf_2833_1.pcap) not found';
  return undefined;
}

void test('SIPp calls sip:echo with G.711 audio (pcap), an RFC 4733 "1" (pcap) and an INFO "9": both digits reported, audio echoed, call completes', async (t) => {
  if (peerUnavailable(t, missing())) return;
  const rtpBase = 26000 + 2 * Math.floor(Math.random() * 1000);
  const tel = await startTelephony({
    config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: rtpBase, RTP_PORT_MAX: rtpBase + 19 },
    log, bindAddress: '127.0.0.1', promptsDir: '/nonexistent', // beeps: the echo starts after ~1.2 s
  });
  const digits: string[] = [];
  const sources: string[] = [];
  const ended: CallSummary[] = [];
  tel.onDigit((_id, d, s) => {
    digits.push(d);
    sources.push(s);
  });
  tel.onCallEnded((s) => ended.push(s));
  const dir = mkdtempSync(join(tmpdir(), 'echo-sipp-'));
  try {
    const xml = readFileSync(SCENARIO, 'utf8')
      .replace('"PCAP_AUDIO"', `"${SIPP_PCAP_DIR}/g711a.pcap"`)
      .replace('"PCAP_DTMF"', `"${SIPP_PCAP_DIR}/dtmf_2833_1.pcap"`);
    writeFileSync(join(dir, 'scenario.xml'), xml);
    const r = await runSipp([
      '-sf', join(dir, 'scenario.xml'), `127.0.0.1:${tel.ports.udp}`, '-i', '127.0.0.1', '-p', String(await freePort()),
      '-mi', '127.0.0.1', '-mp', String(await freePort()), '-m', '1', '-timeout', '20s', '-timeout_error',
    ], dir);
    assert.equal(r.code, 0, `sipp failed:\n${r.out.slice(-3000)}`);
    assert.ok(await until(() => ended.length === 1 && tel.rtpPortsInUse === 0, 3000), 'the call ended and released its ports');
    assert.deepEqual(digits, ['1', '9']);
    assert.deepEqual(sources, ['rfc4733', 'info']);
    const call = ended[0];
    assert.equal(call.service, 'echo');
    assert.match(call.reason, /BYE/);
    // Two sources reached us: ~2.5 s of the audio pcap's 30 ms frames (≈ 83 packets) under one SSRC,
    // then the DTMF pcap's 10 event packets under another. Both count in the call's total.
    assert.ok(call.rtp.received >= 70 + DTMF_PCAP_PACKETS, `received ${call.rtp.received} RTP packets: the audio and the DTMF source`);
    // The prompt is 58 frames; the pcap's 30 ms A-law frames arriving after it (2.5 s in all) are echoed.
    assert.ok(call.rtp.sent >= 58 + 25, `sent ${call.rtp.sent} RTP packets: the prompt and then echoed audio`);
  } finally {
    await tel.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('SIPp calls sip:echo with a late offer (INVITE without SDP, answer in the ACK): A-law audio from the pcap is received and echoed', async (t) => {
  if (peerUnavailable(t, missing())) return;
  const rtpBase = 28000 + 2 * Math.floor(Math.random() * 1000);
  const tel = await startTelephony({
    config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: rtpBase, RTP_PORT_MAX: rtpBase + 19 },
    log, bindAddress: '127.0.0.1', promptsDir: '/nonexistent',
  });
  const ended: CallSummary[] = [];
  tel.onCallEnded((s) => ended.push(s));
  const dir = mkdtempSync(join(tmpdir(), 'echo-sipp-late-'));
  try {
    writeFileSync(join(dir, 'scenario.xml'), readFileSync(LATE_OFFER, 'utf8').replace('"PCAP_AUDIO"', `"${SIPP_PCAP_DIR}/g711a.pcap"`));
    const r = await runSipp([
      '-sf', join(dir, 'scenario.xml'), `127.0.0.1:${tel.ports.udp}`, '-i', '127.0.0.1', '-p', String(await freePort()),
      '-mi', '127.0.0.1', '-mp', String(await freePort()), '-m', '1', '-timeout', '20s', '-timeout_error',
    ], dir);
    assert.equal(r.code, 0, `sipp failed (it checks that our 200 offers PCMU, PCMA and telephone-event):\n${r.out.slice(-3000)}`);
    assert.ok(await until(() => ended.length === 1 && tel.rtpPortsInUse === 0, 3000), 'the call ended and released its ports');
    const call = ended[0];
    assert.equal(call.service, 'echo');
    assert.match(call.reason, /BYE received/, 'SIPp hung up: our side did not refuse the ACK answer');
    // 2 s of 30 ms frames ≈ 66 packets; after the 58-frame prompt the pcap audio is echoed.
    assert.ok(call.rtp.received >= 50, `received ${call.rtp.received} RTP packets`);
    assert.ok(call.rtp.sent >= 58 + 10, `sent ${call.rtp.sent} RTP packets: the prompt and then echoed audio`);
  } finally {
    await tel.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
