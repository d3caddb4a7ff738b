import { MediaErrors } from '../errors.js';
import { systemMediaTimer, type MediaTimer, type TimerHandle } from '../media-timer.js';
import { WavFileWriter } from '../wav/wav-writer.js';
import type { WavEncoding } from '../wav/wav-format.js';

/**
 * Records one call to ONE stereo WAV: caller on the left channel, agent on
 * the right, both on a common timeline that starts when recording starts.
 *
 * Placement: a packet lands at the timeline position its RTP timestamp says,
 * anchored to arrival time on the first packet of each SSRC (re-anchored if
 * the timestamp strays more than a second from arrival, e.g. a sender
 * restart), so network jitter does not smear audio and lost packets become
 * silence. Audio without RTP timestamps (a prompt we play) is placed by
 * arrival time. Frames are committed to disk `latencyMs` behind real time
 * (a small jitter window), then forgotten: memory is bounded by the window.
 *
 * Pause (PCI DSS: the agent takes card numbers) drops incoming audio, so the
 * file holds silence for that stretch and stays time-aligned.
 *
 *   recording ─pause─► paused ─resume─► recording
 *       │                 │
 *       └──── close ──────┴──► closed
 */
export type RecorderState = 'recording' | 'paused' | 'closed';
export type RecorderChannel = 'caller' | 'agent';

const TRANSITIONS: Readonly<Record<RecorderState, readonly RecorderState[]>> = {
  recording: ['paused', 'closed'],
  paused: ['recording', 'closed'],
  closed: [],
};

export interface CallRecorderOptions {
  readonly timer?: MediaTimer;
  readonly encoding?: WavEncoding;
  readonly latencyMs?: number; // jitter window before frames are committed, default 200
  readonly flushEveryMs?: number; // default 100
  readonly sampleRate?: number;
}

interface Anchor {
  ssrc: number;
  ts: number;
  frame: number;
}

export class CallRecorder {
  #state: RecorderState = 'recording';
  readonly #writer: WavFileWriter;
  readonly #timer: MediaTimer;
  readonly #rate: number;
  readonly #latencyFrames: number;
  readonly #startMs: number;
  // Interleaved stereo window starting at timeline frame #committed.
  readonly #window: Int16Array;
  readonly #windowFrames: number;
  #committed = 0;
  #anchors: Partial<Record<RecorderChannel, Anchor>> = {};
  #handle: TimerHandle | undefined;
  #lateDrops = 0;

  constructor(path: string, o: CallRecorderOptions = {}) {
    this.#timer = o.timer ?? systemMediaTimer;
    this.#rate = o.sampleRate ?? 8000;
    this.#latencyFrames = Math.round(((o.latencyMs ?? 200) * this.#rate) / 1000);
    this.#windowFrames = this.#latencyFrames + this.#rate * 2; // 2 s ahead of the commit point
    this.#window = new Int16Array(this.#windowFrames * 2);
    this.#startMs = this.#timer.now();
    this.#writer = new WavFileWriter(path, { encoding: o.encoding ?? 'pcm16', channels: 2, sampleRate: this.#rate });
    const every = o.flushEveryMs ?? 100;
    const loop = (): void => {
      this.#commit(this.#nowFrame() - this.#latencyFrames);
      this.#handle = this.#timer.setTimeout(loop, every);
    };
    this.#handle = this.#timer.setTimeout(loop, every);
  }

  get state(): RecorderState {
    return this.#state;
  }
  /** Frames that arrived after their slot was already written (too late for the window). */
  get lateDrops(): number {
    return this.#lateDrops;
  }

  #transition(to: RecorderState): void {
    if (!TRANSITIONS[this.#state].includes(to)) {
      throw MediaErrors.create('RECORDER_ILLEGAL_TRANSITION', { from: this.#state, to });
    }
    this.#state = to;
  }

  #nowFrame(): number {
    return Math.floor(((this.#timer.now() - this.#startMs) * this.#rate) / 1000);
  }

  /** Adds RTP audio (already decoded to 16-bit) at the position its timestamp says. */
  pushRtp(ch: RecorderChannel, pcm: Int16Array, rtpTimestamp: number, ssrc: number): void {
    if (this.#state !== 'recording') return;
    const arrival = this.#nowFrame() - pcm.length; // the packet's first sample was captured one frame ago
    let a = this.#anchors[ch];
    if (a && a.ssrc === ssrc) {
      const pos = a.frame + ((rtpTimestamp - a.ts) | 0);
      if (Math.abs(pos - arrival) <= this.#rate) return this.#place(ch, pcm, pos);
    }
    a = { ssrc, ts: rtpTimestamp >>> 0, frame: arrival };
    this.#anchors[ch] = a;
    this.#place(ch, pcm, arrival);
  }

  /** Adds audio without RTP timing (e.g. a prompt we are playing), placed by arrival time. */
  pushNow(ch: RecorderChannel, pcm: Int16Array): void {
    if (this.#state !== 'recording') return;
    this.#place(ch, pcm, this.#nowFrame() - pcm.length);
  }

  #place(ch: RecorderChannel, pcm: Int16Array, frame: number): void {
    const side = ch === 'caller' ? 0 : 1;
    for (let i = 0; i < pcm.length; i++) {
      const rel = frame + i - this.#committed;
      if (rel < 0) {
        this.#lateDrops++;
        continue;
      }
      if (rel >= this.#windowFrames) break; // absurdly far ahead: drop rather than grow
      const k = rel * 2 + side;
      // Sum with clipping: a channel may carry several sources (agent + whisper).
      this.#window[k] = Math.max(-32768, Math.min(32767, this.#window[k] + pcm[i]));
    }
  }

  /** Writes timeline frames up to `upTo` (exclusive) and slides the window. */
  #commit(upTo: number): void {
    let n = upTo - this.#committed;
    while (n > 0) {
      const take = Math.min(n, this.#windowFrames);
      this.#writer.write(this.#window.slice(0, take * 2));
      this.#window.copyWithin(0, take * 2);
      this.#window.fill(0, (this.#windowFrames - take) * 2);
      this.#committed += take;
      n -= take;
    }
  }

  pause(): void {
    this.#transition('paused');
  }

  resume(): void {
    this.#transition('recording');
  }

  /** Writes everything up to now, patches the WAV header, stops the timer. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return this.#writer.close();
    this.#transition('closed');
    if (this.#handle !== undefined) this.#timer.clearTimeout(this.#handle);
    this.#commit(this.#nowFrame());
    await this.#writer.close();
  }
}
