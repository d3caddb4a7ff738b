import { randomUUID } from 'node:crypto';
import { systemMediaTimer, type MediaTimer } from '../media/media-timer.js';
import type { BrowserOffer } from './browser-offer.js';
import type { WebRtcLeg, WebRtcLegState, WebRtcLegStats } from './webrtc-engine.js';
import { WebRtcErrors } from './webrtc-errors.js';
import { WebRtcRtpEndpoint } from './webrtc-rtp-endpoint.js';

const NEXT: Readonly<Record<WebRtcLegState, readonly WebRtcLegState[]>> = {
  connecting: ['connected', 'failed', 'closed'],
  connected: ['disconnected', 'failed', 'closed'],
  disconnected: ['connected', 'failed', 'closed'],
  failed: ['closed'],
  closed: [],
};

/**
 * What every engine's leg shares: the state machine drawn on
 * `WebRtcLegState`, state listeners, and the RTP endpoint. An engine
 * subclass sends packets in `sendPacket()`, reports its peer connection's
 * states through `engineState()`
 * (moves the diagram does not allow, such as a late 'connecting', are
 * ignored: they come from a native callback we must not throw into) and
 * frees its peer connection in `release()`, which runs once, on close.
 */
export abstract class EngineLeg implements WebRtcLeg {
  readonly id = randomUUID();
  readonly codec = 'pcmu' as const;
  readonly audioPayloadType: number;
  readonly telephoneEventPayloadType: number | undefined;
  readonly session: WebRtcRtpEndpoint;
  #state: WebRtcLegState = 'connecting';
  readonly #listeners = new Set<(s: WebRtcLegState) => void>();
  readonly #startedAt: number;
  #connectMs: number | undefined;
  readonly #timer: MediaTimer;

  protected constructor(offer: BrowserOffer, timer: MediaTimer = systemMediaTimer) {
    this.audioPayloadType = offer.audioPayloadType;
    this.telephoneEventPayloadType = offer.telephoneEventPayloadType;
    const pts = [offer.audioPayloadType, ...(offer.telephoneEventPayloadType === undefined ? [] : [offer.telephoneEventPayloadType])];
    this.session = new WebRtcRtpEndpoint((packet) => this.sendPacket(packet), pts, timer);
    this.#timer = timer;
    this.#startedAt = timer.now();
  }

  abstract readonly answerSdp: string;

  get state(): WebRtcLegState {
    return this.#state;
  }

  onState(cb: (state: WebRtcLegState) => void): () => void {
    if (this.#state !== 'closed') this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  #transition(to: WebRtcLegState): void {
    if (!NEXT[this.#state].includes(to)) throw WebRtcErrors.create('WEBRTC_ILLEGAL_TRANSITION', { from: this.#state, to });
    this.#state = to;
    if (to === 'connected' && this.#connectMs === undefined) this.#connectMs = this.#timer.now() - this.#startedAt;
    for (const cb of [...this.#listeners]) {
      try {
        cb(to);
      } catch {
        // a listener's failure must not stop the others, nor the engine's callback
      }
    }
    if (to === 'closed') this.#listeners.clear();
  }

  /** A state the engine reported; moves the diagram does not allow are ignored. */
  protected engineState(to: WebRtcLegState): void {
    if (to === 'closed') return this.close();
    if (NEXT[this.#state].includes(to)) this.#transition(to);
  }

  stats(): WebRtcLegStats {
    return { ...this.session.stats(), state: this.#state, connectMs: this.#connectMs };
  }

  /** Hands one RTP packet to the engine to encrypt and send; false if media is not up. */
  protected abstract sendPacket(packet: Buffer): boolean;

  /** Frees the engine's peer connection; called once, by close(). */
  protected abstract release(): void;

  close(): void {
    if (this.#state === 'closed') return;
    this.session.dispose();
    // Closed before release(): an engine that reports 'closed' synchronously from its close() finds the leg already closed.
    this.#transition('closed');
    this.release();
  }
}
