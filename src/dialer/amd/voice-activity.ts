import type { FrameFeatures } from './frame-features.js';

/**
 * Voice activity from level and zero-crossing rate, frame by frame, with a
 * noise floor that follows the line (Rabiner & Sambur's endpoint detector,
 * reduced to what answering-machine detection needs):
 *
 * - the floor is the quietest frame of the last `noiseWindowMs`
 *   (minimum statistics: speech always has gaps, the line never does),
 *   never above `maxNoiseFloorDbm0` so a greeting that starts at once is
 *   not taken for noise;
 * - a frame is voice when it is `voiceMarginDb` over the floor and over
 *   `minVoiceDbm0`;
 * - a weaker frame (`weakMarginDb` over the floor) right after voice stays
 *   voice when its zero-crossing rate differs from the line noise's: the
 *   quiet fricatives and voiced tails that end words;
 * - a quiet, perfectly steady "voice" (level within `steadyRangeDb` for
 *   `steadyMs`) is the line getting noisier, not a word: the floor jumps
 *   to it at once instead of waiting out the window.
 */
export interface VadSettings {
  /** dB over the noise floor for a frame to be voice. Default 9. */
  readonly voiceMarginDb: number;
  /** dB over the floor for a weak frame that may extend a word. Default 4. */
  readonly weakMarginDb: number;
  /** Difference from the noise's zero-crossing rate that marks a weak frame as speech. Default 0.1. */
  readonly zcrDelta: number;
  /** Nothing quieter than this is voice, whatever the floor. Default −50 dBm0. */
  readonly minVoiceDbm0: number;
  /** The floor never rises above this (a line noisier than −35 dBm0 is not a line). Default −35 dBm0. */
  readonly maxNoiseFloorDbm0: number;
  /** Window of the minimum-statistics floor. Default 1500 ms. */
  readonly noiseWindowMs: number;
  /** A quiet "voice" this steady for this long is noise. Defaults 3 dB, 400 ms. */
  readonly steadyRangeDb: number;
  readonly steadyMs: number;
}

export const DEFAULT_VAD_SETTINGS: VadSettings = {
  voiceMarginDb: 9,
  weakMarginDb: 4,
  zcrDelta: 0.1,
  minVoiceDbm0: -50,
  maxNoiseFloorDbm0: -35,
  noiseWindowMs: 1500,
  steadyRangeDb: 3,
  steadyMs: 400,
};

export class VoiceActivityDetector {
  readonly #s: VadSettings;
  readonly #levels: number[] = []; // ring of recent frame levels for the floor
  #next = 0;
  readonly #windowFrames: number;
  readonly #steadyFrames: number;
  #steady: number[] = []; // levels of the current run of voice frames, up to steadyFrames
  #floorOverride: number | undefined;
  #overrideFrames = 0; // frames left before the window itself holds the new noise
  #noiseZcr = 0.5;
  #wasVoice = false;

  constructor(settings: VadSettings, frameMs: number) {
    this.#s = settings;
    this.#windowFrames = Math.max(1, Math.round(settings.noiseWindowMs / frameMs));
    this.#steadyFrames = Math.max(2, Math.round(settings.steadyMs / frameMs));
  }

  /** The floor the last frame was judged against (dBm0); undefined before the first frame. */
  get noiseFloorDbm0(): number | undefined {
    return this.#levels.length === 0 ? undefined : this.#floor();
  }

  /** Classifies one frame as voice (true) or not, and learns from it. */
  classify(f: FrameFeatures): boolean {
    this.#remember(f.levelDbm0);
    const floor = this.#floor();
    const over = f.levelDbm0 - floor;
    let voice = over >= this.#s.voiceMarginDb && f.levelDbm0 >= this.#s.minVoiceDbm0;
    if (!voice && this.#wasVoice && over >= this.#s.weakMarginDb && f.levelDbm0 >= this.#s.minVoiceDbm0) {
      voice = Math.abs(f.zeroCrossingRate - this.#noiseZcr) > this.#s.zcrDelta;
    }
    if (voice && this.#isSteadyNoise(f.levelDbm0)) voice = false;
    if (!voice) {
      this.#steady = [];
      this.#noiseZcr += (f.zeroCrossingRate - this.#noiseZcr) * 0.1;
    }
    this.#wasVoice = voice;
    return voice;
  }

  #remember(level: number): void {
    if (this.#levels.length < this.#windowFrames) this.#levels.push(level);
    else this.#levels[this.#next] = level;
    this.#next = (this.#next + 1) % this.#windowFrames;
    // A steady-noise override lasts one window: by then the window holds that noise itself.
    if (this.#floorOverride !== undefined && --this.#overrideFrames <= 0) this.#floorOverride = undefined;
  }

  #floor(): number {
    let min = Infinity;
    for (const l of this.#levels) if (l < min) min = l;
    if (this.#floorOverride !== undefined) min = Math.max(min, this.#floorOverride);
    return Math.min(min, this.#s.maxNoiseFloorDbm0);
  }

  #isSteadyNoise(level: number): boolean {
    if (level > this.#s.maxNoiseFloorDbm0) {
      this.#steady = [];
      return false;
    }
    this.#steady.push(level);
    if (this.#steady.length > this.#steadyFrames) this.#steady.shift();
    if (this.#steady.length < this.#steadyFrames) return false;
    const lo = Math.min(...this.#steady), hi = Math.max(...this.#steady);
    if (hi - lo > this.#s.steadyRangeDb) return false;
    this.#floorOverride = hi;
    this.#overrideFrames = this.#windowFrames;
    this.#steady = [];
    return true;
  }
}
