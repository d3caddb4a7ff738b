/**
 * Calls `onNewDay(zone, dayStart)` when a new local day begins in one of
 * the watched time zones. The decision is made on the injected clock: each
 * check compares every zone's local date now with the one it last saw, so
 * a daylight-saving day (23 or 25 h), a day whose midnight does not exist,
 * or a clock that jumped (suspend, NTP step) all roll over exactly once.
 *
 * The timer only says when to look: at the next local midnight of any zone,
 * and at least every `maxSleepMs`, since a timer's real time can drift from
 * the clock's.
 */
import type { Clock } from '../../platform/clock.js';
import { localDate, startOfLocalDay, startOfNextLocalDay } from './local-day.js';

export interface DailyRolloverDeps {
  clock: Clock;
  /** The zones to watch, read at every check (clients are added and edited while running). */
  zones: () => Iterable<string>;
  onNewDay: (zone: string, dayStart: number) => void;
  /** Longest sleep between checks (default 60 s). */
  maxSleepMs?: number;
}

export class DailyRollover {
  /** zone → the local date last seen there. */
  readonly #seen = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(private readonly deps: DailyRolloverDeps) {}

  /**
   * Notes the date at `at` in every zone (the instant the host's figures
   * were taken for, default now: no rollover for that day) and starts
   * watching; a midnight passed since `at` turns at once.
   */
  start(at = this.deps.clock.now()): void {
    for (const zone of this.deps.zones()) this.#seen.set(zone, localDate(at, zone));
    this.#running = true;
    this.check();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Looks at every zone now. A zone seen for the first time is only noted:
   * its day started before we knew of it, and what it counted so far is today's.
   */
  check(): void {
    const now = this.deps.clock.now();
    let next = now + (this.deps.maxSleepMs ?? 60_000);
    const zones = new Set(this.deps.zones());
    for (const zone of [...this.#seen.keys()]) if (!zones.has(zone)) this.#seen.delete(zone);
    for (const zone of zones) {
      const today = localDate(now, zone);
      const seen = this.#seen.get(zone);
      this.#seen.set(zone, today);
      if (seen !== undefined && seen < today) this.deps.onNewDay(zone, startOfLocalDay(now, zone));
      next = Math.min(next, startOfNextLocalDay(now, zone));
    }
    this.#arm(next - now);
  }

  #arm(delayMs: number): void {
    clearTimeout(this.#timer);
    if (!this.#running) return;
    this.#timer = setTimeout(() => this.check(), Math.max(0, delayMs));
    this.#timer.unref();
  }
}
