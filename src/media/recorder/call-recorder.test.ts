import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualMediaTimer } from '../media-timer.js';
import { CallRecorder } from './call-recorder.js';
import { channel, readWavFile } from '../wav/wav-reader.js';
import { MediaErrors } from '../errors.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rec-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const frame = (v: number): Int16Array => new Int16Array(160).fill(v);

test('caller goes left, agent right, aligned by RTP timestamp despite arrival jitter; lost packets are silence', () =>
  withDir(async (dir) => {
    const timer = new ManualMediaTimer();
    const rec = new CallRecorder(join(dir, 'call.wav'), { timer });
    for (let k = 0; k < 50; k++) {
      timer.advance(20);
      if (k !== 10) rec.pushRtp('caller', frame(1000), (90000 + k * 160) >>> 0, 7); // packet 10 lost
      // The agent's packets arrive 0-15 ms late, in bursts; the timestamps say where they belong.
      if (k % 3 === 2) {
        timer.advance(0);
        for (const j of [k - 2, k - 1, k]) rec.pushRtp('agent', frame(-2000), (0xfffffe00 + j * 160) >>> 0, 9);
      }
    }
    timer.advance(40);
    await rec.close();
    const wav = await readWavFile(join(dir, 'call.wav'));
    assert.equal(wav.channels, 2);
    assert.equal(wav.frames, 1040 * 8);
    const left = channel(wav, 0), right = channel(wav, 1);
    // Left: frames 0..49 at 1000 except the lost frame 10, which is silence.
    assert.equal(left[5 * 160 + 3], 1000);
    assert.equal(left[10 * 160 + 3], 0);
    assert.equal(left[11 * 160 + 3], 1000);
    assert.ok(Array.from(left).every((v) => v === 0 || v === 1000));
    assert.ok(Array.from(right).every((v) => v === 0 || v === -2000), 'agent never bleeds into the caller channel');
    // The agent's burst-delivered frames were laid out contiguously (no overlaps: no −4000 sums).
    const agentFrames = Array.from(right).filter((v) => v === -2000).length / 160;
    assert.equal(agentFrames, 48);
  }));

test('pause writes silence for its duration and keeps the file time-aligned', () =>
  withDir(async (dir) => {
    const timer = new ManualMediaTimer();
    const rec = new CallRecorder(join(dir, 'p.wav'), { timer });
    let ts = 0;
    const talk = (ms: number): void => {
      for (let t = 0; t < ms; t += 20) {
        timer.advance(20);
        rec.pushRtp('caller', frame(500), ts, 1);
        ts += 160;
      }
    };
    talk(1000);
    rec.pause();
    assert.throws(() => rec.pause(), (e) => MediaErrors.is(e, 'RECORDER_ILLEGAL_TRANSITION'));
    talk(1000); // card number: must not be recorded
    rec.resume();
    talk(1000);
    await rec.close();
    assert.equal(rec.state, 'closed');
    assert.throws(() => rec.resume(), (e) => MediaErrors.is(e, 'RECORDER_ILLEGAL_TRANSITION'));
    const left = channel(await readWavFile(join(dir, 'p.wav')), 0);
    assert.equal(left.length, 24000);
    const second = (s: number): number[] => Array.from(left.subarray(s * 8000 + 400, s * 8000 + 7600));
    assert.ok(second(0).every((v) => v === 500));
    assert.ok(second(1).every((v) => v === 0), 'paused second is silent');
    assert.ok(second(2).every((v) => v === 500));
  }));
