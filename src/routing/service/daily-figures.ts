/**
 * Keeps the wallboard's "today" true: today's queue figures (SL, ASA, AHT,
 * abandoned) and 15-minute intervals start at midnight, not at the server's
 * start, and survive a restart; and the agent state history is pruned to
 * its retention once a day.
 *
 * Whose midnight: the queue's client's (`clients.timezone`). Queue figures
 * are per queue and every queue belongs to one client, whose SLA is agreed
 * and reported in its own day; one installation serves clients in several
 * zones, so a single server-wide zone would cut some client's day in the
 * middle of its business hours. Sites' zones say where agents sit (their
 * "my day"), not whose day a queue's calls belong to.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { clients } from '../../store/schema.js';
import type { RoutingEngine } from '../routing-engine.js';
import type { DailyOutcome } from '../queue-stats.js';
import type { QueueConfig } from '../types.js';
import { DailyRollover } from './daily-rollover.js';
import type { IntervalStats } from './intervals.js';
import { isTimeZone } from '../../calls/flows/business-hours.js';
import { startOfLocalDay } from './local-day.js';
import { pruneAgentStateLog } from './state-log-retention.js';
import { dailyOutcomes, readSince, replayIntervals } from './today-figures.js';

/** The state log is pruned at UTC midnight: retention is counted in whole days, the hour does not matter. */
const PRUNE_ZONE = 'UTC';

export interface DailyFiguresDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  engine: RoutingEngine;
  intervals: IntervalStats;
  /** The live queues (each names its client). */
  queues: () => Iterable<QueueConfig>;
  /** A queue's figures were reset for a new day starting at `dayStart`: tell the wallboard. */
  touched: (queueId: string, dayStart: number) => void;
  /** Days of agent_state_log kept; absent, it is never pruned. */
  stateLogRetentionDays?: number;
}

export class DailyFigures {
  /** client id → its IANA time zone. */
  readonly #zones = new Map<string, string>();
  readonly #rollover: DailyRollover;
  #prune: Promise<void> = Promise.resolve();
  readonly #stopping = new AbortController();

  constructor(private readonly deps: DailyFiguresDeps) {
    this.#rollover = new DailyRollover({ clock: deps.clock, zones: () => this.#watchedZones(), onNewDay: (zone, dayStart) => this.#newDay(zone, dayStart) });
  }

  /** Reads the clients' zones, rebuilds today's figures from storage, starts the midnight watch and a first prune. */
  async start(): Promise<void> {
    await this.#loadZones();
    const now = this.deps.clock.now();
    try {
      await this.#rebuild(now);
    } catch (err) {
      // Routing must start even so: today's figures then count from now, as they did before there was a rebuild.
      this.deps.log.error({ err }, 'could not rebuild today\'s queue figures from storage');
    }
    this.#rollover.start(now);
    this.#startPrune();
  }

  /** Stops the midnight watch and waits for a prune under way. */
  async stop(): Promise<void> {
    this.#rollover.stop();
    this.#stopping.abort();
    await this.#prune;
  }

  /** A client was created or edited (its zone may have changed): its next midnight is in the new zone. */
  async refreshClient(clientId: string): Promise<void> {
    await this.#loadZones([clientId]);
    this.#rollover.check();
  }

  /** The zone whose midnight starts a queue's day. */
  zoneOfQueue(q: QueueConfig): string {
    return this.#zones.get(q.clientId) ?? 'UTC';
  }

  async #loadZones(clientIds?: string[]): Promise<void> {
    const rows = await this.deps.db.select({ id: clients.id, timezone: clients.timezone }).from(clients)
      .where(clientIds === undefined ? undefined : clientIds.length === 1 ? eq(clients.id, clientIds[0]) : inArray(clients.id, clientIds));
    for (const r of rows) {
      // The API only stores known zones; a hand-edited row must not stop the day from turning for everyone else.
      const known = isTimeZone(r.timezone);
      if (!known) this.deps.log.warn({ clientId: r.id, timezone: r.timezone }, 'client has an unknown time zone: its day follows UTC');
      this.#zones.set(r.id, known ? r.timezone : 'UTC');
    }
  }

  #watchedZones(): Set<string> {
    const zones = new Set<string>([PRUNE_ZONE]);
    for (const q of this.deps.queues()) zones.add(this.zoneOfQueue(q));
    return zones;
  }

  #queuesIn(zone: string): string[] {
    return [...this.deps.queues()].filter((q) => this.zoneOfQueue(q) === zone).map((q) => q.id);
  }

  #newDay(zone: string, dayStart: number): void {
    if (zone === PRUNE_ZONE) this.#startPrune();
    const ids = this.#queuesIn(zone);
    if (ids.length === 0) return;
    this.deps.engine.resetDailyStats(ids);
    this.deps.intervals.rollDay(ids, dayStart);
    this.deps.log.info({ zone, queues: ids.length, day_start: new Date(dayStart).toISOString() }, 'new day: queue figures reset');
    try {
      for (const id of ids) this.deps.touched(id, dayStart);
    } catch (err) {
      // Runs from a timer: a failing listener must not take the process down.
      this.deps.log.error({ err, zone }, 'could not publish the reset queue figures');
    }
  }

  /** Today's counters and intervals of every queue, from the interactions stored since its client's midnight. */
  async #rebuild(now: number): Promise<void> {
    const queues = [...this.deps.queues()];
    if (queues.length === 0) return;
    const dayStart = new Map(queues.map((q) => [q.id, startOfLocalDay(now, this.zoneOfQueue(q))]));
    const rows = await readSince(this.deps.db, queues.map((q) => q.id), Math.min(...dayStart.values()));
    const outcomes = new Map<string, DailyOutcome[]>(queues.map((q) => [q.id, []]));
    for (const q of queues) this.deps.intervals.rollDay([q.id], dayStart.get(q.id)!);
    for (const r of rows.sort((a, b) => a.queuedAt - b.queuedAt)) {
      const start = dayStart.get(r.queueId)!;
      outcomes.get(r.queueId)!.push(...dailyOutcomes(r, start));
      replayIntervals(this.deps.intervals, r, start);
    }
    for (const [queueId, list] of outcomes) this.deps.engine.restoreDailyStats(queueId, list);
    this.deps.log.info({ queues: queues.length, interactions: rows.length }, 'today\'s queue figures rebuilt from storage');
  }

  #startPrune(): void {
    const days = this.deps.stateLogRetentionDays;
    if (days === undefined) return;
    this.#prune = this.#prune.then(async () => {
      const n = await pruneAgentStateLog(this.deps.db, { now: this.deps.clock.now(), days, signal: this.#stopping.signal });
      if (n > 0) this.deps.log.info({ rows: n, retention_days: days }, 'agent state history pruned');
    }).catch((err: unknown) => this.deps.log.error({ err }, 'failed to prune agent state history'));
  }
}
