import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTERVAL_MS, IntervalStats } from './intervals.js';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const stats = () => new IntervalStats((q) => (q === 'q' || q === 'r' ? 20_000 : undefined));

test('answers within and beyond the threshold and abandons count in the interval the call arrived', () => {
  const s = stats();
  s.record('i1', 'q', 'new', 'queued', T0 + 1000);
  s.record('i1', 'q', 'queued', 'offered', T0 + 2000);
  const b1 = s.record('i1', 'q', 'offered', 'active', T0 + 5000)!;
  assert.deepEqual(b1, { queue_id: 'q', start: new Date(T0).toISOString(), offered: 1, answered: 1, answered_within: 1, abandoned: 0 });
  // Arrives at 9:14:50, answered at 9:16 (70 s): slow, but still counted in the 9:00 interval.
  s.record('i2', 'q', 'new', 'queued', T0 + INTERVAL_MS - 10_000);
  const b2 = s.record('i2', 'q', 'offered', 'active', T0 + INTERVAL_MS + 60_000)!;
  assert.deepEqual([b2.start, b2.offered, b2.answered, b2.answered_within], [new Date(T0).toISOString(), 2, 2, 1]);
  s.record('i3', 'q', 'new', 'queued', T0 + INTERVAL_MS + 1);
  const b3 = s.record('i3', 'q', 'queued', 'abandoned', T0 + INTERVAL_MS + 4000)!;
  assert.deepEqual([b3.start, b3.offered, b3.abandoned], [new Date(T0 + INTERVAL_MS).toISOString(), 1, 1]);
  assert.equal(s.record('i1', 'q', 'active', 'wrap_up', T0 + 90_000), undefined, 'after the answer nothing more is counted');
  assert.equal(s.record('i1', 'q', 'wrap_up', 'done', T0 + 99_000), undefined);
  assert.deepEqual(s.buckets(T0 + INTERVAL_MS * 2).map((b) => [b.start, b.offered]), [[new Date(T0).toISOString(), 2], [new Date(T0 + INTERVAL_MS).toISOString(), 1]]);
});

test('a rejected offer keeps the arrival time; a move to another queue counts as left there and arrives anew', () => {
  const s = stats();
  s.record('i', 'q', 'new', 'queued', T0);
  s.record('i', 'q', 'queued', 'offered', T0 + 1000);
  assert.equal(s.record('i', 'q', 'offered', 'queued', T0 + 15_000), undefined, 'back in its place');
  const left = s.record('i', 'r', 'queued', 'queued', T0 + 30_000)!;
  assert.deepEqual([left.queue_id, left.offered, left.answered], ['q', 1, 0]);
  const answered = s.record('i', 'r', 'offered', 'active', T0 + 40_000)!;
  assert.deepEqual([answered.queue_id, answered.answered_within], ['r', 1], '10 s in the new queue');
});

test('only the last 24 hours are kept and reported, per queue when asked', () => {
  const s = stats();
  s.record('old', 'q', 'new', 'queued', T0);
  s.record('old', 'q', 'queued', 'failed', T0 + 1);
  s.record('new', 'r', 'new', 'queued', T0 + 25 * 3600_000);
  s.record('new', 'r', 'queued', 'exited', T0 + 25 * 3600_000 + 1);
  assert.deepEqual(s.buckets(T0 + 25 * 3600_000 + 2).map((b) => b.queue_id), ['r']);
  assert.deepEqual(s.buckets(T0 + 25 * 3600_000 + 2, new Set(['q'])), []);
  assert.equal(s.buckets(T0 + 2, new Set(['q']))[0].offered, 1);
});

test('at a new day the previous day\'s buckets go, and a call that arrived before midnight does not bring one back', () => {
  const s = stats();
  const midnight = T0 + 15 * 3600_000; // 9:00 + 15 h
  s.record('late', 'q', 'new', 'queued', midnight - 60_000);
  s.record('late', 'q', 'queued', 'abandoned', midnight - 30_000);
  s.record('spans', 'q', 'new', 'queued', midnight - 10_000);
  s.record('other', 'r', 'new', 'queued', midnight - 60_000);
  s.record('other', 'r', 'queued', 'failed', midnight - 50_000);
  s.rollDay(['q'], midnight);
  assert.deepEqual(s.buckets(midnight + 1000).map((b) => b.queue_id), ['r'], 'only q rolled');
  assert.equal(s.record('spans', 'q', 'offered', 'active', midnight + 5000), undefined, 'arrived yesterday: not counted in today\'s intervals');
  s.record('new', 'q', 'new', 'queued', midnight + 1000);
  const b = s.record('new', 'q', 'queued', 'active', midnight + 2000)!;
  assert.deepEqual([b.start, b.offered, b.answered], [new Date(midnight).toISOString(), 1, 1]);
  assert.deepEqual(s.buckets(midnight + 3000, new Set(['q'])).map((x) => x.start), [new Date(midnight).toISOString()]);
});
