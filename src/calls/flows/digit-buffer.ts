import type { CollectOptions, CollectResult } from './flow-call.js';

type After = (ms: number, fn: () => void) => () => void;

interface Pending {
  readonly options: CollectOptions;
  digits: string;
  cancelTimer: () => void;
  readonly resolve: (r: CollectResult) => void;
  readonly reject: (err: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A call's DTMF as a flow sees it: digits pressed while no collection runs
 * are kept (type-ahead, so a caller who knows the menu can press 2 during
 * the greeting), and one collection at a time consumes them with a
 * first-digit timeout, an inter-digit timeout, a maximum and a terminator.
 * Hosts implement FlowCall.collectDigits / clearDigits with it.
 */
export class DigitBuffer {
  #typed = '';
  #pending: Pending | undefined;
  /** The terminator a caller still presses after a full-length entry ("12345678#"). */
  #swallow: string | undefined;
  readonly #listeners = new Set<(digit: string) => void>();

  constructor(private readonly after: After) {}

  /** Digits typed ahead and not yet consumed. */
  get typed(): string {
    return this.#typed;
  }

  /** Listens to every digit as it arrives (barge-in); returns the unsubscribe function. */
  onDigit(listener: (digit: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A digit from the call (RFC 4733 event or SIP INFO). */
  push(digit: string): void {
    const swallow = this.#swallow;
    this.#swallow = undefined;
    if (digit === swallow) return;
    for (const l of [...this.#listeners]) l(digit);
    if (this.#pending === undefined) this.#typed += digit;
    else this.#feed(this.#pending, digit);
  }

  clear(): void {
    this.#typed = '';
    this.#swallow = undefined;
  }

  collect(options: CollectOptions, signal?: AbortSignal): Promise<CollectResult> {
    if (this.#pending !== undefined) return Promise.reject(new Error('a digit collection is already running'));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<CollectResult>((resolve, reject) => {
      const p: Pending = {
        options, digits: '', cancelTimer: () => {}, resolve, reject, signal,
        onAbort: () => this.#finish(p, undefined, signal?.reason),
      };
      this.#pending = p;
      signal?.addEventListener('abort', p.onAbort, { once: true });
      while (this.#typed.length > 0 && this.#pending === p) {
        const d = this.#typed[0];
        this.#typed = this.#typed.slice(1);
        this.#feed(p, d);
      }
      if (this.#pending === p) this.#arm(p);
    });
  }

  /** Rejects a running collection (the call ended). */
  dispose(reason: unknown = new Error('call ended')): void {
    if (this.#pending !== undefined) this.#finish(this.#pending, undefined, reason);
    this.#listeners.clear();
    this.#typed = '';
  }

  #feed(p: Pending, digit: string): void {
    if (p.options.terminator !== undefined && digit === p.options.terminator) return this.#finish(p, 'terminator');
    p.digits += digit;
    if (p.digits.length >= p.options.maxDigits) {
      // The terminator after a full entry belongs to this entry, not to the next menu.
      if (this.#typed.startsWith(p.options.terminator ?? '\0')) this.#typed = this.#typed.slice(1);
      else this.#swallow = p.options.terminator;
      return this.#finish(p, 'max_digits');
    }
    this.#arm(p);
  }

  #arm(p: Pending): void {
    p.cancelTimer();
    const ms = p.digits.length === 0 ? p.options.timeoutMs : (p.options.interDigitTimeoutMs ?? p.options.timeoutMs);
    if (Number.isFinite(ms)) p.cancelTimer = this.after(ms, () => this.#finish(p, 'timeout'));
  }

  #finish(p: Pending, reason: CollectResult['reason'] | undefined, error?: unknown): void {
    if (this.#pending !== p) return;
    this.#pending = undefined;
    p.cancelTimer();
    p.signal?.removeEventListener('abort', p.onAbort);
    if (reason === undefined) p.reject(error);
    else p.resolve({ digits: p.digits, reason });
  }
}
