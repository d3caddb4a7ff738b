import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channel, parseWav, readWavFile } from './wav-reader.js';
import { encodeWav, WavFileWriter } from './wav-writer.js';
import { sineTone } from '../tone/tone-generator.js';
import { MediaErrors } from '../errors.js';

function chunk(id: string, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.write(id, 0, 'ascii');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function fmt(tag: number, channels: number, rate: number, bits: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(tag, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * channels * bits) / 8, 8);
  b.writeUInt16LE((channels * bits) / 8, 12);
  b.writeUInt16LE(bits, 14);
  return b;
}

function riff(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE'), ...chunks]);
  const h = Buffer.alloc(8);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body]);
}

test('16-bit PCM and μ-law files round-trip through encodeWav/parseWav', () => {
  const tone = sineTone(1000, -6, 100);
  const pcm = parseWav(encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, tone));
  assert.deepEqual([pcm.encoding, pcm.channels, pcm.sampleRate, pcm.frames], ['pcm16', 1, 8000, 800]);
  assert.deepEqual(Array.from(pcm.samples), Array.from(tone));
  const ulaw = parseWav(encodeWav({ encoding: 'mulaw', channels: 1, sampleRate: 8000 }, tone));
  assert.equal(ulaw.encoding, 'mulaw');
  for (let i = 0; i < tone.length; i++) assert.ok(Math.abs(ulaw.samples[i] - tone[i]) <= Math.abs(tone[i]) / 16 + 8);
});

test('unknown chunks (LIST, odd-sized with pad byte) before data are skipped', () => {
  const data = Buffer.alloc(8);
  data.writeInt16LE(1000, 0);
  data.writeInt16LE(-1000, 2);
  const wav = riff(chunk('LIST', Buffer.from('INFOabc')), chunk('fmt ', fmt(1, 2, 8000, 16)), chunk('junk', Buffer.alloc(3)), chunk('data', data));
  const a = parseWav(wav);
  assert.equal(a.channels, 2);
  assert.equal(a.frames, 2);
  assert.deepEqual(Array.from(channel(a, 0)), [1000, 0]);
  assert.deepEqual(Array.from(channel(a, 1)), [-1000, 0]);
});

test('bad or unsupported files are rejected with stable codes', () => {
  const is = (code: Parameters<typeof MediaErrors.is>[1]) => (e: unknown) => MediaErrors.is(e, code);
  assert.throws(() => parseWav(Buffer.from('RIFX0000WAVE')), is('WAV_BAD_HEADER'));
  assert.throws(() => parseWav(Buffer.alloc(4)), is('WAV_BAD_HEADER'));
  assert.throws(() => parseWav(riff(chunk('data', Buffer.alloc(4)))), is('WAV_BAD_HEADER'));
  assert.throws(() => parseWav(riff(chunk('fmt ', fmt(1, 1, 8000, 16)))), is('WAV_NO_DATA'));
  assert.throws(() => parseWav(riff(chunk('fmt ', fmt(3, 1, 8000, 32)), chunk('data', Buffer.alloc(4)))), is('WAV_UNSUPPORTED_FORMAT'));
  assert.throws(() => parseWav(riff(chunk('fmt ', fmt(1, 6, 8000, 16)), chunk('data', Buffer.alloc(4)))), is('WAV_UNSUPPORTED_FORMAT'));
  assert.throws(() => parseWav(riff(chunk('fmt ', Buffer.alloc(8)), chunk('data', Buffer.alloc(4)))), is('WAV_BAD_HEADER'));
});

test('the streaming writer patches sizes on close and the file reads back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wav-'));
  try {
    const path = join(dir, 'call.wav');
    const w = new WavFileWriter(path, { encoding: 'pcm16', channels: 2, sampleRate: 8000 });
    const frame = new Int16Array(320).map((_, i) => (i % 2 ? -i : i));
    for (let i = 0; i < 500; i++) w.write(frame); // 10 s of stereo: several flushes
    await w.close();
    await w.close();
    assert.throws(() => w.write(frame), (e) => MediaErrors.is(e, 'WAV_WRITER_CLOSED'));
    const a = await readWavFile(path);
    assert.equal(a.frames, 500 * 160);
    assert.equal(a.samples[3], -3);
    assert.equal((await stat(path)).size, (await readFile(path)).readUInt32LE(4) + 8);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
