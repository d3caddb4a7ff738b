import { FRAME_MS, FRAME_SAMPLES } from '../amd/index.js';

/**
 * Cuts received audio into the AMD's 20 ms frames and gives each a start
 * time: its arrival less one frame, never before the end of the previous
 * one (packets arriving in a burst are laid end to end), so the detectors'
 * times only move forward.
 */
export class FrameClock {
  #next = -Infinity;
  #rest = new Int16Array(0);

  /** The whole frames in `pcm` (with what was left over last time), each with its start time. */
  frames(pcm: Int16Array, arrivedAtMs: number): Array<{ frame: Int16Array; atMs: number }> {
    const all = this.#rest.length === 0 ? pcm : concat(this.#rest, pcm);
    const n = Math.floor(all.length / FRAME_SAMPLES);
    this.#rest = all.slice(n * FRAME_SAMPLES);
    const out: Array<{ frame: Int16Array; atMs: number }> = [];
    let t = Math.max(arrivedAtMs - n * FRAME_MS, this.#next);
    for (let i = 0; i < n; i++) {
      out.push({ frame: all.slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES), atMs: t });
      t += FRAME_MS;
    }
    this.#next = t;
    return out;
  }

  /** Where the next frame would start (for ticks: silence only counts after it). */
  get endMs(): number {
    return this.#next;
  }
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
