import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.js';
import { createRng } from '../../sim/prng.js';
import { AnsweringMachineDetector } from './answering-machine-detector.js';
import { humanCall, machineCall } from './fixtures/calls.js';
import { runAmd } from './fixtures/run-call.js';
import { concat, framesOf, samplesOf, silence, speechLike, tone, toPcm, type Signal } from './fixtures/synthetic-audio.js';

/** Speech-like audio of exactly `ms` (cut at the end if the last word runs over). */
function speechOf(seed: string, ms: number, levelDbm0 = -20): Signal {
  return speechLike(createRng(seed), { durationMs: ms, levelDbm0 }).slice(0, samplesOf(ms));
}

const LINES = [
  { name: 'a clean line', line: {} },
  { name: 'a −60 dBm0 line', line: { noiseDbm0: -60 } },
  { name: 'a −45 dBm0 line', line: { noiseDbm0: -45 } },
  { name: 'a clipping hot line', line: { noiseDbm0: -60, gainDb: 20 } },
];

for (const { name, line } of LINES) {
  test(`a person saying a 1 s hello then waiting is human, decided ≤ 2.5 s after the answer (${name})`, () => {
    const call = humanCall('hello', createRng(name), speechOf('hello', 1000), { ...line, initialSilenceMs: 500, waitMs: 3000 });
    const { decision } = runAmd(call.pcm);
    assert.ok(decision);
    assert.equal(decision.result, 'human', JSON.stringify(decision));
    assert.equal(decision.reason, 'after_greeting_silence');
    assert.ok(decision.afterAnswerMs <= 2500, `decided at ${decision.afterAnswerMs} ms`);
    // The evidence tells the same story as the audio.
    assert.ok(Math.abs(decision.evidence.initialSilenceMs - 500) <= 60, `initial silence ${decision.evidence.initialSilenceMs}`);
    assert.ok(Math.abs(decision.evidence.greetingMs - 1000) <= 100, `greeting ${decision.evidence.greetingMs}`);
    assert.ok(decision.evidence.afterGreetingSilenceMs >= 800);
    assert.ok(decision.evidence.words.length >= 1);
  });

  test(`a machine talking for 6 s is a machine, decided ≤ 3 s after its greeting starts (${name})`, () => {
    const call = machineCall('long', createRng(name), speechOf('long', 6000), { ...line, initialSilenceMs: 400 });
    const { decision } = runAmd(call.pcm);
    assert.equal(decision?.result, 'machine', JSON.stringify(decision));
    assert.equal(decision.reason, 'long_greeting');
    assert.ok(decision.afterAnswerMs - 400 <= 3000, `decided at ${decision.afterAnswerMs} ms`);
    assert.ok(decision.evidence.greetingMs >= 2500);
  });
}

test('many short words with no long pause is a machine before the greeting gets long (max_words)', () => {
  const parts: Signal[] = [silence(300)];
  for (let i = 0; i < 8; i++) parts.push(speechOf(`w${i}`, 150), silence(200));
  const { decision } = runAmd(toPcm(concat(...parts, silence(3000))));
  assert.equal(decision?.result, 'machine');
  assert.equal(decision.reason, 'max_words');
  assert.equal(decision.evidence.words.length, 7);
  assert.equal(decision.evidence.silences.length, 6);
});

test('nobody speaking is human after 2.5 s by default (a person waiting), machine when the campaign says so', () => {
  const pcm = toPcm(silence(6000));
  const human = runAmd(pcm).decision;
  assert.equal(human?.result, 'human');
  assert.equal(human.reason, 'initial_silence');
  assert.equal(human.afterAnswerMs, 2500);
  assert.equal(human.evidence.words.length, 0);
  const machine = runAmd(pcm, { initialSilenceVerdict: 'machine' }).decision;
  assert.equal(machine?.result, 'machine');
});

test('talk with short pauses that neither ends nor grows long is unknown at the time limit', () => {
  const parts: Signal[] = [silence(200)];
  for (let i = 0; i < 10; i++) parts.push(speechOf(`p${i}`, 300), silence(500));
  const { decision } = runAmd(toPcm(concat(...parts)), { maxGreetingMs: 60_000, maxWords: 100 });
  assert.equal(decision?.result, 'unknown');
  assert.equal(decision.reason, 'timeout');
  assert.equal(decision.afterAnswerMs, 5000);
});

test('one sound with no gap for 5 s (music, a drone) is a machine by word length', () => {
  // By default the greeting rule (2.5 s) comes first; this is the rule for campaigns that lengthen it.
  const drone = speechLike(createRng('drone'), { durationMs: 7000, wordGapMs: [0, 0] });
  const { decision } = runAmd(toPcm(concat(silence(200), drone)), { maxGreetingMs: 60_000, maxAnalysisMs: 10_000 });
  assert.equal(decision?.result, 'machine');
  assert.equal(decision.reason, 'max_word_length');
  assert.ok(Math.abs(decision.afterAnswerMs - 5200) <= 40, String(decision.afterAnswerMs));
});

test('a short greeting ending in a beep is a machine, and the decision carries the beep', () => {
  const call = machineCall('short', createRng('short'), speechOf('short', 1000), { initialSilenceMs: 300, beep: { gapMs: 500, frequencyHz: 1000, durationMs: 300 } });
  const { decision } = runAmd(call.pcm);
  assert.equal(decision?.result, 'machine', JSON.stringify(decision));
  assert.equal(decision.reason, 'beep');
  assert.ok(decision.evidence.beep);
  assert.ok(Math.abs(decision.evidence.beep.startMs - 1800) <= 10, String(decision.evidence.beep.startMs));
  assert.ok(Math.abs(decision.evidence.beep.frequencyHz - 1000) <= 10);
  assert.ok(decision.afterAnswerMs >= 2100 && decision.afterAnswerMs <= 2140, `after the beep ends: ${decision.afterAnswerMs}`);
});

test('with silence suppression (no packets after the greeting) tick() lets the silence decide', () => {
  const amd = new AnsweringMachineDetector({}, 10_000);
  for (const { frame, atMs } of framesOf(toPcm(speechOf('dtx', 700)), 10_300)) assert.equal(amd.push(frame, atMs), undefined);
  assert.equal(amd.state, 'greeting');
  assert.equal(amd.tick(11_700), undefined);
  const d = amd.tick(11_820);
  assert.equal(d?.result, 'human');
  assert.equal(d.atMs, 11_820);
  assert.equal(d.afterAnswerMs, 1820);
  assert.equal(amd.state, 'decided');
  // Decided is final: more audio changes nothing.
  assert.equal(amd.push(new Int16Array(160), 12_000), d);
});

test('a gap between packets counts as silence', () => {
  const amd = new AnsweringMachineDetector({}, 0);
  for (const { frame, atMs } of framesOf(toPcm(speechOf('gap', 600)), 200)) amd.push(frame, atMs);
  // The next packet comes 1 s after the greeting: the pause before it was the person waiting.
  const d = amd.push(new Int16Array(160), 1800);
  assert.equal(d?.result, 'human');
  assert.equal(d.atMs, 1800);
});

test('the same audio always gives the same decision (no clock, no randomness inside)', () => {
  const call = humanCall('same', createRng('same'), speechOf('same', 800), { noiseDbm0: -45, initialSilenceMs: 600, waitMs: 2000 });
  assert.deepEqual(runAmd(call.pcm).decision, runAmd(call.pcm).decision);
});

test('bad input is refused with the field named', () => {
  const code = (f: () => unknown, field: string) => assert.throws(f, (e: unknown) => e instanceof AppError && e.code === 'DIALER_INVALID_INPUT' && e.details?.field === field);
  const amd = new AnsweringMachineDetector({}, 0);
  code(() => amd.push(new Int16Array(80), 0), 'frame');
  code(() => amd.push(new Float32Array(160) as unknown as Int16Array, 0), 'frame');
  code(() => amd.push(new Int16Array(160), Number.NaN), 'atMs');
  amd.push(new Int16Array(160), 1000);
  code(() => amd.push(new Int16Array(160), 900), 'atMs');
  code(() => new AnsweringMachineDetector({ maxGreetingMs: -1 }), 'maxGreetingMs');
  code(() => new AnsweringMachineDetector({ maxWords: 0 }), 'maxWords');
  code(() => new AnsweringMachineDetector({ initialSilenceVerdict: 'maybe' as 'human' }), 'initialSilenceVerdict');
  code(() => new AnsweringMachineDetector({ detectBeep: 'yes' as unknown as boolean }), 'detectBeep');
  code(() => new AnsweringMachineDetector({}, Number.POSITIVE_INFINITY), 'answeredAtMs');
});

test('a tone is not taken for a greeting beep when detectBeep is off: the cadence rules alone decide', () => {
  const pcm = toPcm(concat(silence(300), tone(1000, 400, -12), silence(3000)));
  assert.equal(runAmd(pcm).decision?.reason, 'beep');
  const d = runAmd(pcm, { detectBeep: false }).decision;
  assert.equal(d?.result, 'human');
  assert.equal(d.reason, 'after_greeting_silence');
});

test('a beep whose packets simply stop is still heard: tick() ends it and decides', () => {
  const amd = new AnsweringMachineDetector({}, 0);
  const pcm = toPcm(concat(silence(200), speechOf('cut', 600), silence(300), tone(1400, 300, -12)));
  for (const { frame, atMs } of framesOf(pcm)) assert.equal(amd.push(frame, atMs), undefined);
  const d = amd.tick(1420);
  assert.equal(d?.reason, 'beep');
  assert.ok(Math.abs((d.evidence.beep?.frequencyHz ?? 0) - 1400) <= 5);
  assert.equal(d.atMs, 1420);
});
