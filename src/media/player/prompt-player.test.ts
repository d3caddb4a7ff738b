import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualMediaTimer } from '../media-timer.js';
import { PromptPlayer } from './prompt-player.js';
import { parseWav } from '../wav/wav-reader.js';
import { encodeWav } from '../wav/wav-writer.js';
import { MediaErrors } from '../errors.js';

const ramp = (n: number): Int16Array => Int16Array.from({ length: n }, (_, i) => i);

test('plays 160-sample frames every 20 ms, pads the last frame with silence, then ends once', () => {
  const timer = new ManualMediaTimer();
  const frames: { at: number; f: Int16Array }[] = [];
  const p = new PromptPlayer({ timer, sink: (f) => frames.push({ at: timer.now(), f }) });
  let ended = 0;
  p.on('ended', () => ended++);
  p.play(ramp(400));
  timer.advance(1000);
  assert.equal(frames.length, 3);
  assert.deepEqual(frames.map((x) => x.at), [0, 20, 40]);
  assert.equal(frames[2].f[79], 399);
  assert.equal(frames[2].f[80], 0);
  assert.equal(p.state, 'ended');
  assert.equal(ended, 1);
  assert.equal(timer.pending, 0, 'no timer left behind');
});

test('loop (hold music) wraps seamlessly until stop, and stop does not emit ended', () => {
  const timer = new ManualMediaTimer();
  const out: number[] = [];
  const p = new PromptPlayer({ timer, sink: (f) => out.push(...f) });
  let ended = 0;
  p.on('ended', () => ended++);
  p.play(ramp(100), { loop: true });
  timer.advance(990); // 50 frames
  p.stop();
  timer.advance(1000);
  assert.equal(out.length, 50 * 160);
  assert.ok(out.every((v, i) => v === i % 100));
  assert.equal(p.state, 'stopped');
  assert.equal(ended, 0);
  p.dispose();
  assert.throws(() => p.play(ramp(10)), (e) => MediaErrors.is(e, 'PLAYER_ILLEGAL_TRANSITION'));
});

test('plays an 8 kHz WAV and rejects other rates with WAV_BAD_SAMPLE_RATE', () => {
  const timer = new ManualMediaTimer();
  const frames: Int16Array[] = [];
  const p = new PromptPlayer({ timer, sink: (f) => frames.push(f) });
  p.play(parseWav(encodeWav({ encoding: 'pcm16', channels: 2, sampleRate: 8000 }, Int16Array.from({ length: 640 }, (_, i) => (i % 2 ? 300 : 100)))));
  timer.advance(100);
  assert.equal(frames.length, 2);
  assert.equal(frames[0][0], 200, 'stereo mixed down');
  const wide = parseWav(encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 16000 }, ramp(320)));
  assert.throws(() => p.play(wide), (e) => MediaErrors.is(e, 'WAV_BAD_SAMPLE_RATE'));
  p.dispose();
});
