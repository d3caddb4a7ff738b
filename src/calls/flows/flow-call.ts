import type { BusinessHours } from './business-hours.js';

/**
 * What a flow needs from a call, and nothing about SIP: the host (calls/)
 * implements FlowCall over a real call leg, tests over a fake with a
 * virtual clock. Every method may be called only while the flow runs; after
 * the caller hangs up the host kills the runner instead of failing calls.
 */
export interface FlowCall {
  /** Answers the call (200 OK); a second call is a no-op. */
  answer(): Promise<void>;
  /**
   * Plays an uploaded prompt; resolves when it ends or is stopped. `loop`
   * repeats until stopPlayback(); `bargeIn` stops it when the caller
   * presses a key (the digit stays buffered for the next collect) and does
   * not start at all when digits are already typed ahead.
   */
  play(prompt: string, options?: PlayOptions): Promise<void>;
  /** Text to speech (espeak-ng on the host); only called when caps.tts was true at validation. */
  say(text: string, options?: PlayOptions): Promise<void>;
  /** Stops whatever play() or say() is running; their promises resolve. */
  stopPlayback(): void;
  /**
   * Collects DTMF: digits typed ahead (during a prompt) count first. Resolves
   * on max digits, the terminator, or a timeout; rejects with an AbortError
   * when `signal` aborts. `DigitBuffer` (digit-buffer.ts) implements it.
   */
  collectDigits(options: CollectOptions, signal?: AbortSignal): Promise<CollectResult>;
  /** Discards digits typed ahead. */
  clearDigits(): void;
  /** Ends the call from our side with a cause ('normal', 'busy', 'rejected', 'flow_error', ...). */
  hangup(cause: string): Promise<void>;

  /** Puts the caller in a routing queue; the wait is steered through the returned handle. */
  enqueue(queue: string, options: EnqueueOptions): QueueWait;
  /** Transfers the caller; `ok: false` when the dial plan refuses or nobody answers. */
  transfer(target: TransferTarget): Promise<TransferResult>;
  /** Records a voicemail that becomes an interaction routed like any other. */
  voicemail(options: VoicemailOptions): Promise<VoicemailResult>;
  /**
   * Adds the caller's number (E.164) to the client's do-not-call list with
   * source 'ivr'. `number` is absent when the caller has no usable number;
   * `added` is false when it was already listed.
   */
  addToDoNotCall(): Promise<DoNotCallResult>;
  /** POSTs `body` to the client's system; resolves with its JSON, rejects on error or after timeoutMs. */
  webhook(url: string, body: unknown, timeoutMs: number): Promise<unknown>;

  /** Wall-clock ms since the epoch (business hours). */
  now(): number;
  /** The client's business hours and holidays (admin pages), for `hours` steps without their own schedule. */
  businessHours(): BusinessHours | undefined;
  /** Runs `fn` after `ms` of the host's clock; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Variables the call starts with: caller, called number, client... */
  readonly variables: Readonly<Record<string, FlowValue>>;
}

export type FlowValue = string | number | boolean;

export interface PlayOptions {
  readonly loop?: boolean;
  readonly bargeIn?: boolean;
}

export interface CollectOptions {
  readonly maxDigits: number;
  /** Ends collection without being part of the digits ('#'). */
  readonly terminator?: string;
  /** Wait for the first digit. */
  readonly timeoutMs: number;
  /** Wait between digits; defaults to timeoutMs. */
  readonly interDigitTimeoutMs?: number;
}

export interface CollectResult {
  readonly digits: string;
  readonly reason: 'max_digits' | 'terminator' | 'timeout';
}

/** What the host needs to know about the call's capabilities when a flow is saved. */
export interface FlowCapabilities {
  /** Whether espeak-ng is installed: without it `say` (and spoken queue position) is refused. */
  readonly tts: boolean;
  /** The client's uploaded prompts; when given, play / hold music must name one of them. */
  readonly prompts?: readonly string[];
  /** The client's queues; when given, enqueue / transfer must name one of them. */
  readonly queues?: readonly string[];
}

export interface EnqueueOptions {
  readonly priority?: number;
  /** Flow path and digits so far, for the interaction's attributes and the screen pop. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

export type QueueExit = 'timeout' | 'callback' | 'voicemail' | 'caller_hangup';

/**
 * How a wait in queue ended. `answered` resolves when the agent has hung
 * up and the caller is still on the line (an after-call survey can follow);
 * `callback` means the host turned the call into a callback that keeps
 * the caller's place.
 */
export type QueueOutcome =
  | { readonly kind: 'answered'; readonly agentId?: string }
  | { readonly kind: 'timeout' | 'callback' | 'voicemail' | 'caller_hangup' };

export interface QueueStatus {
  /** 1 = next to be offered. */
  readonly position: number;
  /** Estimated wait in seconds. */
  readonly ewtS: number;
}

export interface QueueWait {
  /** Settles once: the agent conversation ended, or the wait was left through exit(). */
  readonly outcome: Promise<QueueOutcome>;
  status(): QueueStatus;
  /** Registers a listener for the moment an agent answers (the caller's audio is bridged). */
  onConnected(listener: () => void): void;
  /** Leaves the queue (or, for 'callback', keeps the place as a callback); idempotent. */
  exit(reason: QueueExit): void;
}

export type TransferTarget =
  | { readonly kind: 'agent'; readonly agent: string }
  | { readonly kind: 'queue'; readonly queue: string }
  | { readonly kind: 'number'; readonly number: string };

export type TransferResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface VoicemailOptions {
  readonly maxS: number;
  /** Queue the voicemail interaction is routed to. */
  readonly queue?: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface DoNotCallResult {
  readonly added: boolean;
  readonly number?: string;
}

export interface VoicemailResult {
  readonly recorded: boolean;
  readonly durationS: number;
}
