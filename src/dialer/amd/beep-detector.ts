import { invalid } from './amd-settings.js';
import { FRAME_MS, FRAME_SAMPLES, frameFeatures, powerToDbm0 } from './frame-features.js';
import { DEFAULT_VAD_SETTINGS, VoiceActivityDetector, type VadSettings } from './voice-activity.js';

/**
 * Finds the answering machine's beep, so a recorded message starts on the
 * recording and not over the greeting. Start it when the AMD says
 * `machine` and feed it the same frames. A beep is one steady sine between
 * `minFrequencyHz` and `maxFrequencyHz` lasting at least `minBeepMs`; it is
 * reported when the tone stops (the machine records from there).
 *
 * Each 20 ms frame is read as two 10 ms blocks. A block is tonal when its
 * zero crossings (interpolated between samples) give a frequency in range
 * and a Goertzel filter at exactly that frequency holds `minTonality` of
 * the block's power: vowels are harmonic, so no single frequency holds
 * most of their power, while a sine holds all of it.
 *
 *   waiting ─tone starts─► in_tone ─tone ≥ minBeepMs, then stops─► done (beep)
 *      ▲                      │ stops early / changes pitch
 *      └──────────────────────┘
 *   waiting ─silence ≥ silenceAfterVoiceMs (since voice, or the start)─► done (silence)
 *   waiting | in_tone ─maxWaitMs─► done (timeout)
 */
export interface BeepSettings {
  /** Default 800 Hz. */
  readonly minFrequencyHz: number;
  /** Default 2000 Hz. */
  readonly maxFrequencyHz: number;
  /** Default 150 ms. */
  readonly minBeepMs: number;
  /** Share of a block's power at the one frequency. Default 0.8. */
  readonly minTonality: number;
  /** Relative frequency change allowed between blocks of one beep. Default 0.03. */
  readonly frequencyTolerance: number;
  /** Quieter tones are not beeps. Default −40 dBm0. */
  readonly minLevelDbm0: number;
  /**
   * A machine without a beep (or one we missed): this much silence after
   * the greeting's voice ends (or after the start, if none is heard), and
   * recording has surely begun. Default 3000 ms.
   */
  readonly silenceAfterVoiceMs: number;
  /** Give up this long after the start. Default 30000 ms (long greetings exist). */
  readonly maxWaitMs: number;
}

export const DEFAULT_BEEP_SETTINGS: BeepSettings = {
  minFrequencyHz: 800,
  maxFrequencyHz: 2000,
  minBeepMs: 150,
  minTonality: 0.8,
  frequencyTolerance: 0.03,
  minLevelDbm0: -40,
  silenceAfterVoiceMs: 3000,
  maxWaitMs: 30000,
};

export type BeepResult =
  | { readonly kind: 'beep'; readonly atMs: number; readonly startMs: number; readonly durationMs: number; readonly frequencyHz: number; readonly levelDbm0: number }
  | { readonly kind: 'silence'; readonly atMs: number; readonly silenceMs: number }
  | { readonly kind: 'timeout'; readonly atMs: number };

export type BeepState = 'waiting' | 'in_tone' | 'done';

const BLOCK = FRAME_SAMPLES / 2;
const BLOCK_MS = FRAME_MS / 2;

export class BeepDetector {
  readonly settings: BeepSettings;
  readonly #startMs: number;
  readonly #vad: VoiceActivityDetector;
  #state: BeepState = 'waiting';
  #lastMs: number;
  #lastVoiceEndMs: number; // silence is counted from here (the start, before any voice)
  #tone: { startMs: number; endMs: number; frequencySum: number; blocks: number; power: number } | undefined;
  #result: BeepResult | undefined;

  constructor(startMs: number, settings: Partial<BeepSettings> = {}, vad: VadSettings = DEFAULT_VAD_SETTINGS) {
    if (!Number.isFinite(startMs)) invalid('startMs', startMs, 'a finite number');
    this.settings = { ...DEFAULT_BEEP_SETTINGS, ...settings };
    for (const [field, value] of Object.entries(this.settings)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || (value < 0 && !field.endsWith('Dbm0'))) invalid(field, value, 'a finite number ≥ 0');
    }
    if (this.settings.minFrequencyHz >= this.settings.maxFrequencyHz || this.settings.maxFrequencyHz >= 4000) {
      invalid('maxFrequencyHz', this.settings.maxFrequencyHz, 'above minFrequencyHz and under 4000');
    }
    this.#startMs = startMs;
    this.#lastMs = startMs;
    this.#lastVoiceEndMs = startMs;
    this.#vad = new VoiceActivityDetector(vad, FRAME_MS);
  }

  get state(): BeepState {
    return this.#state;
  }

  get result(): BeepResult | undefined {
    return this.#result;
  }

  push(frame: Int16Array, atMs: number): BeepResult | undefined {
    if (!(frame instanceof Int16Array) || frame.length !== FRAME_SAMPLES) invalid('frame', frame?.length, `an Int16Array of ${FRAME_SAMPLES} samples`);
    if (!Number.isFinite(atMs)) invalid('atMs', atMs, 'a finite number');
    if (this.#result) return this.#result;
    const endMs = atMs + FRAME_MS;
    this.#lastMs = Math.max(this.#lastMs, endMs);
    const voice = this.#vad.classify(frameFeatures(frame));
    for (let b = 0; b < 2 && !this.#result; b++) this.#block(frame.subarray(b * BLOCK, (b + 1) * BLOCK), atMs + b * BLOCK_MS, endMs);
    if (this.#result) return this.#result;
    if (voice) this.#lastVoiceEndMs = endMs;
    return this.#checkTimers(endMs);
  }

  /** Time passes without packets (silence). */
  tick(nowMs: number): BeepResult | undefined {
    if (!Number.isFinite(nowMs)) invalid('nowMs', nowMs, 'a finite number');
    if (this.#result || nowMs <= this.#lastMs) return this.#result;
    this.#lastMs = nowMs;
    if (this.#tone) this.#toneEnded(nowMs);
    return this.#result ?? this.#checkTimers(nowMs);
  }

  #block(samples: Int16Array, atMs: number, frameEndMs: number): void {
    const s = this.settings;
    const tonal = measureTone(samples);
    const inRange = tonal !== undefined && tonal.frequencyHz >= s.minFrequencyHz && tonal.frequencyHz <= s.maxFrequencyHz
      && tonal.tonality >= s.minTonality && tonal.levelDbm0 >= s.minLevelDbm0;
    const t = this.#tone;
    if (inRange && t && Math.abs(tonal.frequencyHz / (t.frequencySum / t.blocks) - 1) <= s.frequencyTolerance) {
      t.endMs = atMs + BLOCK_MS;
      t.frequencySum += tonal.frequencyHz;
      t.blocks++;
      t.power += 10 ** (tonal.levelDbm0 / 10);
      return;
    }
    if (t) this.#toneEnded(frameEndMs);
    if (this.#result) return;
    if (inRange) {
      this.#tone = { startMs: atMs, endMs: atMs + BLOCK_MS, frequencySum: tonal.frequencyHz, blocks: 1, power: 10 ** (tonal.levelDbm0 / 10) };
      this.#state = 'in_tone';
    }
  }

  #toneEnded(nowMs: number): void {
    const t = this.#tone;
    this.#tone = undefined;
    this.#state = 'waiting';
    if (!t) return;
    // One block of allowance: a tone starting mid-block leaves that block mixed.
    if (t.endMs - t.startMs >= this.settings.minBeepMs - BLOCK_MS) {
      this.#finish({
        kind: 'beep', atMs: nowMs, startMs: t.startMs, durationMs: t.endMs - t.startMs,
        frequencyHz: Math.round(t.frequencySum / t.blocks), levelDbm0: Math.round(10 * Math.log10(t.power / t.blocks) * 10) / 10,
      });
    } else {
      // A short tone was voice as far as the silence rule goes.
      this.#lastVoiceEndMs = Math.max(this.#lastVoiceEndMs, t.endMs);
    }
  }

  #checkTimers(nowMs: number): BeepResult | undefined {
    if (this.#tone) return undefined;
    const s = this.settings;
    if (nowMs - this.#lastVoiceEndMs >= s.silenceAfterVoiceMs) {
      this.#finish({ kind: 'silence', atMs: nowMs, silenceMs: nowMs - this.#lastVoiceEndMs });
    } else if (nowMs - this.#startMs >= s.maxWaitMs) {
      this.#finish({ kind: 'timeout', atMs: nowMs });
    }
    return this.#result;
  }

  #finish(r: BeepResult): void {
    this.#result = r;
    this.#state = 'done';
  }
}

/**
 * Frequency of a block from its zero crossings (linearly interpolated, so a
 * clean sine measures to a few hertz in 10 ms), and the share of the
 * block's power a Goertzel filter at that frequency finds.
 */
export function measureTone(samples: Int16Array, sampleRate = 8000): { frequencyHz: number; tonality: number; levelDbm0: number } | undefined {
  let first = -1, last = -1, count = 0, sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    sum += x * x;
    if (i === 0) continue;
    const p = samples[i - 1];
    if ((p < 0) !== (x < 0)) {
      const at = i - 1 + p / (p - x); // where the line between the samples meets zero
      if (first < 0) first = at;
      last = at;
      count++;
    }
  }
  if (count < 3 || last <= first) return undefined;
  const frequencyHz = ((count - 1) / (2 * (last - first))) * sampleRate;
  const meanSquare = sum / samples.length;
  if (meanSquare === 0) return undefined;
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0, s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2; // |X(f)|²
  // A sine of amplitude A gives |X|² ≈ (A·N/2)² and a mean square of A²/2.
  const amplitudeSquared = (4 * power) / (samples.length * samples.length);
  return { frequencyHz, tonality: Math.min(1, amplitudeSquared / (2 * meanSquare)), levelDbm0: powerToDbm0(meanSquare) };
}
