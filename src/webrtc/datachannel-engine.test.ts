import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import type { RtpPacket } from '../media/rtp/rtp-packet.js';
import { DataChannelEngine } from './datachannel-engine.js';
import { freeUdpPort, OfferingPeer } from './peer-fixture.js';
import type { WebRtcLegState } from './webrtc-engine.js';

// The chosen engine against a libdatachannel peer standing in for the
// browser (the Chromium test is test/browser/webrtc-engine.test.ts).


async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

void test('two calls on one UDP port: each leg connects, carries RTP both ways, and closing releases the port', { timeout: 30_000 }, async () => {
  const port = await freeUdpPort();
  const engine = new DataChannelEngine({ host: '127.0.0.1', port });
  const peers: OfferingPeer[] = [];
  try {
    for (let i = 0; i < 2; i++) peers.push(await OfferingPeer.open());
    const legs = await Promise.all(peers.map((p) => engine.answer(p.offer)));
    for (const leg of legs) {
      const candidates = leg.answerSdp.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'));
      assert.equal(candidates.length, 1, 'one host candidate, in the answer');
      assert.match(candidates[0], new RegExp(` 127\\.0\\.0\\.1 ${port} typ host`), 'on the configured address and the shared port');
      assert.equal(leg.audioPayloadType, 0);
      assert.equal(leg.telephoneEventPayloadType, 126);
    }
    assert.equal(engine.legs, 2);
    const states: WebRtcLegState[][] = legs.map((l) => [l.state]);
    legs.forEach((l, i) => l.onState((s) => states[i].push(s)));
    const heard: RtpPacket[][] = [[], []];
    legs.forEach((l, i) => (l.session.delegate = { onRtp: (p) => heard[i].push(p) }));
    peers.forEach((p, i) => p.accept(legs[i].answerSdp));
    await Promise.all(peers.map((p) => p.connected()));
    await until(() => legs.every((l) => l.state === 'connected'), 'legs connected');

    for (let n = 0; n < 5; n++) peers.forEach((p, i) => p.sendPcmu(new Uint8Array(160).fill(i + 1)));
    legs.forEach((l, i) => l.session.sendFrame(0, new Uint8Array(160).fill(0x10 + i)));
    await until(() => heard.every((h) => h.length === 5) && peers.every((p) => p.received.length === 1), 'RTP both ways');
    assert.deepEqual(heard.map((h) => h[0].payload[0]), [1, 2], 'each leg hears its own peer only');
    assert.deepEqual(peers.map((p) => p.received[0].payload[0]), [0x10, 0x11]);
    assert.equal(peers[0].received[0].ssrc, legs[0].session.stream.ssrc, 'sent on the SSRC our answer declared');
    assert.ok(legs.every((l) => (l.stats().connectMs ?? Infinity) < 2000));

    legs[0].close();
    assert.equal(engine.legs, 1);
    assert.equal(legs[0].state, 'closed');
    peers[1].sendPcmu();
    await until(() => heard[1].length === 6, 'the other call still works after one hangs up');
    await engine.close();
    assert.equal(legs[1].state, 'closed');
    assert.deepEqual(states.map((s) => s.at(-1)), ['closed', 'closed']);
    const probe = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.bind(port, '127.0.0.1', resolve);
    });
    probe.close();
  } finally {
    for (const p of peers) p.close();
    await engine.close();
  }
});

void test('a bad offer is refused before any peer connection exists; a closed engine answers nothing', async () => {
  const engine = new DataChannelEngine({ host: '127.0.0.1' });
  await assert.rejects(engine.answer('v=0\r\n'), { code: 'WEBRTC_BAD_OFFER' });
  assert.equal(engine.legs, 0);
  await engine.close();
  await assert.rejects(engine.answer('v=0\r\n'), { code: 'WEBRTC_ENGINE_CLOSED' });
  assert.throws(() => new DataChannelEngine({ host: 'localhost' }), { code: 'WEBRTC_ENGINE_FAILED' });
});
