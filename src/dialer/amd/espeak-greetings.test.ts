import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peerUnavailable } from '../../../test/interop/helpers/peers.js';
import { createRng } from '../../sim/prng.js';
import { humanCall, machineCall } from './fixtures/calls.js';
import { espeakMissing, speak } from './fixtures/espeak.js';
import { runAmd, runBeep } from './fixtures/run-call.js';

// Real (synthesised) speech, made now with espeak-ng: nothing is committed.
// Without espeak-ng the cases skip with the reason printed (they fail in CI).

const MACHINE = 'Hello, you have reached the Smith family, we can\'t come to the phone right now, please leave a message after the tone.';

for (const text of ['Hello?', 'Hi, this is Sam.']) {
  for (const noiseDbm0 of [undefined, -45]) {
    test(`"${text}" then waiting is a person, decided within 1 s of the greeting's end (${noiseDbm0 ?? 'clean'} line)`, (t) => {
      if (peerUnavailable(t, espeakMissing())) return;
      const greeting = speak(text);
      const call = humanCall(text, createRng(text), greeting, { initialSilenceMs: 400, waitMs: 3000, ...(noiseDbm0 === undefined ? {} : { noiseDbm0 }) });
      const { decision } = runAmd(call.pcm);
      assert.equal(decision?.result, 'human', JSON.stringify(decision));
      assert.equal(decision.reason, 'after_greeting_silence');
      assert.ok(decision.afterAnswerMs - call.greetingEndMs <= 1000, `${decision.afterAnswerMs - call.greetingEndMs} ms after the greeting`);
      // A greeting of a second or less ("Hello?" is 0.5 s): decided ≤ 2.5 s after the answer.
      if (call.greetingEndMs - call.greetingStartMs <= 1100) assert.ok(decision.afterAnswerMs <= 2500, `decided at ${decision.afterAnswerMs} ms`);
    });
  }
}

for (const voice of ['en-us', 'en-gb+f3']) {
  test(`the Smith family's machine (${voice}) is a machine, and its 1 kHz beep is found for the message`, (t) => {
    if (peerUnavailable(t, espeakMissing())) return;
    const call = machineCall('smith', createRng(voice), speak(MACHINE, { voice }), {
      noiseDbm0: -60, initialSilenceMs: 300, beep: { gapMs: 500, frequencyHz: 1000, durationMs: 500 },
    });
    const { decision } = runAmd(call.pcm);
    assert.equal(decision?.result, 'machine', JSON.stringify(decision));
    assert.ok(decision.afterAnswerMs <= 4000, `decided at ${decision.afterAnswerMs} ms`);
    assert.ok(decision.afterAnswerMs < call.greetingEndMs, 'decided while the greeting still plays');
    // The campaign leaving a message starts the beep detector at the decision.
    const beep = runBeep(call.pcm, decision.afterAnswerMs);
    assert.equal(beep?.kind, 'beep', JSON.stringify(beep));
    assert.ok(call.beep);
    assert.ok(Math.abs(beep.startMs - call.beep.startMs) <= 10, `beep at ${beep.startMs}, really ${call.beep.startMs}`);
    assert.ok(beep.atMs - call.beep.endMs <= 40, `reported ${beep.atMs - call.beep.endMs} ms after its end`);
  });
}
