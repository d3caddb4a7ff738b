import { exponential, lognormal, uniform, type Sampler } from './distributions.js';
import { createRng, type Rng } from './prng.js';

/** An offer as the demo driver needs it: which agent rings for which interaction. */
export interface DemoOffer {
  offerId: string;
  interactionId: string;
  agentId: string;
}

/**
 * What the demo driver needs from the live routing service. Every method
 * may return a promise; a rejection (e.g. the offer stopped ringing because
 * the customer hung up first) is expected in a live system and only counted.
 */
export interface DemoHost {
  /** Creates an interaction flagged simulated (kept out of real reports) and queues it; resolves to its id. */
  enqueue(input: { queueId: string; simulated: true; attributes: Record<string, string> }): Promise<string>;
  /** The agent answers the offer (engine.accept). */
  accept(offerId: string, agentId: string): void | Promise<void>;
  /** Handling ends; wrap-up follows as the queue says (engine.complete). */
  complete(interactionId: string): void | Promise<void>;
  /** The customer hangs up while queued or ringing (engine.abandon). */
  abandon(interactionId: string): void | Promise<void>;
  /** Logs the agent in, or makes it available if logged in already. */
  setAvailable(agentId: string): void | Promise<void>;
  /** Logs the agent out (when its current work ends). */
  logout(agentId: string): void | Promise<void>;
  /** Calls `listener` for every offer the engine makes; returns the unsubscribe function. */
  onOffer(listener: (offer: DemoOffer) => void): () => void;
}

export interface DemoTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DemoTrafficOptions {
  host: DemoHost;
  /** Demo queues and their simulated customers per minute (Poisson). */
  queues: readonly { queueId: string; callsPerMinute: number }[];
  /** The simulated agents the driver logs in and answers for. */
  agentIds: readonly string[];
  /** Seconds an agent lets an offer ring before answering. Default 2–6. */
  answerDelayS?: { min: number; max: number };
  /** Talk time, seconds (lognormal). Default mean 45, cv 0.5: short, so the wallboard moves. */
  handleTime?: { mean: number; cv: number };
  /** Mean customer patience, seconds (exponential). Default 60. */
  patienceS?: number;
  seed?: string | number;
  /** Default: the global setTimeout/clearTimeout. */
  timers?: DemoTimers;
  onError?: (err: unknown, what: string) => void;
}

export interface DemoTrafficStats {
  created: number;
  answered: number;
  completed: number;
  abandoned: number;
  /** Host calls that failed (mostly races a live system has: an offer withdrawn as it was answered). */
  failedCalls: number;
}

interface Customer { id: string; answered: boolean; ended: boolean; abandonTimer: unknown }

const MAX_EARLY_OFFERS = 1000;

/**
 * Simulated customers and agents for demo mode: logs in the demo agents,
 * creates customers on the demo queues at a modest Poisson rate, lets the
 * agents answer their offers after a few seconds and finish after a handle
 * time, and lets impatient customers hang up. It answers only offers for
 * interactions it created, so a real interaction offered to a demo agent is
 * left ringing (it times out and goes back to the queue). Every interaction
 * it creates is flagged simulated. `stop()` clears every timer, ends its
 * live interactions (complete or abandon) and logs its agents out.
 */
export class DemoTraffic {
  readonly #o: DemoTrafficOptions;
  readonly #timers: DemoTimers;
  readonly #live = new Set<unknown>();
  readonly #customers = new Map<string, Customer>();
  // Offers can arrive before enqueue() resolves with the id: keep them briefly.
  readonly #earlyOffers = new Map<string, DemoOffer[]>();
  readonly #agents: ReadonlySet<string>;
  readonly #rng: Rng;
  readonly #answerDelay: Sampler;
  readonly #handle: Sampler;
  readonly #patience: Sampler;
  #unsubscribe: (() => void) | undefined;
  #running = false;
  #seq = 0;
  readonly #stats: DemoTrafficStats = { created: 0, answered: 0, completed: 0, abandoned: 0, failedCalls: 0 };

  constructor(opts: DemoTrafficOptions) {
    this.#o = opts;
    this.#timers = opts.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.#agents = new Set(opts.agentIds);
    this.#rng = createRng(opts.seed ?? 'demo');
    const delay = opts.answerDelayS ?? { min: 2, max: 6 };
    this.#answerDelay = uniform(delay.min, delay.max);
    this.#handle = lognormal(opts.handleTime ?? { mean: 45, cv: 0.5 });
    this.#patience = exponential(opts.patienceS ?? 60);
  }

  get running(): boolean {
    return this.#running;
  }

  stats(): DemoTrafficStats {
    return { ...this.#stats };
  }

  /** Timers pending (for tests and health checks). */
  get pendingTimers(): number {
    return this.#live.size;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#o.host.onOffer((offer) => this.#onOffer(offer));
    for (const id of this.#o.agentIds) void this.#call('setAvailable', () => this.#o.host.setAvailable(id));
    for (const q of this.#o.queues) if (q.callsPerMinute > 0) this.#nextArrival(q.queueId, q.callsPerMinute);
  }

  /** Stops generating traffic; ends the driver's live interactions and logs its agents out. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    for (const h of this.#live) this.#timers.clearTimeout(h);
    this.#live.clear();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#earlyOffers.clear();
    const ends: Promise<boolean>[] = [];
    for (const c of this.#customers.values()) {
      c.ended = true;
      ends.push(c.answered ? this.#call('complete', () => this.#o.host.complete(c.id)) : this.#call('abandon', () => this.#o.host.abandon(c.id)));
    }
    this.#customers.clear();
    await Promise.all(ends);
    await Promise.all(this.#o.agentIds.map((id) => this.#call('logout', () => this.#o.host.logout(id))));
  }

  #after(seconds: number, fn: () => void): unknown {
    const h = this.#timers.setTimeout(() => {
      this.#live.delete(h);
      if (this.#running) fn();
    }, Math.max(0, seconds * 1000));
    this.#live.add(h);
    return h;
  }

  #nextArrival(queueId: string, perMinute: number): void {
    const gapS = -Math.log(1 - this.#rng.next()) * (60 / perMinute);
    this.#after(gapS, () => {
      this.#nextArrival(queueId, perMinute);
      this.#arrive(queueId);
    });
  }

  #arrive(queueId: string): void {
    const n = ++this.#seq;
    const patienceS = this.#patience(this.#rng);
    this.#o.host.enqueue({ queueId, simulated: true, attributes: { simulated: 'true', customer: `Demo customer ${n}` } }).then((id) => {
      if (!this.#running) return void this.#call('abandon', () => this.#o.host.abandon(id));
      this.#stats.created++;
      const c: Customer = { id, answered: false, ended: false, abandonTimer: undefined };
      this.#customers.set(id, c);
      c.abandonTimer = this.#after(patienceS, () => this.#abandon(c));
      for (const offer of this.#earlyOffers.get(id) ?? []) this.#onOffer(offer);
      this.#earlyOffers.delete(id);
    }).catch((err: unknown) => this.#failed(err, 'enqueue'));
  }

  #onOffer(offer: DemoOffer): void {
    if (!this.#running || !this.#agents.has(offer.agentId)) return;
    const c = this.#customers.get(offer.interactionId);
    if (!c) {
      const list = this.#earlyOffers.get(offer.interactionId) ?? [];
      list.push(offer);
      this.#earlyOffers.set(offer.interactionId, list);
      if (this.#earlyOffers.size > MAX_EARLY_OFFERS) this.#earlyOffers.delete(this.#earlyOffers.keys().next().value!);
      return;
    }
    this.#after(this.#answerDelay(this.#rng), () => {
      if (c.ended || c.answered) return;
      Promise.resolve().then(() => this.#o.host.accept(offer.offerId, offer.agentId)).then(() => {
        if (c.ended || !this.#running) return;
        c.answered = true;
        this.#stats.answered++;
        this.#cancel(c.abandonTimer);
        this.#after(this.#handle(this.#rng), () => this.#complete(c));
      }, (err: unknown) => this.#failed(err, 'accept'));
    });
  }

  #complete(c: Customer): void {
    c.ended = true;
    this.#customers.delete(c.id);
    void this.#call('complete', () => this.#o.host.complete(c.id)).then((ok) => { if (ok) this.#stats.completed++; });
  }

  #abandon(c: Customer): void {
    if (c.answered || c.ended) return;
    c.ended = true;
    this.#customers.delete(c.id);
    void this.#call('abandon', () => this.#o.host.abandon(c.id)).then((ok) => { if (ok) this.#stats.abandoned++; });
  }

  #cancel(h: unknown): void {
    if (h === undefined || !this.#live.delete(h)) return;
    this.#timers.clearTimeout(h);
  }

  /** Runs a host call; a failure is counted and reported, never thrown into a timer. */
  #call(what: string, fn: () => void | Promise<void>): Promise<boolean> {
    return Promise.resolve().then(fn).then(() => true, (err: unknown) => {
      this.#failed(err, what);
      return false;
    });
  }

  #failed(err: unknown, what: string): void {
    this.#stats.failedCalls++;
    this.#o.onError?.(err, what);
  }
}
