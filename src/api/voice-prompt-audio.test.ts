import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goertzelPower, sineTone } from '../media/tone/tone-generator.js';
import { parseWav } from '../media/wav/wav-reader.js';
import { encodeWav } from '../media/wav/wav-writer.js';
import { convertPrompt, PromptAudioErrors, resample } from './voice-prompt-audio.js';

const interleave = (l: Int16Array, r: Int16Array) => {
  const out = new Int16Array(l.length * 2);
  for (let i = 0; i < l.length; i++) { out[2 * i] = l[i]; out[2 * i + 1] = r[i]; }
  return out;
};
const middle = (s: Int16Array) => s.subarray(Math.floor(s.length / 4), Math.floor((3 * s.length) / 4));

for (const rate of [16000, 44100, 48000]) {
  test(`${rate} Hz stereo becomes 8 kHz mono with the voice band kept and nothing folded onto it`, async () => {
    const voice = sineTone(1000, -10, 1000, rate);
    const hiss = sineTone(6000, -10, 1000, rate); // without a low-pass this folds to 2 kHz
    const mixed = voice.map((v, i) => v + hiss[i]);
    const out = parseWav((await convertPrompt(encodeWav({ encoding: 'pcm16', channels: 2, sampleRate: rate }, interleave(mixed, mixed)))).wav);
    assert.equal(out.sampleRate, 8000);
    assert.equal(out.channels, 1);
    assert.ok(Math.abs(out.frames - 8000) <= 1, `1 s of audio, got ${out.frames} frames`);
    const core = middle(out.samples);
    const kept = goertzelPower(core, 1000) / goertzelPower(middle(voice), 1000, rate);
    assert.ok(kept > 0.9 && kept < 1.1, `1 kHz kept at ${kept.toFixed(3)} of its power`);
    assert.ok(goertzelPower(core, 2000) < goertzelPower(core, 1000) / 1000, 'the 6 kHz tone does not alias onto 2 kHz');
  });
}

test('8 kHz mono passes through unchanged; G.711 files are accepted too', async () => {
  const tone = sineTone(440, -10, 200);
  const out = await convertPrompt(encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, tone));
  assert.deepEqual(parseWav(out.wav).samples, tone);
  assert.equal(out.durationMs, 200);
  const law = await convertPrompt(encodeWav({ encoding: 'mulaw', channels: 1, sampleRate: 8000 }, tone));
  assert.equal(law.source.encoding, 'mulaw');
});

test('what cannot be a prompt is refused with the reason', async () => {
  const code = async (buf: Buffer) => {
    try { await convertPrompt(buf); } catch (e) { assert.ok(PromptAudioErrors.is(e)); return `${e.code}: ${e.message}`; }
    return 'accepted';
  };
  assert.match(await code(Buffer.from('ID3 this is an mp3')), /^PROMPT_NOT_WAV/);
  assert.match(await code(encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 12345 }, sineTone(440, -10, 100, 12345))), /^PROMPT_FORMAT: unsupported sample rate 12345/);
  assert.match(await code(encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, new Int16Array(0))), /^PROMPT_EMPTY/);
  const float = encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, sineTone(440, -10, 100));
  float.writeUInt16LE(3, 20); // WAVE_FORMAT_IEEE_FLOAT
  assert.match(await code(float), /^PROMPT_FORMAT/);
});

test('resampling keeps the length in proportion and unity gain at DC, and lets other work run meanwhile', async () => {
  const dc = new Int16Array(44100).fill(1000);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const out = await resample(dc, 44100, 8000);
  clearInterval(timer);
  assert.ok(ticks > 0, 'the event loop turned during the conversion');
  assert.equal(out.length, 8000);
  assert.ok(middle(out).every((v) => Math.abs(v - 1000) <= 1));
});
