/**
 * In-band tone generation at 8 kHz: single sines (the 1 kHz test tone of
 * `sip:tone@`) and DTMF pairs (ITU-T Q.23 frequencies). Levels are in dBm0:
 * for G.711 a full-scale sine is +3.17 dBm0 (G.711 §3 / "digital milliwatt"),
 * so 0 dBm0 peaks at 32767 × 10^(−3.17/20) ≈ 22,748.
 */
export const G711_FULL_SCALE_DBM0 = 3.17;

export function dbm0ToAmplitude(dbm0: number): number {
  return 32767 * 10 ** ((dbm0 - G711_FULL_SCALE_DBM0) / 20);
}

export function amplitudeToDbm0(peak: number): number {
  return 20 * Math.log10(peak / 32767) + G711_FULL_SCALE_DBM0;
}

/** Q.23 row (low) and column (high) frequencies for each key. */
export const DTMF_FREQUENCIES: Readonly<Record<string, readonly [number, number]>> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477], A: [697, 1633],
  '4': [770, 1209], '5': [770, 1336], '6': [770, 1477], B: [770, 1633],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477], C: [852, 1633],
  '*': [941, 1209], '0': [941, 1336], '#': [941, 1477], D: [941, 1633],
};

/** A phase-continuous sine source: successive `next()` calls join without clicks. */
export class ToneGenerator {
  #phases: number[];
  readonly #steps: number[];
  readonly #amplitude: number;

  constructor(frequencies: readonly number[], levelDbm0: number, readonly sampleRate = 8000) {
    this.#steps = frequencies.map((f) => (2 * Math.PI * f) / sampleRate);
    this.#phases = frequencies.map(() => 0);
    this.#amplitude = dbm0ToAmplitude(levelDbm0);
  }

  next(samples: number, out: Int16Array = new Int16Array(samples)): Int16Array {
    for (let i = 0; i < samples; i++) {
      let v = 0;
      for (let k = 0; k < this.#steps.length; k++) {
        v += Math.sin(this.#phases[k]);
        this.#phases[k] += this.#steps[k];
      }
      out[i] = Math.max(-32768, Math.min(32767, Math.round(v * this.#amplitude)));
    }
    for (let k = 0; k < this.#phases.length; k++) this.#phases[k] %= 2 * Math.PI;
    return out;
  }
}

/** `durationMs` of one sine. */
export function sineTone(frequency: number, levelDbm0: number, durationMs: number, sampleRate = 8000): Int16Array {
  return new ToneGenerator([frequency], levelDbm0, sampleRate).next(Math.round((durationMs * sampleRate) / 1000));
}

/** In-band DTMF: each of the two tones at `levelDbm0` (default −10 dBm0 per tone). */
export function dtmfTone(digit: string, durationMs: number, levelDbm0 = -10, sampleRate = 8000): Int16Array {
  const pair = DTMF_FREQUENCIES[digit.toUpperCase()];
  if (!pair) throw new RangeError(`not a DTMF digit: ${digit}`);
  return new ToneGenerator(pair, levelDbm0, sampleRate).next(Math.round((durationMs * sampleRate) / 1000));
}

/**
 * Goertzel power of one frequency in a block, normalised so a full-scale sine
 * at exactly that frequency gives ≈ 1. Used by tests (and later in-band DTMF
 * detection) to check what was really heard.
 */
export function goertzelPower(samples: Int16Array, frequency: number, sampleRate = 8000): number {
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0, s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i] / 32768 + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (4 * power) / (samples.length * samples.length);
}

/** Root-mean-square level of a block, in dBm0 of the equivalent sine. */
export function rmsDbm0(samples: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return amplitudeToDbm0(rms * Math.SQRT2);
}
