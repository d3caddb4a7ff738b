import { decodeG711 } from '../../media/codec/g711.js';
import { RtpBridge } from '../../media/bridge/rtp-bridge.js';
import { PromptPlayer, rtpFrameSink } from '../../media/player/prompt-player.js';
import type { CallRecorder } from '../../media/recorder/call-recorder.js';
import type { VoiceLeg } from './leg.js';

/**
 * What one leg hears from us while it is not bridged: prompts, hold music,
 * spoken text, one at a time. A play() resolves when the audio ends or is
 * stopped; a new play() stops the previous one first.
 */
export class LegAudio {
  readonly #player: PromptPlayer;
  #finish: (() => void) | undefined;
  #disposed = false;

  constructor(readonly leg: VoiceLeg) {
    const m = leg.media;
    this.#player = new PromptPlayer({ sink: rtpFrameSink(m.rtp, m.law, m.payloadType) });
    this.#player.on('ended', () => this.#settle());
    // Nothing plays into a leg that has gone (its RTP session is closed).
    leg.onEnded(() => this.dispose());
  }

  get playing(): boolean {
    return this.#finish !== undefined;
  }

  play(samples: Int16Array, loop = false): Promise<void> {
    if (this.#disposed || this.leg.ended) return Promise.resolve();
    this.stop();
    return new Promise<void>((resolve) => {
      this.#finish = resolve;
      this.#player.play(samples, { loop });
    });
  }

  stop(): void {
    this.#player.stop();
    this.#settle();
  }

  #settle(): void {
    const f = this.#finish;
    this.#finish = undefined;
    f?.();
  }

  /**
   * Hears what the leg sends (decoded 8 kHz linear audio) until the returned
   * function is called; DTMF detection stays in front of it.
   */
  listen(onAudio: (pcm: Int16Array) => void): () => void {
    const m = this.leg.media;
    m.rtp.delegate = {
      onRtp: (p) => {
        if (p.payloadType === m.payloadType) onAudio(decodeG711(m.law, p.payload));
      },
    };
    this.leg.retapDigits();
    return () => {
      if (this.leg.ended) return;
      m.rtp.delegate = {};
      this.leg.retapDigits();
    };
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.stop();
    this.#player.dispose();
  }
}

/**
 * Joins two legs' RTP (no transcoding when both use the same law) and, with
 * a recorder, writes the caller (leg a) left and the agent (leg b) right.
 * DTMF keeps being detected on each leg (the bridge reports digits); what
 * leg b sends is also forwarded to leg a. The returned dispose() gives each
 * leg its DTMF tap back.
 */
export function bridgeLegs(a: VoiceLeg, b: VoiceLeg, o: { recorder?: () => CallRecorder | undefined; onDigit?: (from: 'a' | 'b', digit: string) => void } = {}): { dispose(): void } {
  const ma = a.media;
  const mb = b.media;
  const bridge = new RtpBridge(
    { session: ma.rtp, codec: ma.law, audioPayloadType: ma.payloadType, telephoneEventPayloadType: ma.telephoneEventPayloadType },
    { session: mb.rtp, codec: mb.law, audioPayloadType: mb.payloadType, telephoneEventPayloadType: mb.telephoneEventPayloadType },
    {
      // The caller's digits go to our handlers (transfers, recording pause codes), not to the agent;
      // the agent's side (leg b) reaches the far end: an IVR or a customer asked for a key.
      forwardDtmf: 'b',
      onDigit: (from, r) => o.onDigit?.(from, r.digit),
      onAudio: (from, packet, codec) => {
        const rec = o.recorder?.();
        if (rec === undefined) return;
        rec.pushRtp(from === 'a' ? 'caller' : 'agent', decodeG711(codec, packet.payload), packet.timestamp, packet.ssrc);
      },
    },
  );
  let disposed = false;
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      bridge.dispose();
      if (!a.ended) a.retapDigits();
      if (!b.ended) b.retapDigits();
    },
  };
}
