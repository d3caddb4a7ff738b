import { SipErrors } from '../errors.js';
import type { SipMessage } from '../message/message.js';
import type { TimerConfig, TimerFacility, TimerHandle } from './timers.js';

/** How a transaction sends: bound to a destination (client) or the request's origin (server). */
export interface TxChannel {
  readonly reliable: boolean;
  /** Fire and forget; a failure is reported through `onError`. */
  send(msg: SipMessage, onError: (err: unknown) => void): void;
}

export interface TxEnv {
  readonly timers: TimerFacility;
  readonly config: TimerConfig;
  readonly channel: TxChannel;
  /** Called once, when the transaction reaches `terminated`, to drop it from the layer's table. */
  readonly onTerminated: (tx: Transaction<string>) => void;
}

/**
 * Base of the four RFC 3261 §17 state machines: one guarded transition,
 * named timers that are all cancelled when the transaction terminates.
 */
export abstract class Transaction<S extends string> {
  #state: S;
  readonly #timers = new Map<string, TimerHandle>();

  protected constructor(
    readonly id: string,
    initial: S,
    protected readonly env: TxEnv,
    private readonly allowed: Readonly<Record<S, readonly S[]>>,
  ) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  /** Moves to `to`; throws on a move the diagram does not have. */
  protected transition(to: S): void {
    if (!this.allowed[this.#state].includes(to)) {
      throw SipErrors.create('SIP_ILLEGAL_TRANSITION', { what: this.constructor.name, id: this.id, from: this.#state, to }, `${this.constructor.name} ${this.id}: illegal transition ${this.#state} -> ${to}`);
    }
    this.#state = to;
    if (to === ('terminated' as S)) {
      for (const h of this.#timers.values()) this.env.timers.clear(h);
      this.#timers.clear();
      this.env.onTerminated(this);
    }
  }

  protected startTimer(name: string, ms: number, fire: () => void): void {
    this.stopTimer(name);
    this.#timers.set(name, this.env.timers.set(ms, () => {
      this.#timers.delete(name);
      fire();
    }));
  }

  protected stopTimer(name: string): void {
    const h = this.#timers.get(name);
    if (h !== undefined) this.env.timers.clear(h);
    this.#timers.delete(name);
  }

  protected send(msg: SipMessage): void {
    this.env.channel.send(msg, () => this.onTransportError());
  }

  protected abstract onTransportError(): void;

  /** Ends the transaction at once (shutdown), cancelling its timers. */
  dispose(): void {
    if (this.#state === ('terminated' as S)) return;
    this.#state = 'terminated' as S;
    for (const h of this.#timers.values()) this.env.timers.clear(h);
    this.#timers.clear();
    this.env.onTerminated(this);
  }
}
