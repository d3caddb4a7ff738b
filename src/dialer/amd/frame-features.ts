/**
 * What the detectors read from one 20 ms frame of 8 kHz linear PCM: its
 * level and its zero-crossing rate. Levels are in dBm0 of the equivalent
 * sine (a full-scale G.711 sine is +3.17 dBm0), the unit line noise and
 * speech levels are quoted in.
 */
export const SAMPLE_RATE = 8000;
export const FRAME_SAMPLES = 160;
export const FRAME_MS = 20;

/** The level reported for digital silence (all zeros), instead of −∞. */
export const SILENCE_DBM0 = -100;

const FULL_SCALE_DBM0 = 3.17;

export interface FrameFeatures {
  /** RMS level as the dBm0 of a sine with the same power. */
  readonly levelDbm0: number;
  /** Sign changes per sample, 0..1 (white noise ≈ 0.5, a 1 kHz tone 0.25). */
  readonly zeroCrossingRate: number;
}

export function frameFeatures(samples: Int16Array): FrameFeatures {
  let sum = 0;
  let crossings = 0;
  let prev = samples[0] ?? 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    sum += s * s;
    // A crossing is a sign change; zeros count with the positive side so
    // digital silence has none.
    if ((s < 0) !== (prev < 0)) crossings++;
    prev = s;
  }
  return { levelDbm0: powerToDbm0(sum / Math.max(1, samples.length)), zeroCrossingRate: crossings / Math.max(1, samples.length - 1) };
}

/** Mean square of samples → dBm0 of the sine of that power (peak² = 2 × mean square). */
export function powerToDbm0(meanSquare: number): number {
  if (meanSquare <= 0) return SILENCE_DBM0;
  return Math.max(SILENCE_DBM0, 10 * Math.log10((2 * meanSquare) / (32767 * 32767)) + FULL_SCALE_DBM0);
}
