import { VirtualClock } from '../../platform/clock.js';
import type { BusinessHours } from './business-hours.js';
import { DigitBuffer } from './digit-buffer.js';
import { FlowRunner, type FlowResult, type FlowRunnerOptions } from './flow-runner.js';
import { parseFlow } from './validate-flow.js';
import type {
  CollectOptions, CollectResult, EnqueueOptions, FlowCall, FlowValue, PlayOptions, QueueExit, QueueOutcome,
  QueueStatus, QueueWait, TransferResult, TransferTarget, VoicemailOptions, VoicemailResult, DoNotCallResult,
} from './flow-call.js';
import { normalisePhone } from '../../dialer/campaigns/phone.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

interface Rule {
  readonly match: string | RegExp;
  readonly action: () => void;
  fired: boolean;
}

/** A queue wait the test steers: answer it, or let the flow exit it. */
export class FakeQueueWait implements QueueWait {
  readonly outcome: Promise<QueueOutcome>;
  exits: QueueExit[] = [];
  #resolve: (o: QueueOutcome) => void = () => {};
  #settled = false;
  readonly #connected: (() => void)[] = [];

  constructor(readonly queue: string, readonly options: EnqueueOptions, private readonly call: FakeFlowCall, public queueStatus: QueueStatus) {
    this.outcome = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }
  status(): QueueStatus {
    return this.queueStatus;
  }
  onConnected(listener: () => void): void {
    this.#connected.push(listener);
  }
  exit(reason: QueueExit): void {
    this.exits.push(reason);
    this.call.events.push(`exit ${this.queue} ${reason}`);
    this.#settle({ kind: reason });
  }
  /** An agent answers after `waitMs` and hangs up `talkMs` later. */
  answerAfter(waitMs: number, agentId: string, talkMs = 60_000): void {
    this.call.after(waitMs, () => {
      if (this.#settled) return;
      this.call.events.push(`connected ${agentId}`);
      for (const l of this.#connected) l();
      this.call.after(talkMs, () => this.#settle({ kind: 'answered', agentId }));
    });
  }
  #settle(o: QueueOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(o);
  }
}

/**
 * A FlowCall on a virtual clock: prompts take `promptMs`, DTMF is scripted
 * (`when('play:main-menu', () => call.press('1'))`), and drive() moves time
 * from one timer to the next until the flow settles. `events` lists what
 * the caller would have heard and what the host was asked to do.
 */
export class FakeFlowCall implements FlowCall {
  readonly clock: VirtualClock;
  readonly events: string[] = [];
  readonly digitBuffer: DigitBuffer;
  readonly variables: Record<string, FlowValue>;
  promptMs: Record<string, number> = {};
  queueStatus: QueueStatus = { position: 3, ewtS: 150 };
  onEnqueue: (wait: FakeQueueWait) => void = () => {};
  transferResult: TransferResult = { ok: true };
  webhookHandler: (url: string, body: unknown) => Promise<unknown> = () => new Promise(() => {});
  waits: FakeQueueWait[] = [];
  webhookBodies: unknown[] = [];
  /** The client's do-not-call list (E.164) as the `dnc` verb leaves it. */
  doNotCall: string[] = [];
  hungUp: string | undefined;
  #timers: Timer[] = [];
  #seq = 0;
  #rules: Rule[] = [];
  #playing: { stop: () => void } | undefined;

  constructor(o: { start?: number; variables?: Record<string, FlowValue> } = {}) {
    this.clock = new VirtualClock(o.start);
    this.variables = o.variables ?? { caller: '+14155550123', called: '+18005550100' };
    this.digitBuffer = new DigitBuffer((ms, fn) => this.after(ms, fn));
  }

  /** Runs `action` the first time an event matches (events: `play:<prompt>`, `say:<text>`, `collect`, `enqueue:<queue>`). */
  when(match: string | RegExp, action: () => void): this {
    this.#rules.push({ match, action, fired: false });
    return this;
  }
  /** The caller presses `digits`, the first after `delayMs`, then one every 300 ms. */
  press(digits: string, delayMs = 1000): void {
    [...digits].forEach((d, i) => this.after(delayMs + i * 300, () => {
      this.events.push(`dtmf ${d}`);
      this.digitBuffer.push(d);
    }));
  }
  get pendingTimers(): number {
    return this.#timers.length;
  }
  get playing(): boolean {
    return this.#playing !== undefined;
  }

  #emit(event: string): void {
    this.events.push(event);
    const rule = this.#rules.find((r) => !r.fired && (typeof r.match === 'string' ? r.match === event : r.match.test(event)));
    if (rule === undefined) return;
    rule.fired = true;
    rule.action();
  }

  async answer(): Promise<void> {
    this.#emit('answer');
  }
  play(prompt: string, options: PlayOptions = {}): Promise<void> {
    return this.#playback(`play:${prompt}`, this.promptMs[prompt] ?? 2000, options);
  }
  say(text: string, options: PlayOptions = {}): Promise<void> {
    return this.#playback(`say:${text}`, text.length * 60, options);
  }
  #playback(event: string, ms: number, options: PlayOptions): Promise<void> {
    this.stopPlayback();
    if (options.bargeIn === true && this.digitBuffer.typed !== '') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const cancels: (() => void)[] = [];
      const playback = {
        stop: () => {
          if (this.#playing !== playback) return;
          this.#playing = undefined;
          for (const c of cancels) c();
          resolve();
        },
      };
      this.#playing = playback;
      if (options.loop !== true) cancels.push(this.after(ms, playback.stop));
      if (options.bargeIn === true) cancels.push(this.digitBuffer.onDigit(playback.stop));
      this.#emit(options.loop === true ? `${event} (loop)` : event);
    });
  }
  stopPlayback(): void {
    this.#playing?.stop();
  }
  collectDigits(options: CollectOptions, signal?: AbortSignal): Promise<CollectResult> {
    const p = this.digitBuffer.collect(options, signal);
    this.#emit('collect');
    return p;
  }
  clearDigits(): void {
    this.digitBuffer.clear();
  }
  async hangup(cause: string): Promise<void> {
    this.hungUp = cause;
    this.#emit(`hangup:${cause}`);
  }
  enqueue(queue: string, options: EnqueueOptions): QueueWait {
    const wait = new FakeQueueWait(queue, options, this, this.queueStatus);
    this.waits.push(wait);
    this.#emit(`enqueue:${queue}`);
    this.onEnqueue(wait);
    return wait;
  }
  async transfer(target: TransferTarget): Promise<TransferResult> {
    this.#emit(`transfer:${target.kind}`);
    return this.transferResult;
  }
  voicemail(options: VoicemailOptions): Promise<VoicemailResult> {
    this.#emit(`voicemail:${options.queue ?? ''}`);
    return new Promise((resolve) => this.after(20_000, () => resolve({ recorded: true, durationS: 20 })));
  }
  async addToDoNotCall(): Promise<DoNotCallResult> {
    const phone = normalisePhone(String(this.variables.caller ?? ''), 'US');
    this.#emit(`dnc:${phone.ok ? phone.e164 : ''}`);
    if (!phone.ok) return { added: false };
    if (this.doNotCall.includes(phone.e164)) return { added: false, number: phone.e164 };
    this.doNotCall.push(phone.e164);
    return { added: true, number: phone.e164 };
  }
  webhook(url: string, body: unknown): Promise<unknown> {
    this.webhookBodies.push(body);
    this.#emit(`webhook:${url}`);
    return this.webhookHandler(url, body);
  }
  /** The client's hours the `hours` verb falls back to; tests set it. */
  clientHours: BusinessHours | undefined;
  businessHours(): BusinessHours | undefined {
    return this.clientHours;
  }

  now(): number {
    return this.clock.now();
  }
  after(ms: number, fn: () => void): () => void {
    const t: Timer = { at: this.clock.now() + ms, seq: this.#seq++, fn };
    this.#timers.push(t);
    return () => {
      this.#timers = this.#timers.filter((x) => x !== t);
    };
  }

  /** Advances virtual time timer by timer until `p` settles; throws if the flow is stuck. */
  async drive<T>(p: Promise<T>, limitMs = 4 * 3_600_000): Promise<T> {
    let done = false;
    p.then(() => { done = true; }, () => { done = true; });
    const start = this.clock.now();
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (done) return p;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.#timers.shift();
      if (t === undefined) throw new Error(`flow stuck with nothing scheduled; events: ${this.events.join(' | ')}`);
      if (t.at - start > limitMs) throw new Error(`flow still running after ${limitMs} ms; events: ${this.events.slice(-20).join(' | ')}`);
      if (t.at > this.clock.now()) this.clock.set(t.at);
      t.fn();
    }
  }

  /** Runs due timers up to `ms` from now (after a kill, to prove nothing else happens). */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.#timers[0];
      if (t === undefined || t.at > end) break;
      this.#timers.shift();
      if (t.at > this.clock.now()) this.clock.set(t.at);
      t.fn();
    }
    if (end > this.clock.now()) this.clock.set(end);
  }
}

/** Validates `json` (with text to speech) and runs it on `call` to the end. */
export async function runFlow(json: unknown, call: FakeFlowCall, o: FlowRunnerOptions = {}): Promise<{ runner: FlowRunner; result: FlowResult }> {
  const runner = new FlowRunner(parseFlow(json, { tts: true }), call, o);
  const result = await call.drive(runner.run());
  return { runner, result };
}

/** The path as `id:outcome` (or `index:verb` for steps without an id). */
export function pathOf(result: FlowResult): string[] {
  return result.path.map((p) => `${p.id ?? `${p.step}:${p.verb}`}${p.outcome === undefined ? '' : `:${p.outcome}`}`);
}
