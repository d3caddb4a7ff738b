import { amplitudeToDbm0, goertzelPower } from '../../src/media/tone/tone-generator.js';

/**
 * How much of a stretch of 8 kHz audio is one sine at `hz`: about 1 for that
 * tone alone, about 0 when it is absent (silence counts as absent). Unlike a
 * comparison with another tone, it also says "not heard" of a stretch
 * filled with something else, such as hold music.
 */
export function toneShare(s: Int16Array, hz: number): number {
  if (s.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += (s[i] / 32768) ** 2;
  const meanSquare = sum / s.length;
  // A sine of amplitude A has Goertzel power A² and mean square A²/2.
  return meanSquare < 1e-7 ? 0 : goertzelPower(s, hz) / (2 * meanSquare);
}

/** The level of the sine at `hz` in a stretch of 8 kHz audio, in dBm0 (−∞ for none): how loud a party was heard. */
export function toneDbm0(s: Int16Array, hz: number): number {
  return s.length === 0 ? -Infinity : amplitudeToDbm0(Math.sqrt(goertzelPower(s, hz)) * 32768);
}

/**
 * Maps a wall-clock moment (Date.now()) to seconds into a phone's capture
 * that stopped at `endedAt`. A baresip capture holds only the audio it
 * received, so it starts with the first RTP packet (a caller waiting in a
 * silent queue gets none): counted back from the hang-up it lines up with
 * the test's clock as long as the media then ran without gaps.
 */
export function captureClock(s: Int16Array, endedAt: number, sampleRate = 8000): (at: number) => number {
  const length = s.length / sampleRate;
  return (at) => length - (endedAt - at) / 1000;
}
