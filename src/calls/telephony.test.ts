import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../platform/logger.js';
import { goertzelPower, rmsDbm0, sineTone } from '../media/tone/tone-generator.js';
import { startTelephony, type Telephony } from './telephony.js';
import { TestPhone, until } from './test-phone.test-helper.js';

const log = createLogger('silent');
const base = 30000 + 2 * Math.floor(Math.random() * 5000);
let rtpRange = base;

/** A telephony on loopback with its own RTP range; no prompt file, so the intro is short beeps. */
async function start(): Promise<Telephony> {
  rtpRange += 40;
  return startTelephony({
    config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: rtpRange, RTP_PORT_MAX: rtpRange + 39 },
    log, bindAddress: '127.0.0.1', promptsDir: '/nonexistent', rtcpIntervalMs: 0,
  });
}

// Generated intro (150+150+150 ms) + 300 ms pause + 400 ms beep = 1150 ms = 58 frames.
const PROMPT_FRAMES = 58;

void test('echo test: prompt, then the caller hears its own 1 kHz tone back; RFC 4733 and INFO digits are reported once each', async () => {
  const tel = await start();
  const phone = await TestPhone.start();
  const digits: string[] = [];
  const sources: string[] = [];
  tel.onDigit((_id, d, s) => {
    digits.push(d);
    sources.push(s);
  });
  try {
    const { session, status, answer } = await phone.call(`sip:echo@127.0.0.1:${tel.ports.udp}`);
    assert.equal(status, 200);
    assert.match(answer, /m=audio \d+ RTP\/AVP 0 101\r\n/, 'PCMU (first offered) and telephone-event');
    assert.equal(tel.activeCalls, 1);
    await until(() => phone.received.length >= 5);
    phone.sendDigit(1); // during the prompt
    assert.ok(await until(() => phone.received.length >= PROMPT_FRAMES, 4000), `prompt frames: ${phone.received.length}`);
    await new Promise((r) => setTimeout(r, 60));
    const before = phone.received.length;
    phone.sendAudio('pcmu', 0, sineTone(1000, -10, 400));
    assert.ok(await until(() => phone.received.length >= before + 20), 'all 20 frames echoed');
    const echoed = phone.heard('pcmu', 0).subarray(before * 160);
    assert.ok(Math.abs(rmsDbm0(echoed) - -10) < 0.5, `echo level ${rmsDbm0(echoed)} dBm0`);
    assert.ok(goertzelPower(echoed, 1000) > 100 * goertzelPower(echoed, 1400));
    phone.sendDigit(11); // '#' during the echo
    assert.equal((await session.sendInfo(Buffer.from('Signal=5\r\nDuration=160\r\n'), 'application/dtmf-relay')).status, 200);
    assert.ok(await until(() => digits.length >= 3));
    assert.deepEqual(digits, ['1', '#', '5']);
    assert.deepEqual(sources, ['rfc4733', 'rfc4733', 'info']);
    await session.bye();
    assert.ok(await until(() => tel.activeCalls === 0 && tel.rtpPortsInUse === 0), 'BYE releases the call and its RTP ports');
  } finally {
    await phone.close();
    await tel.stop();
  }
});

void test('tone test: a continuous 1 kHz tone at -10 dBm0, in the codec the caller prefers (PCMA)', async () => {
  const tel = await start();
  const phone = await TestPhone.start();
  try {
    const { session, status, answer } = await phone.call(`sip:tone@127.0.0.1:${tel.ports.udp}`, phone.offer('8 0 101'));
    assert.equal(status, 200);
    assert.match(answer, /RTP\/AVP 8 101/);
    assert.ok(await until(() => phone.received.length >= 30));
    const heard = phone.heard('pcma', 8);
    assert.ok(heard.length >= 30 * 160);
    assert.ok(Math.abs(rmsDbm0(heard) - -10) < 0.5, `tone level ${rmsDbm0(heard)} dBm0`);
    assert.ok(goertzelPower(heard, 1000) > 1000 * goertzelPower(heard, 1400));
    const seqs = phone.received.map((p) => p.sequence);
    seqs.slice(1).forEach((s, i) => assert.equal((s - seqs[i]) & 0xffff, 1, 'no gap in the stream'));
    await session.bye();
    assert.ok(await until(() => tel.rtpPortsInUse === 0));
  } finally {
    await phone.close();
    await tel.stop();
  }
});

void test('the dial plan: demo numbers reach the echo test; unknown numbers get 404, unusable offers 488; nothing leaks', async () => {
  const tel = await start();
  const phone = await TestPhone.start();
  const p = tel.ports.udp!;
  try {
    for (const user of ['*43', '+1555000043', '%2A43', 'ECHO']) {
      const { session, status } = await phone.call(`sip:${user}@127.0.0.1:${p}`);
      assert.equal(status, 200, `${user} answers`);
      await session.bye();
    }
    assert.equal((await phone.call(`sip:nobody@127.0.0.1:${p}`)).status, 404);
    assert.equal((await phone.call(`sip:127.0.0.1:${p}`)).status, 404, 'no user part');
    assert.equal((await phone.call(`sip:echo@127.0.0.1:${p}`, phone.offer('18'))).status, 488, 'G.729 only');
    // An INVITE without an offer is a late offer, answered with ours: see late-offer.test.ts.
    assert.equal((await phone.call(`sip:echo@127.0.0.1:${p}`, Buffer.from('not sdp'))).status, 400);
    assert.ok(await until(() => tel.activeCalls === 0 && tel.rtpPortsInUse === 0));
  } finally {
    await phone.close();
    await tel.stop();
  }
});

void test('stop() hangs up a live call with BYE and releases its ports', async () => {
  const tel = await start();
  const phone = await TestPhone.start();
  try {
    const { session, status } = await phone.call(`sip:tone@127.0.0.1:${tel.ports.udp}`);
    assert.equal(status, 200);
    const ended = new Promise<{ by: string }>((r) => session.on('ended', r));
    await until(() => phone.received.length > 0);
    await tel.stop();
    assert.equal((await ended).by, 'remote', 'the phone received our BYE');
    assert.equal(tel.activeCalls, 0);
    assert.equal(tel.rtpPortsInUse, 0);
  } finally {
    await phone.close();
    await tel.stop();
  }
});
