// Answering-machine detection benchmark: prints JSON. A labelled corpus is
// generated in the run (espeak-ng voices and speeds, plus speech-like
// synthetic greetings, over clean, noisy and clipping lines); our detector
// and, in the same run, the naive baseline "machine if the first 3 s hold
// more than 1.8 s of speech" classify every call. Per class: accuracy,
// false positives (a person taken for a machine: hung up on, an abandoned
// call under the UK rules), false negatives, median decision times; the
// beep detector's hit rate and timing; frames per second.
//
//   npx tsx bench/amd.ts [--seed S] [--synthetic N] [--no-espeak] [--list]
//
// --list adds every call's verdict to the report.
import { espeakMissing } from '../src/dialer/amd/fixtures/espeak.js';
import { buildCorpus } from '../src/dialer/amd/fixtures/greeting-corpus.js';
import type { LabelledCall } from '../src/dialer/amd/fixtures/calls.js';
import { naiveDecision, runAmd, runBeep } from '../src/dialer/amd/fixtures/run-call.js';
import { framesOf } from '../src/dialer/amd/fixtures/synthetic-audio.js';
import { AnsweringMachineDetector } from '../src/dialer/amd/answering-machine-detector.js';
import { BeepDetector } from '../src/dialer/amd/beep-detector.js';
import { createRng } from '../src/sim/prng.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = opt('--seed') ?? 'amd-bench';
const synthetic = Number(opt('--synthetic') ?? 20);
if (!(Number.isInteger(synthetic) && synthetic >= 0)) {
  console.error(`--synthetic must be a whole number >= 0, got ${opt('--synthetic')}`);
  process.exit(2);
}
const missing = espeakMissing();
const useEspeak = !args.includes('--no-espeak') && missing === undefined;
if (!useEspeak && !args.includes('--no-espeak')) console.error(`# espeak-ng calls left out: ${missing}`);

const t0 = performance.now();
const calls = buildCorpus(createRng(seed), { espeak: useEspeak, syntheticPerClass: synthetic });
const buildS = (performance.now() - t0) / 1000;

type Verdict = 'human' | 'machine' | 'unknown';
interface Row { call: LabelledCall; ours: Verdict; reason: string; oursMs: number; oursBeep?: { startMs: number }; naive: Verdict; naiveMs: number }
const rows: Row[] = [];
for (const call of calls) {
  const { decision } = runAmd(call.pcm);
  const naive = naiveDecision(call.pcm);
  rows.push({
    call, ours: decision?.result ?? 'unknown', reason: decision?.reason ?? 'none', oursMs: decision?.afterAnswerMs ?? NaN,
    ...(decision?.evidence.beep ? { oursBeep: decision.evidence.beep } : {}),
    naive: naive.result, naiveMs: naive.afterAnswerMs,
  });
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const roundOrNull = (x: number | null): number | null => (x === null ? null : Math.round(x));
const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);

function score(verdict: (r: Row) => Verdict, ms: (r: Row) => number) {
  const humans = rows.filter((r) => r.call.label === 'human');
  const machines = rows.filter((r) => r.call.label === 'machine');
  const correct = rows.filter((r) => verdict(r) === r.call.label).length;
  return {
    accuracy: ratio(correct, rows.length),
    // A person taken for a machine is hung up on: an abandoned call (UK).
    false_positive_rate: ratio(humans.filter((r) => verdict(r) === 'machine').length, humans.length),
    false_negative_rate: ratio(machines.filter((r) => verdict(r) === 'human').length, machines.length),
    unknown_rate: ratio(rows.filter((r) => verdict(r) === 'unknown').length, rows.length),
    median_decision_ms: { human: median(humans.map(ms)), machine: median(machines.map(ms)) },
    // The US rule: a live person reaches an agent within 2 s of their greeting's end.
    median_human_decision_after_greeting_end_ms: roundOrNull(median(humans.filter((r) => verdict(r) === 'human').map((r) => ms(r) - r.call.greetingEndMs))),
  };
}

function byReason(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.call.label}->${r.ours}:${r.reason}`] = (out[`${r.call.label}->${r.ours}:${r.reason}`] ?? 0) + 1;
  return out;
}

// The beep detector starts where our AMD said machine, as a campaign leaving a message would
// (unless the AMD decided on the beep itself: then the message starts at once).
const beepRows = rows.filter((r) => r.call.label === 'machine' && r.ours === 'machine');
let beepFound = 0, beepMissed = 0, beepFalse = 0, noBeepSilence = 0;
const beepLagMs: number[] = [];
for (const r of beepRows) {
  const res = r.oursBeep ? { kind: 'beep' as const, startMs: r.oursBeep.startMs, atMs: r.oursMs } : runBeep(r.call.pcm, r.oursMs);
  const truth = r.call.beep;
  if (truth && res?.kind === 'beep' && Math.abs(res.startMs - truth.startMs) <= 40) {
    beepFound++;
    beepLagMs.push(res.atMs - truth.endMs);
  } else if (truth) beepMissed++;
  else if (res?.kind === 'beep') beepFalse++;
  else if (res?.kind === 'silence') noBeepSilence++;
}
const withBeep = beepRows.filter((r) => r.call.beep).length;

// Throughput, on frames built beforehand, best of three passes after a warm-up (the
// machine may be shared): the AMD as configured until each call's decision (the real
// work; it runs the beep detector too), then never deciding without and with beeps.
const never = { maxAnalysisMs: 1e9, initialSilenceMs: 1e9, maxGreetingMs: 1e9, maxWords: 1e6, maxWordMs: 1e9, afterGreetingSilenceMs: 1e9 };
const corpusFrames = calls.map((c) => [...framesOf(c.pcm)]);
function framesPerSecond(pass: () => number): number {
  pass();
  let best = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    const frames = pass();
    best = Math.max(best, frames / ((performance.now() - t) / 1000));
  }
  return Math.round(best);
}
const untilDecision = framesPerSecond(() => {
  let n = 0;
  for (const frames of corpusFrames) {
    const amd = new AnsweringMachineDetector({}, 0);
    for (const { frame, atMs } of frames) {
      n++;
      if (amd.push(frame, atMs)) break;
    }
  }
  return n;
});
const allFrames = (settings: Record<string, number | boolean>) => () => {
  let n = 0;
  for (const frames of corpusFrames) {
    const amd = new AnsweringMachineDetector(settings, 0);
    for (const { frame, atMs } of frames) amd.push(frame, atMs);
    n += frames.length;
  }
  return n;
};
const vadCadence = framesPerSecond(allFrames({ ...never, detectBeep: false }));
const beepOnly = framesPerSecond(() => {
  let n = 0;
  for (const frames of corpusFrames) {
    const beep = new BeepDetector(0, { maxWaitMs: 1e12, silenceAfterVoiceMs: 1e12, minBeepMs: 1e12 });
    for (const { frame, atMs } of frames) beep.push(frame, atMs);
    n += frames.length;
  }
  return n;
});

const report = {
  corpus: {
    seed, calls: rows.length,
    human: rows.filter((r) => r.call.label === 'human').length,
    machine: rows.filter((r) => r.call.label === 'machine').length,
    espeak: useEspeak, synthetic_per_class: synthetic, build_s: Math.round(buildS * 10) / 10,
  },
  switchboard: { ...score((r) => r.ours, (r) => r.oursMs), reasons: byReason() },
  naive_baseline: { rule: 'machine if speech in the first 3 s > 1.8 s', ...score((r) => r.naive, (r) => r.naiveMs) },
  beep: {
    machine_calls_with_beep_called_machine: withBeep,
    found: beepFound, missed: beepMissed, detection_rate: ratio(beepFound, withBeep),
    false_beeps_on_beepless_machines: beepFalse, beepless_ended_by_silence: noBeepSilence,
    median_report_after_beep_end_ms: roundOrNull(median(beepLagMs)),
  },
  throughput: {
    amd_frames_per_s: untilDecision,
    // How many calls one core could listen to at once (a frame every 20 ms each).
    amd_realtime_calls_per_core: Math.round(untilDecision * 0.02),
    vad_and_cadence_only_frames_per_s: vadCadence,
    beep_detector_only_frames_per_s: beepOnly,
  },
  ...(args.includes('--list') ? {
    calls: rows.map((r) => ({ name: r.call.name, label: r.call.label, ours: r.ours, reason: r.reason, ours_ms: r.oursMs, naive: r.naive, greeting_ms: r.call.greetingEndMs - r.call.greetingStartMs })),
  } : {}),
};
console.log(JSON.stringify(report, null, 2));
