import type { MediaTimer, TimerHandle } from '../media-timer.js';
import type { RtpOutboundStream } from '../rtp/rtp-stream.js';
import { serializeRtp } from '../rtp/rtp-packet.js';
import { digitToEvent, encodeTelephoneEvent } from './rfc4733.js';

/**
 * Sends RFC 4733 DTMF events on an RTP stream (§2.5.1): a start packet with
 * the marker bit, updates every 50 ms with a growing duration, then the end
 * packet sent three times (§2.5.1.4, for robustness against loss). Every
 * packet of one event carries the event's start timestamp (§2.3.1) and its
 * own sequence number. Digits queue and are sent one after the other with a
 * gap between them.
 */
export interface DtmfSendOptions {
  readonly payloadType: number;
  readonly durationMs?: number; // tone length, default 100 ms
  readonly gapMs?: number; // inter-digit pause, default 60 ms
  readonly volume?: number; // -dBm0, default 10
  readonly updateMs?: number; // default 50 ms
}

export class DtmfSender {
  #queue: string[] = [];
  #busy = false;
  #handle: TimerHandle | undefined;
  #disposed = false;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly stream: RtpOutboundStream,
    private readonly send: (packet: Buffer) => void,
    private readonly timer: MediaTimer,
    private readonly options: DtmfSendOptions,
  ) {}

  /** True while an event is on the wire: a player should pause audio meanwhile. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Queues digits ("123#"); throws DTMF_BAD_DIGIT before sending anything if one is invalid. */
  sendDigits(digits: string): void {
    for (const d of digits) digitToEvent(d);
    this.#queue.push(...digits);
    if (!this.#busy) this.#next();
  }

  /** Resolves when the queue is empty. */
  idle(): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((r) => this.#idleWaiters.push(r));
  }

  #next(): void {
    const digit = this.#queue.shift();
    if (digit === undefined || this.#disposed) {
      this.#busy = false;
      for (const w of this.#idleWaiters.splice(0)) w();
      return;
    }
    this.#busy = true;
    const event = digitToEvent(digit);
    const rate = this.stream.clockRate;
    const durationMs = this.options.durationMs ?? 100;
    const updateMs = this.options.updateMs ?? 50;
    const volume = this.options.volume ?? 10;
    const startTs = this.stream.eventTimestamp(this.timer.now());
    const totalSamples = Math.round((durationMs * rate) / 1000);
    let elapsedMs = 0;
    let first = true;
    const emit = (durationSamples: number, end: boolean): void => {
      const seq = this.stream.nextEventPacket(this.timer.now(), startTs, durationSamples);
      const payload = encodeTelephoneEvent({ event, end, volume, duration: durationSamples });
      this.send(serializeRtp({ payloadType: this.options.payloadType, marker: first, sequence: seq, timestamp: startTs, ssrc: this.stream.ssrc, payload }));
      first = false;
    };
    // As in RFC 4733 §5's example, each packet reports the duration so far at
    // the moment it is sent: the first one after one update interval.
    const step = (): void => {
      if (this.#disposed) return;
      elapsedMs += updateMs;
      if (elapsedMs < durationMs) {
        emit(Math.round((elapsedMs * rate) / 1000), false);
        this.#handle = this.timer.setTimeout(step, updateMs);
        return;
      }
      for (let i = 0; i < 3; i++) emit(totalSamples, true);
      this.#handle = this.timer.setTimeout(() => this.#next(), this.options.gapMs ?? 60);
    };
    this.#handle = this.timer.setTimeout(step, Math.min(updateMs, durationMs));
  }

  dispose(): void {
    this.#disposed = true;
    this.#queue = [];
    if (this.#handle !== undefined) this.timer.clearTimeout(this.#handle);
    this.#busy = false;
    for (const w of this.#idleWaiters.splice(0)) w();
  }
}
