import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dtmfTone } from '../../media/tone/tone-generator.js';
import { AppError } from '../../platform/errors.js';
import { createRng } from '../../sim/prng.js';
import { BeepDetector, measureTone } from './beep-detector.js';
import { runBeep } from './fixtures/run-call.js';
import { concat, overUlaw, samplesOf, silence, speechLike, tone, toPcm, vowel, withLineNoise } from './fixtures/synthetic-audio.js';

const greeting = () => speechLike(createRng('greeting'), { durationMs: 2000 }).slice(0, samplesOf(2000));

test('zero crossings measure a clean tone to within 2 Hz in 10 ms; a sine is all tone', () => {
  for (const f of [800, 1000, 1400, 2000]) {
    const m = measureTone(toPcm(tone(f, 10, -12)));
    assert.ok(m && Math.abs(m.frequencyHz - f) < 2, `${f}: ${m?.frequencyHz}`);
    assert.ok(m.tonality > 0.95, `${f}: tonality ${m.tonality}`);
  }
  assert.equal(measureTone(new Int16Array(80)), undefined);
});

for (const [frequencyHz, noiseDbm0] of [[1000, undefined], [850, -60], [1400, -45], [1800, -45]] as const) {
  test(`a ${frequencyHz} Hz beep after a greeting is found, and reported as it ends (${noiseDbm0 ?? 'clean'} line)`, () => {
    const rng = createRng(`beep ${frequencyHz}`);
    const audio = concat(greeting(), silence(400), tone(frequencyHz, 400, -12), silence(3000));
    const pcm = overUlaw(toPcm(noiseDbm0 === undefined ? audio : withLineNoise(rng, audio, noiseDbm0)));
    const r = runBeep(pcm, 0);
    assert.equal(r?.kind, 'beep', JSON.stringify(r));
    assert.ok(Math.abs(r.startMs - 2400) <= 10, `start ${r.startMs}`);
    assert.ok(Math.abs(r.durationMs - 400) <= 20, `duration ${r.durationMs}`);
    assert.ok(Math.abs(r.frequencyHz - frequencyHz) <= 5, `frequency ${r.frequencyHz}`);
    assert.ok(Math.abs(r.levelDbm0 - -12) <= 1, `level ${r.levelDbm0}`);
    assert.ok(r.atMs >= 2800 && r.atMs <= 2840, `reported at ${r.atMs}`);
  });
}

test('a square-wave beep (odd harmonics, cut at 3.4 kHz by the line) is still a beep', () => {
  const square = tone(1000, 400, -12).map((v, i) => v + tone(3000, 400, -12)[i] / 3);
  const r = runBeep(toPcm(concat(silence(500), square, silence(1000))), 0);
  assert.equal(r?.kind, 'beep');
  assert.ok(r.kind === 'beep' && Math.abs(r.frequencyHz - 1000) <= 5);
});

test('a 150 ms beep counts, a 100 ms one does not', () => {
  assert.equal(runBeep(toPcm(concat(silence(333), tone(1000, 150, -12), silence(500))), 0)?.kind, 'beep');
  assert.notEqual(runBeep(toPcm(concat(silence(333), tone(1000, 100, -12), silence(500))), 0)?.kind, 'beep');
});

test('speech, DTMF, a 440 Hz tone, a too-quiet beep and a held vowel are not beeps', () => {
  const notBeeps = [
    greeting(),
    Float64Array.from(dtmfTone('5', 500, -10)),
    tone(440, 500, -12),
    tone(1000, 500, -50),
    speechLike(createRng('loud'), { durationMs: 3000, levelDbm0: -8 }),
    // A held "ah" (700/1200/2600 Hz formants) at 200 Hz: steady, periodic, but not one sine.
    vowel(200, [[700, 80], [1200, 90], [2600, 120]], 800),
  ];
  for (const [i, audio] of notBeeps.entries()) {
    const r = runBeep(toPcm(concat(silence(200), audio, silence(4000))), 0);
    assert.equal(r?.kind, 'silence', `case ${i}: ${JSON.stringify(r)}`);
  }
});

test('a machine with no beep: 3 s of silence after its greeting means recording has begun', () => {
  const r = runBeep(toPcm(concat(silence(100), greeting(), silence(5000))), 0);
  assert.equal(r?.kind, 'silence');
  assert.ok(r.kind === 'silence' && r.atMs >= 5100 && r.atMs <= 5160, String(r.atMs));
});

test('no beep and no end of talk: timeout after maxWaitMs; without packets tick() gets there', () => {
  const talk = speechLike(createRng('talk'), { durationMs: 12_000, wordGapMs: [100, 300] });
  assert.equal(runBeep(toPcm(talk), 0, { maxWaitMs: 10_000 })?.kind, 'timeout');
  const b = new BeepDetector(1000, { silenceAfterVoiceMs: 5000 });
  assert.equal(b.tick(5999), undefined);
  assert.deepEqual(b.tick(6000), { kind: 'silence', atMs: 6000, silenceMs: 5000 });
  assert.equal(b.state, 'done');
});

test('a beep cut off by the end of packets is reported at the tick', () => {
  const b = new BeepDetector(0);
  const pcm = toPcm(tone(1000, 300, -12));
  for (let i = 0; i < 15; i++) assert.equal(b.push(pcm.subarray(i * 160, i * 160 + 160), i * 20), undefined);
  assert.equal(b.state, 'in_tone');
  assert.equal(b.tick(400)?.kind, 'beep');
});

test('bad settings and frames are refused with the field named', () => {
  const field = (f: () => unknown, name: string) => assert.throws(f, (e: unknown) => e instanceof AppError && e.code === 'DIALER_INVALID_INPUT' && e.details?.field === name);
  field(() => new BeepDetector(0, { minBeepMs: -1 }), 'minBeepMs');
  field(() => new BeepDetector(0, { minFrequencyHz: 2500, maxFrequencyHz: 2000 }), 'maxFrequencyHz');
  field(() => new BeepDetector(Number.NaN), 'startMs');
  field(() => new BeepDetector(0).push(new Int16Array(10), 0), 'frame');
});
