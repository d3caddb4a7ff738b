import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InboundStats } from './sequence-tracker.js';

function feed(stats: InboundStats, seqs: number[], jitterMs: (i: number) => number = () => 0): void {
  seqs.forEach((seq, i) => stats.update(seq & 0xffff, (i * 160) >>> 0, i * 20 + jitterMs(i)));
}

test('a clean stream reports no loss and no jitter', () => {
  const s = new InboundStats();
  feed(s, Array.from({ length: 100 }, (_, i) => 1000 + i));
  const snap = s.snapshot();
  assert.equal(snap.lost, 0);
  assert.equal(snap.jitter, 0);
  assert.ok(snap.packets >= 98); // the probation packets are not counted (A.1)
});

test('gaps in the sequence count as loss, across the 16-bit wrap', () => {
  const s = new InboundStats();
  const seqs: number[] = [];
  for (let i = 0; i < 200; i++) if (i % 10 !== 5) seqs.push(65500 + i);
  feed(s, seqs);
  const snap = s.snapshot();
  assert.equal(snap.lost, 20);
  assert.equal(snap.highestSequence, 65500 + 199);
  assert.ok(s.takeFractionLost() > 0);
  assert.equal(s.takeFractionLost(), 0);
});

test('interarrival jitter follows RFC 3550 A.8 for alternating ±5 ms arrival', () => {
  const s = new InboundStats();
  let prevTs = 0;
  for (let i = 0; i < 500; i++) {
    const ts = i * 160;
    s.update(i, ts, i * 20 + (i % 2 ? 5 : 0));
    prevTs = ts;
  }
  assert.ok(prevTs > 0);
  // |D| is 40 samples each packet, so J converges on 40 samples = 5 ms.
  assert.ok(Math.abs(s.snapshot().jitterMs - 5) < 0.2, String(s.snapshot().jitterMs));
});

test('a source restart (large jump then sequential) resynchronises instead of counting 30000 lost', () => {
  const s = new InboundStats();
  feed(s, [...Array.from({ length: 50 }, (_, i) => 100 + i), ...Array.from({ length: 50 }, (_, i) => 40000 + i)]);
  assert.ok(s.snapshot().lost < 5);
});
