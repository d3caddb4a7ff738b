import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { MediaWorker, type DigitEvent } from './media-worker.js';
import { parseRtp, serializeRtp, type RtpPacket } from '../rtp/rtp-packet.js';
import { encodeTelephoneEvent } from '../dtmf/rfc4733.js';

async function phone(): Promise<{ sock: Socket; got: RtpPacket[]; port: number }> {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  const got: RtpPacket[] = [];
  sock.on('message', (m: Buffer) => got.push(parseRtp(m)));
  return { sock, got, port: sock.address().port };
}

test('a bridge running in a worker thread relays audio and reports DTMF to the main thread', async () => {
  const base = 42000 + 2 * Math.floor(Math.random() * 2000);
  const worker = new MediaWorker({ portRange: { min: base, max: base + 10 }, bindAddress: '127.0.0.1' });
  const pa = await phone();
  const pb = await phone();
  try {
    const digits: DigitEvent[] = [];
    worker.onDigit = (e) => digits.push(e);
    const portA = await worker.openSession('a', { remote: { address: '127.0.0.1', port: pa.port } });
    const portB = await worker.openSession('b', { remote: { address: '127.0.0.1', port: pb.port } });
    assert.notEqual(portA, portB);
    await worker.bridge('call-1', { session: 'a', codec: 'pcmu', audioPayloadType: 0, telephoneEventPayloadType: 101 }, { session: 'b', codec: 'pcma', audioPayloadType: 8 });
    await assert.rejects(worker.closeSession('nope').then(() => worker.stats('nope')), (e: { code?: string }) => e.code === 'MEDIA_WORKER_UNKNOWN_ID');
    pa.sock.send(serializeRtp({ payloadType: 0, sequence: 1, timestamp: 0, ssrc: 9, payload: new Uint8Array(160).fill(0xff) }), portA, '127.0.0.1');
    for (let i = 0; i < 3; i++) {
      pa.sock.send(serializeRtp({ payloadType: 101, sequence: 2 + i, timestamp: 160, ssrc: 9, payload: encodeTelephoneEvent({ event: 9, end: true, volume: 10, duration: 800 }) }), portA, '127.0.0.1');
    }
    for (let i = 0; i < 100 && (pb.got.length < 1 || digits.length < 1); i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(pb.got[0]?.payloadType, 8, 'transcoded to PCMA for leg b');
    assert.deepEqual(digits, [{ kind: 'digit', bridge: 'call-1', leg: 'a', digit: '9', durationMs: 100 }]);
    assert.equal(pb.got.length, 1, 'leg b has no telephone-event: DTMF reported, not forwarded');
    assert.equal((await worker.stats('a')).inbound.packets >= 0, true);
    await worker.unbridge('call-1');
    await worker.closeSession('a');
    await worker.closeSession('b');
  } finally {
    await worker.dispose();
    pa.sock.close();
    pb.sock.close();
  }
});
