import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameScheduler, ManualMediaTimer, type MediaTimer } from './media-timer.js';

test('ticks follow the absolute 20 ms schedule even when every timeout fires late', () => {
  const manual = new ManualMediaTimer();
  // Every timeout fires 7 ms late: setInterval-style scheduling would drift 7 ms per tick.
  const late: MediaTimer = {
    now: () => manual.now(),
    setTimeout: (fn, ms) => manual.setTimeout(fn, ms + 7),
    clearTimeout: (h) => manual.clearTimeout(h),
  };
  const at: number[] = [];
  const s = new FrameScheduler(late, () => at.push(manual.now()));
  s.start();
  manual.advance(2000);
  s.stop();
  // 2000 ms / 20 ms ≈ 100 ticks, each within 7 ms of its slot: no accumulated drift.
  assert.ok(at.length >= 99 && at.length <= 101, String(at.length));
  at.forEach((t, k) => assert.ok(t - k * 20 >= 0 && t - k * 20 <= 7 + 1e-9, `tick ${k} at ${t}`));
  assert.equal(manual.pending, 0);
});

test('a long stall skips missed ticks instead of bursting them', () => {
  const manual = new ManualMediaTimer();
  let offset = 0;
  const stalling: MediaTimer = {
    now: () => manual.now() + offset,
    setTimeout: (fn, ms) => manual.setTimeout(fn, ms),
    clearTimeout: (h) => manual.clearTimeout(h),
  };
  const ticks: number[] = [];
  const s = new FrameScheduler(stalling, (k) => {
    ticks.push(k);
    if (k === 5) offset += 200; // the event loop was blocked for 200 ms (10 frames)
  });
  s.start();
  manual.advance(100);
  s.stop();
  assert.ok(s.skipped >= 9, `skipped ${s.skipped}`);
  // No burst: every tick index appears once and the late ones are not replayed.
  assert.equal(new Set(ticks).size, ticks.length);
  assert.ok(ticks.length < 12, `ticks ${ticks.length}`);
});
