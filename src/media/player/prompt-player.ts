import { EventEmitter } from 'node:events';
import { MediaErrors } from '../errors.js';
import { FrameScheduler, systemMediaTimer, type MediaTimer } from '../media-timer.js';
import { encodeG711, type G711Law } from '../codec/g711.js';
import type { WavAudio } from '../wav/wav-reader.js';
import type { RtpEndpoint } from '../rtp/rtp-session.js';

/**
 * Plays a prompt as 20 ms frames (160 samples at 8 kHz) on a drift-free
 * schedule (FrameScheduler: absolute times from a monotonic clock). Loops for
 * hold music. Emits 'ended' when a non-looping prompt finishes, never after
 * stop() or dispose().
 *
 *   idle ─play─► playing ─(last frame)─► ended
 *     ▲             │ stop                 │
 *     │             ▼                      │
 *     │          stopped ◄─────────────────┘ (play again from stopped/ended)
 *   any ─dispose─► disposed
 */
export type PlayerState = 'idle' | 'playing' | 'stopped' | 'ended' | 'disposed';

const TRANSITIONS: Readonly<Record<PlayerState, readonly PlayerState[]>> = {
  idle: ['playing', 'disposed'],
  playing: ['stopped', 'ended', 'disposed'],
  stopped: ['playing', 'disposed'],
  ended: ['playing', 'disposed'],
  disposed: [],
};

/** Receives each 20 ms frame of 16-bit linear audio; `first` marks the first frame of a play(). */
export type FrameSink = (frame: Int16Array, first: boolean) => void;

export interface PlayOptions {
  readonly loop?: boolean;
}

export interface PromptPlayerOptions {
  readonly sink: FrameSink;
  readonly timer?: MediaTimer;
  readonly frameSamples?: number;
}

type PlayerEvents = { ended: [] };

export class PromptPlayer extends EventEmitter<PlayerEvents> {
  #state: PlayerState = 'idle';
  readonly #sink: FrameSink;
  readonly #frameSamples: number;
  readonly #scheduler: FrameScheduler;
  #samples: Int16Array = new Int16Array(0);
  #position = 0;
  #loop = false;
  #first = true;

  constructor(o: PromptPlayerOptions) {
    super();
    this.#sink = o.sink;
    this.#frameSamples = o.frameSamples ?? 160;
    this.#scheduler = new FrameScheduler(o.timer ?? systemMediaTimer, () => this.#tick());
  }

  get state(): PlayerState {
    return this.#state;
  }

  #transition(to: PlayerState): void {
    if (!TRANSITIONS[this.#state].includes(to)) throw MediaErrors.create('PLAYER_ILLEGAL_TRANSITION', { from: this.#state, to });
    this.#state = to;
  }

  /** Starts playing (replacing whatever is playing). Audio must be 8 kHz; stereo is mixed down. */
  play(audio: WavAudio | Int16Array, options: PlayOptions = {}): void {
    const samples = audio instanceof Int16Array ? audio : toMono8k(audio);
    if (this.#state === 'playing') this.stop();
    this.#transition('playing');
    this.#samples = samples;
    this.#position = 0;
    this.#loop = options.loop ?? false;
    this.#first = true;
    this.#scheduler.start();
  }

  stop(): void {
    if (this.#state !== 'playing') return;
    this.#scheduler.stop();
    this.#transition('stopped');
  }

  dispose(): void {
    if (this.#state === 'disposed') return;
    this.#scheduler.stop();
    this.#transition('disposed');
    this.removeAllListeners();
  }

  #tick(): void {
    const n = this.#frameSamples;
    const frame = new Int16Array(n); // zero = silence pads the last partial frame
    let filled = 0;
    while (filled < n && this.#samples.length > 0) {
      const take = Math.min(n - filled, this.#samples.length - this.#position);
      frame.set(this.#samples.subarray(this.#position, this.#position + take), filled);
      filled += take;
      this.#position += take;
      if (this.#position >= this.#samples.length) {
        if (!this.#loop) break;
        this.#position = 0;
      }
    }
    if (filled > 0) {
      this.#sink(frame, this.#first);
      this.#first = false;
    }
    if (!this.#loop && this.#position >= this.#samples.length && this.#state === 'playing') {
      this.#scheduler.stop();
      this.#transition('ended');
      this.emit('ended');
    }
  }
}

/** Checks the rate (no resampling: prompts must be 8 kHz) and mixes stereo to mono. */
export function toMono8k(audio: WavAudio): Int16Array {
  if (audio.sampleRate !== 8000) throw MediaErrors.create('WAV_BAD_SAMPLE_RATE', { sampleRate: audio.sampleRate });
  if (audio.channels === 1) return audio.samples;
  const out = new Int16Array(audio.frames);
  for (let i = 0; i < audio.frames; i++) out[i] = (audio.samples[2 * i] + audio.samples[2 * i + 1]) >> 1;
  return out;
}

/** A sink that encodes each frame to G.711 and sends it on an RTP session. */
export function rtpFrameSink(session: RtpEndpoint, law: G711Law, payloadType: number): FrameSink {
  const payload = new Uint8Array(160);
  return (frame, first) => {
    const out = payload.length === frame.length ? payload : new Uint8Array(frame.length);
    session.sendFrame(payloadType, encodeG711(law, frame, out), frame.length, first);
  };
}
