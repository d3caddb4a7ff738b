import { readFile } from 'node:fs/promises';
import type { Decision } from '../../routing/types.js';
import { WavFileWriter } from '../../media/wav/wav-writer.js';
import { parseWav } from '../../media/wav/wav-reader.js';
import { sineTone } from '../../media/tone/tone-generator.js';
import { toMono8k } from '../../media/player/prompt-player.js';
import type { VoicemailOptions, VoicemailResult } from '../flows/flow-call.js';
import { LegAudio } from './leg-audio.js';
import { ringAgent, withdrawRing, type Ring } from './ring-agent.js';
import type { VoiceCall } from './voice-call.js';
import type { VoiceContext } from './voice-context.js';

const BEEP = sineTone(1000, -12, 400);

/**
 * Records a voicemail after the beep: mono 8 kHz WAV, until the caller
 * presses # or hangs up, or `maxS` passes. Nothing is kept for a message
 * shorter than half a second (a hang-up at the beep).
 */
export async function recordVoicemail(ctx: VoiceContext, call: VoiceCall, o: VoicemailOptions, path: string): Promise<VoicemailResult> {
  await call.answer();
  const audio = call.audio;
  if (audio === undefined || call.ended) return { recorded: false, durationS: 0 };
  await audio.play(BEEP);
  if (call.ended) return { recorded: false, durationS: 0 };
  const writer = new WavFileWriter(path, { encoding: 'pcm16', channels: 1, sampleRate: 8000 });
  let samples = 0;
  const stopListening = audio.listen((pcm) => {
    writer.write(pcm);
    samples += pcm.length;
  });
  call.clearDigits();
  await new Promise<void>((resolve) => {
    const done = (): void => {
      cancelTimer();
      offDigit();
      offEnd();
      resolve();
    };
    const cancelTimer = call.after(o.maxS * 1000, done);
    const offDigit = call.digits.onDigit((d) => {
      if (d === '#') done();
    });
    const offEnd = call.leg.onEnded(() => done());
  });
  stopListening();
  await writer.close();
  call.clearDigits();
  const durationS = samples / 8000;
  ctx.log.info({ durationS }, 'voicemail recorded');
  return { recorded: durationS >= 0.5, durationS };
}

/**
 * A voicemail waiting in a queue: when the engine offers it to an agent,
 * the agent's phone rings and, on answer, plays the message; the agent's
 * hang-up ends it (wrap-up follows). An agent desktop may instead accept
 * the offer through the API and play the recording in the browser.
 */
export class VoicemailInQueue {
  readonly #rings = new Map<string, Ring>();
  #done = false;

  constructor(private readonly ctx: VoiceContext, readonly o: { interactionId: string; clientId: string; callerNumber: string; path: string; onDone: (v: VoicemailInQueue) => void }) {}

  get interactionId(): string {
    return this.o.interactionId;
  }

  onOffer(d: Extract<Decision, { kind: 'offer' }>): void {
    const ring: Ring = { offer: d, withdrawn: false };
    this.#rings.set(d.offerId, ring);
    void this.#deliver(ring).catch((err: unknown) => this.ctx.log.error({ err, interactionId: this.o.interactionId }, 'voicemail delivery failed'));
  }

  onWithdrawn(offerId: string): void {
    withdrawRing(this.#rings, offerId);
  }

  /** The interaction ended another way (accepted on a desktop and completed). */
  end(): void {
    this.#done = true;
    for (const r of this.#rings.values()) r.leg?.cancel('cancelled');
    this.o.onDone(this);
  }

  async #deliver(ring: Ring): Promise<void> {
    const answered = await ringAgent(this.ctx, ring, {
      interactionId: this.o.interactionId, clientId: this.o.clientId, fromNumber: this.o.callerNumber, stillWanted: () => !this.#done,
    });
    this.#rings.delete(ring.offer.offerId);
    if (answered === undefined) return;
    this.#done = true;
    const leg = answered.leg;
    let rtp = { sent: 0, received: 0 };
    leg.onEnded((e) => (rtp = e.rtp));
    const audio = new LegAudio(leg);
    const message = toMono8k(parseWav(await readFile(this.o.path)));
    await audio.play(message);
    audio.dispose();
    if (!leg.ended) await leg.hangup('voicemail played');
    await this.ctx.records.closeLeg(answered.legRow, { reason: 'voicemail_played', rtp });
    try {
      this.ctx.routing.run((e) => e.complete(this.o.interactionId));
    } catch {
      // completed elsewhere
    }
    this.o.onDone(this);
  }
}
