import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import type { Logger } from '../platform/logger.js';
import type { TimerFacility, TimerHandle } from '../sip/transaction/timers.js';

/** Where a trunk's carrier is pinged (a row of `trunks`, enabled). */
export interface TrunkTarget {
  readonly id: string;
  readonly name: string;
  /** null: shared by every client. */
  readonly clientId: string | null;
  readonly host: string;
  readonly port: number;
  readonly transport: 'udp' | 'tcp';
}

/** What one OPTIONS ping came to: a final response from the far end, or none at all. */
export type PingOutcome =
  | { readonly kind: 'response'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'transport-error' };

/** Sends one out-of-dialog OPTIONS to the trunk and resolves with the outcome (never rejects). */
export type PingTrunk = (t: TrunkTarget) => Promise<PingOutcome>;

export type TrunkStatus = 'unknown' | 'up' | 'down';

export interface TrunkHealth {
  readonly status: TrunkStatus;
  /** Epoch ms of the last finished check; null before the first. */
  readonly checkedAt: number | null;
  /** Final response code of the last check; null when nothing answered. */
  readonly responseCode: number | null;
  /** Round trip of the last answered check. */
  readonly rttMs: number | null;
  /** Epoch ms the current status began (the monitor's start for `unknown`). */
  readonly since: number;
}

/** The Prometheus gauge the monitor keeps (prom-client's Gauge fits). */
export interface TrunkGauge {
  set(labels: { trunk_id: string; trunk: string }, value: number): void;
  remove(labels: { trunk_id: string; trunk: string }): void;
}

export interface TrunkMonitorDeps {
  readonly loadTrunks: () => Promise<TrunkTarget[]>;
  readonly ping: PingTrunk;
  readonly clock: Clock;
  readonly timers: TimerFacility;
  readonly intervalMs: number;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly gauge?: TrunkGauge;
}

interface Entry {
  target: TrunkTarget;
  health: TrunkHealth;
  inFlight: boolean;
}

/**
 * Pings every enabled trunk with SIP OPTIONS each interval (RFC 3261 §11:
 * OPTIONS is the standard "are you there" for a carrier).
 *
 *   unknown ─answer─► up ◄──answer─┐
 *      │               │ no answer  │
 *      └──no answer──► down ────────┘
 *
 * Any final response, even 404/405/401/403, means the far end is alive;
 * only a transaction timeout (Timer F) or a transport error means down. A
 * trunk whose address is edited starts over at `unknown`. A ping still in
 * flight is never doubled (a dead UDP carrier takes 64·T1 to time out).
 */
export class TrunkMonitor {
  readonly #trunks = new Map<string, Entry>();
  #timer: TimerHandle | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopped = false;
  /** Serialises reloads so two admin edits in a row apply in order. */
  #reloads: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TrunkMonitorDeps) {}

  async start(): Promise<void> {
    await this.reload();
    this.#unsubscribe = this.deps.bus.subscribe((e) => {
      if (!e.type.startsWith('admin.trunk.')) return;
      this.#reloads = this.#reloads.then(() => this.reload()).catch((err: unknown) => this.deps.log.warn({ err }, 'could not reload trunks for health checks'));
    });
    this.#tick();
  }

  /** The trunk's health; `unknown` for one never checked (disabled, or monitoring off). */
  health(trunkId: string): TrunkHealth | undefined {
    return this.#trunks.get(trunkId)?.health;
  }

  /** Re-reads the enabled trunks: new ones start `unknown`, removed ones are forgotten, moved ones start over. */
  async reload(): Promise<void> {
    const targets = await this.deps.loadTrunks();
    if (this.#stopped) return;
    reconcileTrunks(this.#trunks, targets, {
      same: sameAddress, gauge: this.deps.gauge, kept: (e) => this.#setGauge(e), forget: (e) => this.#forget(e),
      add: (t) => {
        const entry: Entry = { target: t, inFlight: false, health: { status: 'unknown', checkedAt: null, responseCode: null, rttMs: null, since: this.deps.clock.now() } };
        this.#trunks.set(t.id, entry);
        this.#setGauge(entry);
        // A trunk added or moved after start is checked at once, not a whole interval later.
        if (this.#unsubscribe !== undefined) this.#check(entry);
      },
    });
  }

  /** Stops pinging (a ping still in flight is ignored when it ends); waits for a reload under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) this.deps.timers.clear(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    for (const e of this.#trunks.values()) this.deps.gauge?.remove({ trunk_id: e.target.id, trunk: e.target.name });
    this.#trunks.clear();
    await this.#reloads;
  }

  #tick(): void {
    if (this.#stopped) return;
    for (const e of this.#trunks.values()) this.#check(e);
    this.#timer = this.deps.timers.set(this.deps.intervalMs, () => this.#tick());
  }

  #check(entry: Entry): void {
    if (entry.inFlight || this.#stopped) return;
    entry.inFlight = true;
    const started = this.deps.clock.now();
    this.deps.ping(entry.target)
      .catch((): PingOutcome => ({ kind: 'transport-error' }))
      .then((outcome) => {
        entry.inFlight = false;
        // Edited, removed or stopped meanwhile: this answer is about an address we no longer watch.
        if (this.#stopped || this.#trunks.get(entry.target.id) !== entry) return;
        this.#record(entry, outcome, started);
      })
      .catch((err: unknown) => this.deps.log.error({ err, trunkId: entry.target.id }, 'trunk health check failed'));
  }

  #record(entry: Entry, outcome: PingOutcome, started: number): void {
    const now = this.deps.clock.now();
    const answered = outcome.kind === 'response';
    const status: TrunkStatus = answered ? 'up' : 'down';
    const previous = entry.health.status;
    entry.health = {
      status,
      checkedAt: now,
      responseCode: answered ? outcome.status : null,
      rttMs: answered ? now - started : null,
      since: status === previous ? entry.health.since : now,
    };
    if (status === previous) return;
    this.#setGauge(entry);
    const t = entry.target;
    const log = this.deps.log.child({ trunkId: t.id, clientId: t.clientId });
    if (status === 'up') log.info({ trunk: t.name, responseCode: entry.health.responseCode, rttMs: entry.health.rttMs, was: previous }, 'trunk is up');
    else log.warn({ trunk: t.name, reason: outcome.kind, was: previous }, 'trunk is down');
    this.deps.bus.publish({
      // Tagged client_ids, not client_id: staff who see the client get it, a client's viewers never do (trunks are admin matter).
      type: 'trunk.status', at: new Date(now).toISOString(), ...(t.clientId !== null ? { client_ids: [t.clientId] } : {}),
      data: { id: t.id, name: t.name, ...healthJson(entry.health), previous },
    });
  }

  #setGauge(e: Entry): void {
    // 1 up, 0 down; no sample until the first check (unknown is not "down").
    if (e.health.status === 'unknown') this.deps.gauge?.remove({ trunk_id: e.target.id, trunk: e.target.name });
    else this.deps.gauge?.set({ trunk_id: e.target.id, trunk: e.target.name }, e.health.status === 'up' ? 1 : 0);
  }

  #forget(e: Entry): void {
    this.deps.gauge?.remove({ trunk_id: e.target.id, trunk: e.target.name });
    this.#trunks.delete(e.target.id);
  }
}

/**
 * Brings per-trunk entries in line with the trunks configured now: one the
 * same by `same` keeps its entry (a new name moves its gauge sample), a
 * changed one is forgotten and added anew, a new one added, a gone one forgotten.
 */
export function reconcileTrunks<T extends { readonly id: string; readonly name: string }, E extends { target: T }>(entries: ReadonlyMap<string, E>, targets: readonly T[], o: {
  same: (a: T, b: T) => boolean; gauge: TrunkGauge | undefined; kept: (e: E) => void; add: (t: T) => void; forget: (e: E) => void;
}): void {
  const seen = new Set<string>();
  for (const t of targets) {
    seen.add(t.id);
    const old = entries.get(t.id);
    if (old !== undefined && o.same(old.target, t)) {
      if (old.target.name !== t.name) o.gauge?.remove({ trunk_id: t.id, trunk: old.target.name });
      old.target = t;
      o.kept(old);
      continue;
    }
    if (old !== undefined) o.forget(old);
    o.add(t);
  }
  for (const e of [...entries.values()]) if (!seen.has(e.target.id)) o.forget(e);
}

/** The API / event shape of a trunk's health. */
export function healthJson(h: TrunkHealth | undefined): { status: TrunkStatus; checked_at: string | null; response_code: number | null; rtt_ms: number | null; since: string | null } {
  if (h === undefined) return { status: 'unknown', checked_at: null, response_code: null, rtt_ms: null, since: null };
  return {
    status: h.status, checked_at: h.checkedAt === null ? null : new Date(h.checkedAt).toISOString(),
    response_code: h.responseCode, rtt_ms: h.rttMs, since: new Date(h.since).toISOString(),
  };
}

function sameAddress(a: TrunkTarget, b: TrunkTarget): boolean {
  return a.host === b.host && a.port === b.port && a.transport === b.transport;
}
