import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { PortAllocator } from '../rtp/port-allocator.js';
import { RtpSession } from '../rtp/rtp-session.js';
import { parseRtp, serializeRtp } from '../rtp/rtp-packet.js';
import { ConferenceMixer } from './conference-mixer.js';
import { decodeG711, encodeG711 } from '../codec/g711.js';
import { MediaErrors } from '../errors.js';

const base = 37000 + 2 * Math.floor(Math.random() * 3000);
const allocator = new PortAllocator({ min: base, max: base + 20 }, '127.0.0.1');

test('three phones in a conference each hear the other two (mixed across μ-law and A-law)', async () => {
  const socks: Socket[] = [];
  const sessions: RtpSession[] = [];
  const heard: number[][] = [[], [], []];
  const mixer = new ConferenceMixer();
  try {
    const laws = ['pcmu', 'pcma', 'pcmu'] as const;
    for (let i = 0; i < 3; i++) {
      const sock = createSocket('udp4');
      await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
      sock.on('message', (m: Buffer) => heard[i].push(decodeG711(laws[i], parseRtp(m).payload)[80]));
      socks.push(sock);
      const s = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: sock.address().port }, rtcpIntervalMs: 0 });
      sessions.push(s);
      mixer.add({ id: `p${i}`, session: s, codec: laws[i], audioPayloadType: laws[i] === 'pcmu' ? 0 : 8 });
    }
    assert.throws(() => mixer.add({ id: 'p0', session: sessions[0], codec: 'pcmu', audioPayloadType: 0 }), (e) => MediaErrors.is(e, 'MIXER_DUPLICATE_PARTY'));
    const levels = [1000, 2000, 4000];
    for (let k = 0; k < 10; k++) {
      for (let i = 0; i < 3; i++) {
        const payload = encodeG711(laws[i], new Int16Array(160).fill(levels[i]));
        socks[i].send(serializeRtp({ payloadType: laws[i] === 'pcmu' ? 0 : 8, sequence: k, timestamp: k * 160, ssrc: 100 + i, payload }), sessions[i].localPort, '127.0.0.1');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 60));
    const expect = [6000, 5000, 3000];
    for (let i = 0; i < 3; i++) {
      const loud = heard[i].filter((v) => v !== 0 && Math.abs(v) > 100);
      assert.ok(loud.length > 0, `party ${i} heard something`);
      const best = loud.reduce((a, b) => (Math.abs(b - expect[i]) < Math.abs(a - expect[i]) ? b : a));
      assert.ok(Math.abs(best - expect[i]) < expect[i] / 10, `party ${i} heard ${best}, expected ≈ ${expect[i]}`);
    }
    mixer.remove('p2');
    assert.equal(mixer.size, 2);
    assert.throws(() => mixer.remove('p2'), (e) => MediaErrors.is(e, 'MIXER_UNKNOWN_PARTY'));
  } finally {
    mixer.dispose();
    for (const s of sessions) s.dispose();
    for (const s of socks) s.close();
  }
});
