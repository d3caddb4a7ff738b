/**
 * Band-limited resampling of 16-bit mono audio (windowed sinc, polyphase):
 * uploaded prompts (16–48 kHz) and espeak-ng speech (22,050 Hz) become the
 * 8 kHz a telephone carries. Our own: the project carries no DSP
 * dependency, and a polyphase table (every output instant falls on one of
 * `up` fractions of an input sample, so the kernel is computed once per
 * fraction) makes minutes of hold music cost well under a second. The
 * low-pass is centred on the output's Nyquist frequency with a Blackman
 * window whose transition band (±600 Hz around 4 kHz) passes the telephone
 * band (300–3400 Hz) untouched; what leaks above 4 kHz folds into
 * 3.4–4 kHz, outside that band, instead of onto the voice.
 */
const CHUNK = 4000;

interface Kernel {
  readonly up: number;
  readonly down: number;
  readonly half: number;
  readonly taps: number;
  readonly table: Float64Array;
}

function kernel(fromRate: number, toRate: number): Kernel {
  if (!(fromRate > 0 && toRate > 0) || !Number.isInteger(fromRate) || !Number.isInteger(toRate)) {
    throw new RangeError(`sample rates must be positive integers, got ${fromRate} → ${toRate}`);
  }
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  const cutoff = Math.min(fromRate, toRate) / 2 / fromRate; // cycles per input sample
  const half = Math.ceil((2.75 * fromRate) / 1200) + 1; // taps each side, from the transition width
  const taps = 2 * half;
  const table = new Float64Array(up * taps);
  for (let phase = 0; phase < up; phase++) {
    const frac = phase / up;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const x = j - half + 1 - frac; // distance from the output instant, in input samples
      const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / half) + 0.08 * Math.cos((2 * Math.PI * x) / half);
      const s = x === 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
      const h = Math.abs(x) >= half ? 0 : s * w;
      table[phase * taps + j] = h;
      sum += h;
    }
    for (let j = 0; j < taps; j++) table[phase * taps + j] /= sum; // unity gain at DC
  }
  return { up, down, half, taps, table };
}

function fill(k: Kernel, input: Int16Array, out: Int16Array, from: number, to: number): void {
  const { up, down, half, taps, table } = k;
  for (let n = from; n < to; n++) {
    const pos = n * down;
    const base = Math.floor(pos / up);
    const row = (pos % up) * taps;
    let acc = 0;
    for (let j = 0; j < taps; j++) {
      const i = base + j - half + 1;
      if (i >= 0 && i < input.length) acc += input[i] * table[row + j];
    }
    out[n] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
  }
}

/** Resamples at once (short audio: speech, test fixtures). */
export function resampleSync(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  const k = kernel(fromRate, toRate);
  if (fromRate === toRate) return input.slice();
  const out = new Int16Array(Math.floor((input.length * k.up) / k.down));
  fill(k, input, out, 0, out.length);
  return out;
}

/** Resamples, yielding to the event loop every few thousand samples (uploads of minutes of audio). */
export async function resample(input: Int16Array, fromRate: number, toRate: number): Promise<Int16Array> {
  const k = kernel(fromRate, toRate);
  if (fromRate === toRate) return input.slice();
  const out = new Int16Array(Math.floor((input.length * k.up) / k.down));
  for (let from = 0; from < out.length; from += CHUNK) {
    if (from > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    fill(k, input, out, from, Math.min(out.length, from + CHUNK));
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
