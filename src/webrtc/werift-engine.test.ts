import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup } from 'node-datachannel';
import type { RtpPacket } from '../media/rtp/rtp-packet.js';
import { OfferingPeer } from './peer-fixture.js';
import { WeriftEngine } from './werift-engine.js';

// The measured alternative keeps working behind the same interface.

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

void test('werift answers with ICE-lite and only the configured host candidate, and carries RTP both ways', { timeout: 30_000 }, async () => {
  const engine = new WeriftEngine({ host: '127.0.0.1' });
  const peer = await OfferingPeer.open();
  try {
    const leg = await engine.answer(peer.offer);
    assert.match(leg.answerSdp, /a=ice-lite/);
    const candidates = leg.answerSdp.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'));
    assert.equal(candidates.length, 1);
    assert.match(candidates[0], / 127\.0\.0\.1 \d+ typ host/);
    const heard: RtpPacket[] = [];
    leg.session.delegate = { onRtp: (p) => heard.push(p) };
    peer.accept(leg.answerSdp);
    await peer.connected();
    await until(() => leg.state === 'connected', 'leg connected');
    for (let n = 0; n < 3; n++) peer.sendPcmu(new Uint8Array(160).fill(7));
    leg.session.sendFrame(0, new Uint8Array(160).fill(9));
    await until(() => heard.length === 3 && peer.received.length === 1, `RTP both ways (heard ${heard.length}, peer got ${peer.received.length})`);
    assert.equal(heard[0].payload[0], 7);
    assert.equal(peer.received[0].payload[0], 9);
    leg.close();
    assert.equal(engine.legs, 0);
  } finally {
    peer.close();
    await engine.close();
    cleanup(); // the peer's libdatachannel threads
  }
});
