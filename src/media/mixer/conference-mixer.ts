import { decodeG711, encodeG711, type G711Law } from '../codec/g711.js';
import { MediaErrors } from '../errors.js';
import { FrameScheduler, systemMediaTimer, type MediaTimer } from '../media-timer.js';
import type { RtpEndpoint } from '../rtp/rtp-session.js';
import { mixFrames, type MixParty, type PartyMode } from './mix-frames.js';

/**
 * A conference of three or more parties on RTP sessions. Each party's
 * decoded frames queue in a small jitter queue (bounded: the oldest frame is
 * dropped past `maxQueuedFrames`, which caps added latency); every 20 ms on
 * the drift-free scheduler one frame per party is mixed (`mixFrames`) and
 * each party is sent its own mix, encoded in its own codec on its own SSRC.
 * The mixer takes over each session's delegate; removing a party or
 * disposing the mixer gives it back (sessions belong to their call legs).
 */
export interface ConferenceParty {
  readonly id: string;
  readonly session: RtpEndpoint;
  readonly codec: G711Law;
  readonly audioPayloadType: number;
  readonly mode?: PartyMode;
  readonly whisperTo?: string;
  /** Hears each frame this party sends, decoded, with its RTP header fields (call recording). */
  readonly tap?: (pcm: Int16Array, rtpTimestamp: number, ssrc: number) => void;
}

interface Member {
  party: MixParty;
  readonly session: RtpEndpoint;
  readonly codec: G711Law;
  readonly audioPayloadType: number;
  readonly queue: Int16Array[];
}

export interface ConferenceMixerOptions {
  readonly timer?: MediaTimer;
  readonly maxQueuedFrames?: number;
}

const FRAME = 160;

export class ConferenceMixer {
  readonly #members = new Map<string, Member>();
  readonly #scheduler: FrameScheduler;
  readonly #maxQueued: number;
  readonly #scratch = new Int32Array(FRAME);
  readonly #payload = new Uint8Array(FRAME);

  constructor(o: ConferenceMixerOptions = {}) {
    this.#maxQueued = o.maxQueuedFrames ?? 3;
    this.#scheduler = new FrameScheduler(o.timer ?? systemMediaTimer, () => this.#tick());
  }

  get size(): number {
    return this.#members.size;
  }

  add(p: ConferenceParty): void {
    if (this.#members.has(p.id)) throw MediaErrors.create('MIXER_DUPLICATE_PARTY', { id: p.id });
    const m: Member = {
      party: { id: p.id, mode: p.mode ?? 'normal', whisperTo: p.whisperTo },
      session: p.session, codec: p.codec, audioPayloadType: p.audioPayloadType, queue: [],
    };
    this.#members.set(p.id, m);
    p.session.delegate = {
      onRtp: (pkt) => {
        if (pkt.payloadType !== m.audioPayloadType) return;
        const pcm = decodeG711(m.codec, pkt.payload);
        p.tap?.(pcm, pkt.timestamp, pkt.ssrc);
        m.queue.push(pcm);
        if (m.queue.length > this.#maxQueued) m.queue.shift();
      },
    };
    this.#scheduler.start();
  }

  /** Changes how a party is heard (e.g. a supervisor goes from listen to whisper to barge). */
  setMode(id: string, mode: PartyMode, whisperTo?: string): void {
    const m = this.#get(id);
    m.party = { id, mode, whisperTo };
  }

  remove(id: string): void {
    const m = this.#get(id);
    m.session.delegate = {};
    this.#members.delete(id);
    if (this.#members.size === 0) this.#scheduler.stop();
  }

  #get(id: string): Member {
    const m = this.#members.get(id);
    if (!m) throw MediaErrors.create('MIXER_UNKNOWN_PARTY', { id });
    return m;
  }

  #tick(): void {
    const members = [...this.#members.values()];
    const frames = new Map<string, Int16Array | undefined>();
    for (const m of members) frames.set(m.party.id, m.queue.shift());
    const mixes = mixFrames(members.map((m) => m.party), frames, FRAME, this.#scratch);
    for (const m of members) {
      const mix = mixes.get(m.party.id);
      if (mix) m.session.sendFrame(m.audioPayloadType, encodeG711(m.codec, mix, this.#payload), FRAME);
    }
  }

  dispose(): void {
    this.#scheduler.stop();
    for (const m of this.#members.values()) m.session.delegate = {};
    this.#members.clear();
  }
}
