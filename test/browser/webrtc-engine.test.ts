import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { decodeG711, encodeG711 } from '../../src/media/codec/g711.js';
import { RtpBridge } from '../../src/media/bridge/rtp-bridge.js';
import { DtmfReceiver, type DtmfDigitReport } from '../../src/media/dtmf/dtmf-receiver.js';
import { decodeTelephoneEvent } from '../../src/media/dtmf/rfc4733.js';
import { PromptPlayer, rtpFrameSink } from '../../src/media/player/prompt-player.js';
import { PortAllocator } from '../../src/media/rtp/port-allocator.js';
import { parseRtp, serializeRtp } from '../../src/media/rtp/rtp-packet.js';
import { RtpSession } from '../../src/media/rtp/rtp-session.js';
import { goertzelPower, sineTone, ToneGenerator } from '../../src/media/tone/tone-generator.js';
import { DataChannelEngine } from '../../src/webrtc/datachannel-engine.js';
import type { WebRtcLeg, WebRtcLegState } from '../../src/webrtc/webrtc-engine.js';
import { freeUdpPort, udpPortFree } from '../../src/webrtc/peer-fixture.js';
import { chromiumMissing } from './chromium.js';
import { openPhonePage, phone, type PhonePage } from './fixtures/webrtc-phone-page.js';

// Chromium with a fake microphone playing 800 Hz calls the server's WebRTC
// engine (node-datachannel) on 127.0.0.1: what a softphone user would notice
// is whether each side hears the other, whether a key press arrives, and
// whether hanging up lets go of everything.

const MIC_HZ = 800;



/** Power at `hz` against the loudest of some other frequencies. */
function dominance(samples: Int16Array, hz: number): { power: number; ratio: number } {
  const power = goertzelPower(samples, hz);
  const others = [300, 500, 1000, 1200, 1600, 2000, 3000].filter((f) => Math.abs(f - hz) > 100).map((f) => goertzelPower(samples, f));
  return { power, ratio: power / Math.max(...others, 1e-12) };
}

function skipWithoutChromium(t: { skip(msg: string): void }): boolean {
  const missing = chromiumMissing();
  if (!missing) return false;
  if (process.env['CI']) throw new Error(`browser suite cannot run in CI: ${missing}`);
  console.log(`skipping browser test: ${missing}`);
  t.skip(missing);
  return true;
}

/** Page offers, the engine answers, the page accepts; resolves once the page is connected. */
async function call(p: PhonePage, engine: DataChannelEngine, id: string): Promise<{ leg: WebRtcLeg; offerAt: number }> {
  const offer = await phone(p.page, 'offer', id);
  const offerAt = performance.now();
  const leg = await engine.answer(offer, { label: id });
  assert.match(leg.answerSdp, /a=candidate:\S+ 1 UDP \d+ 127\.0\.0\.1 \d+ typ host/i, 'our host candidate is in the answer');
  assert.match(leg.answerSdp, /a=end-of-candidates/, 'the answer says no candidate will be trickled');
  assert.doesNotMatch(leg.answerSdp, /a=extmap:/, 'no RTP header extensions: plain RTP relays to SIP unchanged');
  await phone(p.page, 'accept', id, leg.answerSdp);
  await phone(p.page, 'connected', id, 10_000);
  return { leg, offerAt };
}

void test('a browser calls the WebRTC engine: its tone reaches the server, the server\'s tone reaches it, DTMF 5 arrives, hanging up lets go', { timeout: 90_000 }, async (t) => {
  if (skipWithoutChromium(t)) return;
  const port = await freeUdpPort();
  const engine = new DataChannelEngine({ host: '127.0.0.1', port });
  const p = await openPhonePage(MIC_HZ);
  try {
    const heard: Int16Array[] = [];
    const digits: DtmfDigitReport[] = [];
    let firstRtpAt = 0;
    const { leg, offerAt } = await call(p, engine, 'a');
    const states: WebRtcLegState[] = [leg.state];
    leg.onState((s) => states.push(s));
    assert.equal(leg.codec, 'pcmu');
    assert.ok(leg.telephoneEventPayloadType !== undefined, 'telephone-event negotiated');
    const dtmf = new DtmfReceiver((r) => digits.push(r));
    // The leg's session is what a SIP leg's RtpSession is to media code: the same delegate.
    leg.session.delegate = {
      onRtp: (packet) => {
        firstRtpAt ||= performance.now();
        if (packet.payloadType === leg.telephoneEventPayloadType) dtmf.receive(packet);
        else if (packet.payloadType === leg.audioPayloadType) heard.push(decodeG711('pcmu', packet.payload));
      },
    };
    const enough = async (frames: number): Promise<void> => {
      for (let waited = 0; heard.length < frames; waited += 20) {
        if (waited > 5000) throw new Error(`only ${heard.length} audio frames from the browser`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await enough(60);
    console.log(`# connect: offer → connected ${leg.stats().connectMs?.toFixed(0)} ms (engine), offer → first RTP ${(firstRtpAt - offerAt).toFixed(0)} ms`);

    // (a) The page's microphone tone arrives at the server.
    const mic = Int16Array.from(heard.slice(10, 60).flatMap((f) => [...f]));
    const got = dominance(mic, MIC_HZ);
    const margin = `${(10 * Math.log10(got.ratio)).toFixed(0)} dB above the next frequency`;
    console.log(`# server hears ${MIC_HZ} Hz: power ${got.power.toFixed(4)}, ${margin}`);
    assert.ok(got.power > 0.005 && got.ratio > 20, `the server hears ${MIC_HZ} Hz from the page (power ${got.power.toFixed(4)}, ${margin})`);

    // (b) The server plays 1000 Hz through the prompt player; the page hears 1000 Hz.
    const tonePlayer = new PromptPlayer({ sink: rtpFrameSink(leg.session, leg.codec, leg.audioPayloadType) });
    tonePlayer.play(sineTone(1000, -10, 1000), { loop: true });
    try {
      const ear = await phone(p.page, 'hear', 'a', 1500);
      console.log(`# page hears ${ear.hz.toFixed(0)} Hz at ${ear.peakDb.toFixed(1)} dB (peak bin ${(ear.peakShare * 100).toFixed(0)} % of the power)`);
      assert.ok(Math.abs(ear.hz - 1000) < 20, `the page hears ${ear.hz.toFixed(0)} Hz, expected 1000 Hz (share ${ear.peakShare.toFixed(2)})`);
      assert.ok(ear.peakDb > -60, `and loud enough (${ear.peakDb.toFixed(1)} dB)`);
    } finally {
      tonePlayer.dispose();
    }

    // (c) A key press on the page arrives as one RFC 4733 digit 5.
    await phone(p.page, 'dtmf', 'a', '5');
    for (let waited = 0; digits.length === 0 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300)); // the three end packets, any duplicate report would show now
    assert.deepEqual(digits.map((d) => d.digit), ['5']);
    assert.ok(digits[0].durationMs >= 100, `digit lasted ${digits[0].durationMs} ms`);

    // (d) Closing the leg stops its media and releases the engine's port.
    assert.equal(engine.legs, 1);
    leg.close();
    leg.close(); // idempotent
    assert.equal(leg.state, 'closed');
    assert.ok(states.includes('connected') && states.at(-1) === 'closed', `states: ${states.join(' → ')}`);
    assert.equal(engine.legs, 0);
    const afterClose = leg.stats().packetsReceived;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(leg.stats().packetsReceived, afterClose, 'nothing is received on a closed leg');
    await engine.close();
    assert.ok(await udpPortFree(port), `UDP port ${port} is free again`);
    await assert.rejects(engine.answer('v=0'), { code: 'WEBRTC_ENGINE_CLOSED' });
  } finally {
    await engine.close();
    await p.close();
  }
});

void test('a browser leg bridged to a SIP leg: PCMU passes byte for byte both ways and the page\'s DTMF reaches the phone', { timeout: 90_000 }, async (t) => {
  if (skipWithoutChromium(t)) return;
  const engine = new DataChannelEngine({ host: '127.0.0.1', port: await freeUdpPort() });
  const base = 41000 + 2 * Math.floor(Math.random() * 2000);
  const allocator = new PortAllocator({ min: base, max: base + 9 }, '127.0.0.1');
  const p = await openPhonePage(MIC_HZ);
  const phoneSock: Socket = createSocket('udp4');
  let sip: RtpSession | undefined;
  let bridge: RtpBridge | undefined;
  let sender: ReturnType<typeof setInterval> | undefined;
  try {
    await new Promise<void>((r) => phoneSock.bind(0, '127.0.0.1', r));
    sip = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: phoneSock.address().port }, payloadTypes: [0, 101], rtcpIntervalMs: 0 });
    const { leg } = await call(p, engine, 'b');

    const fromBrowser = new Set<string>();
    const atPhone: Buffer[] = [];
    const phoneEvents: number[] = [];
    const bridgeDigits: string[] = [];
    phoneSock.on('message', (msg) => {
      const packet = parseRtp(msg);
      if (packet.payloadType === 0) atPhone.push(Buffer.from(packet.payload));
      if (packet.payloadType === 101) phoneEvents.push(decodeTelephoneEvent(packet.payload)?.event ?? -1);
    });
    bridge = new RtpBridge({ session: sip, codec: 'pcmu', audioPayloadType: 0, telephoneEventPayloadType: 101 }, leg, {
      onDigit: (from, r) => bridgeDigits.push(`${from}:${r.digit}`),
      onAudio: (from, packet) => {
        if (from === 'b') fromBrowser.add(Buffer.from(packet.payload).toString('hex'));
      },
    });

    // The SIP phone sends 1000 Hz PCMU every 20 ms.
    const gen = new ToneGenerator([1000], -10);
    let seq = 0;
    sender = setInterval(() => {
      const payload = encodeG711('pcmu', gen.next(160));
      phoneSock.send(serializeRtp({ payloadType: 0, sequence: seq++, timestamp: seq * 160, ssrc: 0x5eed, payload }), sip!.localPort, '127.0.0.1');
    }, 20);

    const ear = await phone(p.page, 'hear', 'b', 1500);
    assert.ok(Math.abs(ear.hz - 1000) < 20, `the page hears the phone's 1000 Hz through the bridge (heard ${ear.hz.toFixed(0)} Hz)`);

    assert.ok(atPhone.length >= 50, `the phone got ${atPhone.length} PCMU packets from the browser`);
    const passedThrough = atPhone.filter((b) => fromBrowser.has(b.toString('hex'))).length;
    assert.equal(passedThrough, atPhone.length, 'every PCMU payload reached the phone exactly as the browser sent it (no transcoding)');
    const mic = Int16Array.from(atPhone.slice(-50).flatMap((b) => [...decodeG711('pcmu', b)]));
    const got = dominance(mic, MIC_HZ);
    assert.ok(got.ratio > 20, `the phone hears the page's ${MIC_HZ} Hz (${(10 * Math.log10(got.ratio)).toFixed(0)} dB above the next frequency)`);

    await phone(p.page, 'dtmf', 'b', '5');
    for (let waited = 0; bridgeDigits.length === 0 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(bridgeDigits, ['b:5'], 'the bridge reports the page\'s digit once');
    assert.ok(phoneEvents.length >= 3 && phoneEvents.every((e) => e === 5), `the phone got RFC 4733 event 5 on its payload type 101 (${phoneEvents.join(',')})`);

    const stats = await phone(p.page, 'stats', 'b');
    assert.match(stats.codec, /audio\/PCMU/, 'the browser used PCMU');

    // The agent hangs up in the page: the server's leg learns it (DTLS close) and closes itself.
    await phone(p.page, 'hangUp', 'b');
    for (let waited = 0; leg.state !== 'closed' && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.equal(leg.state, 'closed', 'the page hanging up closes the server leg');
    assert.equal(engine.legs, 0);
  } finally {
    clearInterval(sender);
    bridge?.dispose();
    sip?.dispose();
    phoneSock.close();
    await engine.close();
    await p.close();
  }
});
