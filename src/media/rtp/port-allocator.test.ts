import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { PortAllocator } from './port-allocator.js';
import { MediaErrors } from '../errors.js';

const base = 40000 + 2 * Math.floor(Math.random() * 5000);

test('allocates even RTP ports with RTCP on port+1, skips busy ports, and exhausts cleanly', async () => {
  const blocker = createSocket('udp4');
  await new Promise<void>((r) => blocker.bind(base, '127.0.0.1', r));
  const alloc = new PortAllocator({ min: base, max: base + 5 }, '127.0.0.1');
  const a = await alloc.allocate();
  const b = await alloc.allocate();
  try {
    for (const p of [a, b]) {
      assert.equal(p.port % 2, 0);
      assert.notEqual(p.port, base, 'port held by another socket is skipped');
      assert.equal(p.rtp.address().port, p.port);
      assert.equal(p.rtcp.address().port, p.port + 1);
    }
    await assert.rejects(alloc.allocate(), (e) => MediaErrors.is(e, 'RTP_NO_PORT'));
    assert.equal(alloc.inUse, 2);
  } finally {
    for (const p of [a, b]) {
      p.rtp.close();
      p.rtcp.close();
      alloc.release(p.port);
    }
    blocker.close();
  }
  assert.equal(alloc.inUse, 0);
});

test('a nonsense range is a configuration error', () => {
  assert.throws(() => new PortAllocator({ min: 20000, max: 20000 }), (e) => MediaErrors.is(e, 'RTP_BAD_PORT_RANGE'));
  assert.throws(() => new PortAllocator({ min: 80, max: 100 }), (e) => MediaErrors.is(e, 'RTP_BAD_PORT_RANGE'));
});
