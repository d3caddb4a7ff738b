import { FlowErrors } from './flow-errors.js';

/**
 * Everything one verb holds while it runs: timers, playback, digit
 * collection, a queue wait. The runner disposes the scope on every exit
 * path (the verb finished, failed, or was killed because the caller hung
 * up), so a verb never needs a cleanup path of its own (STYLE habit 10).
 */
export class VerbScope {
  readonly #abort = new AbortController();
  #cleanups: (() => void)[] = [];

  get signal(): AbortSignal {
    return this.#abort.signal;
  }
  get disposed(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Registers a cleanup; runs at once if the scope is already disposed. */
  defer(cleanup: () => void): void {
    if (this.disposed) cleanup();
    else this.#cleanups.push(cleanup);
  }

  /** Throws FLOW_KILLED once disposed: verbs call it after each await. */
  check(): void {
    if (this.disposed) throw FlowErrors.create('FLOW_KILLED');
  }

  /** Runs cleanups newest first, each once, and aborts the signal. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.#abort.abort(FlowErrors.create('FLOW_KILLED'));
    const cleanups = this.#cleanups.reverse();
    this.#cleanups = [];
    for (const c of cleanups) {
      try {
        c();
      } catch {
        // A failing cleanup must not keep the others from running.
      }
    }
  }
}
