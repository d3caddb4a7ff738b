import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../sim/prng.js';
import { FRAME_MS, frameFeatures, powerToDbm0 } from './frame-features.js';
import { concat, framesOf, overUlaw, silence, speechLike, toPcm, whiteNoise, withLineNoise, tone } from './fixtures/synthetic-audio.js';
import { DEFAULT_VAD_SETTINGS, VoiceActivityDetector } from './voice-activity.js';

/** The voice/no-voice verdict of every frame, as a string of '#' and '.'. */
function vadTrace(pcm: Int16Array): string {
  const vad = new VoiceActivityDetector(DEFAULT_VAD_SETTINGS, FRAME_MS);
  let out = '';
  for (const { frame } of framesOf(pcm)) out += vad.classify(frameFeatures(frame)) ? '#' : '.';
  return out;
}

test('levels are dBm0 of the equivalent sine; digital silence is −100, not −∞', () => {
  assert.ok(Math.abs(frameFeatures(toPcm(tone(1000, 20, -10))).levelDbm0 - -10) < 0.1);
  assert.equal(frameFeatures(new Int16Array(160)).levelDbm0, -100);
  assert.equal(frameFeatures(new Int16Array(160)).zeroCrossingRate, 0);
  assert.equal(powerToDbm0(0), -100);
});

for (const noiseDbm0 of [-60, -45]) {
  test(`a line with ${noiseDbm0} dBm0 noise is never voice; speech at −25 dBm0 on it is`, () => {
    const rng = createRng(`vad ${noiseDbm0}`);
    const speech = speechLike(rng, { durationMs: 1000, levelDbm0: -25, wordGapMs: [300, 300], syllablesPerWord: [2, 2] });
    const trace = vadTrace(overUlaw(toPcm(withLineNoise(rng, concat(silence(3000), speech, silence(2000)), noiseDbm0))));
    const speechFrames = Math.ceil(speech.length / 160);
    assert.equal(trace.slice(0, 150), '.'.repeat(150), 'noise before the speech');
    const during = trace.slice(150, 150 + speechFrames);
    assert.ok(during.replaceAll('.', '').length >= during.length * 0.6, `speech mostly voice: ${during}`);
    assert.match(trace.slice(150 + speechFrames - 2), /^#*\.+$/, 'noise after the speech');
  });
}

test('a greeting from the very first frame is heard within 40 ms (the floor starts capped, not at the speech)', () => {
  const trace = vadTrace(toPcm(concat(speechLike(createRng('first'), { durationMs: 600, levelDbm0: -20 }), silence(500))));
  assert.match(trace.slice(0, 6), /^\.{0,2}#{4,}/);
});

test('clipped loud speech is voice and its gaps are not', () => {
  const rng = createRng('clip');
  const speech = concat(speechLike(rng, { durationMs: 400 }), silence(500), speechLike(rng, { durationMs: 400 }));
  const pcm = toPcm(withLineNoise(rng, concat(silence(1000), speech, silence(1000)), -60), 20);
  assert.ok(pcm.some((s) => s === 32767), 'really clipped');
  const trace = vadTrace(pcm);
  assert.match(trace, /^\.{50}#{15,}\.{15,}#{15,}\.+$/);
});

test('the line getting louder (−65 → −45 dBm0 steady noise) stops being voice within half a second', () => {
  const rng = createRng('step');
  const pcm = toPcm(concat(whiteNoise(rng, 8000, -65), whiteNoise(rng, 24000, -45)));
  const trace = vadTrace(pcm);
  assert.equal(trace.slice(0, 50), '.'.repeat(50));
  assert.ok(trace.slice(50, 75).includes('.'), 'absorbed within 500 ms');
  assert.equal(trace.slice(75), '.'.repeat(trace.length - 75));
});
