import type { Logger } from '../../platform/logger.js';
import type { BusinessHours } from '../flows/business-hours.js';
import type { CallSession } from '../call-session.js';
import { DigitBuffer } from '../flows/digit-buffer.js';
import type {
  CollectOptions, CollectResult, DoNotCallResult, EnqueueOptions, FlowCall, FlowValue, PlayOptions, QueueWait, TransferResult, TransferTarget,
  VoicemailOptions, VoicemailResult,
} from '../flows/flow-call.js';
import type { ServiceEntry } from '../services/service-table.js';
import { addCallerToDoNotCall } from './caller-dnc.js';
import { LegAudio } from './leg-audio.js';
import { inboundLeg, type VoiceLeg } from './leg.js';
import type { VoiceContext } from './voice-context.js';

/** What a flow call asks of the voice service beyond its own leg. */
export interface VoiceCallHost {
  enqueue(call: VoiceCall, queue: string, options: EnqueueOptions): QueueWait;
  transfer(call: VoiceCall, target: TransferTarget): Promise<TransferResult>;
  voicemail(call: VoiceCall, options: VoicemailOptions): Promise<VoicemailResult>;
}

/** The flow's call is answered through CallSession.answer; the flow itself is the "service", so nothing else starts on ACK. */
const FLOW_ENTRY: ServiceEntry = { name: 'flow', create: () => ({ name: 'flow', start() {}, dispose() {} }) };

/**
 * FlowCall over a real inbound call: the host side of the IVR engine
 * (src/calls/flows/). Prompts and speech play on the caller's leg, DTMF from
 * RFC 4733 or SIP INFO fills a DigitBuffer (type-ahead kept), and queueing,
 * transfers and voicemail go to the voice service.
 */
export class VoiceCall implements FlowCall {
  readonly leg: VoiceLeg;
  readonly digits: DigitBuffer;
  #audio: LegAudio | undefined;
  readonly #timers = new Set<NodeJS.Timeout>();
  #ended = false;

  constructor(
    readonly call: CallSession,
    private readonly ctx: VoiceContext,
    private readonly host: VoiceCallHost,
    readonly info: { readonly interactionId: string; readonly clientId: string; readonly caller: string; readonly called: string; readonly log: Logger; readonly hours?: BusinessHours },
    readonly variables: Readonly<Record<string, FlowValue>>,
  ) {
    this.leg = inboundLeg(call);
    this.digits = new DigitBuffer((ms, fn) => this.after(ms, fn));
    call.onDigit((d) => this.digits.push(d));
    call.onEnded(() => this.#dispose());
  }

  get ended(): boolean {
    return this.#ended || this.call.ended;
  }

  /** The caller's audio (prompts, music); exists once answered. */
  get audio(): LegAudio | undefined {
    return this.#audio;
  }

  async answer(): Promise<void> {
    if (this.#audio !== undefined || this.ended) return;
    this.call.answer(FLOW_ENTRY);
    if (!(await this.call.whenActive())) return;
    this.#audio = new LegAudio(this.leg);
  }

  async play(prompt: string, options: PlayOptions = {}): Promise<void> {
    await this.#play(() => this.ctx.prompts.prompt(this.info.clientId, prompt), options);
  }

  async say(text: string, options: PlayOptions = {}): Promise<void> {
    await this.#play(() => this.ctx.prompts.speak(text), options);
  }

  async #play(load: () => Promise<Int16Array>, options: PlayOptions): Promise<void> {
    await this.answer();
    const audio = this.#audio;
    if (audio === undefined || this.ended) return;
    if (options.bargeIn === true && this.digits.typed.length > 0) return;
    const samples = await load();
    if (this.ended) return;
    const off = options.bargeIn === true ? this.digits.onDigit(() => audio.stop()) : undefined;
    try {
      await audio.play(samples, options.loop === true);
    } finally {
      off?.();
    }
  }

  stopPlayback(): void {
    this.#audio?.stop();
  }

  collectDigits(options: CollectOptions, signal?: AbortSignal): Promise<CollectResult> {
    return this.digits.collect(options, signal);
  }

  clearDigits(): void {
    this.digits.clear();
  }

  async hangup(cause: string): Promise<void> {
    await this.call.hangup(cause);
  }

  enqueue(queue: string, options: EnqueueOptions): QueueWait {
    return this.host.enqueue(this, queue, options);
  }

  transfer(target: TransferTarget): Promise<TransferResult> {
    return this.host.transfer(this, target);
  }

  voicemail(options: VoicemailOptions): Promise<VoicemailResult> {
    return this.host.voicemail(this, options);
  }

  addToDoNotCall(): Promise<DoNotCallResult> {
    return addCallerToDoNotCall(this.ctx.db, this.ctx.clock, this.info.clientId, this.info.caller);
  }

  async webhook(url: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-IVR' }, body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    return res.json();
  }

  now(): number {
    return this.ctx.clock.now();
  }

  businessHours(): BusinessHours | undefined {
    return this.info.hours;
  }

  after(ms: number, fn: () => void): () => void {
    if (!Number.isFinite(ms)) return () => undefined;
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
    return () => {
      clearTimeout(t);
      this.#timers.delete(t);
    };
  }

  #dispose(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#audio?.dispose();
  }
}
