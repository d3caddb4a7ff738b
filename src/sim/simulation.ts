import type { VirtualClock } from '../platform/clock.js';
import { EventCalendar } from './event-calendar.js';
import { SimErrors, requireFinite } from './sim-errors.js';

/**
 * The skeleton of a discrete-event simulation: an event calendar plus a
 * VirtualClock that jumps to each event's time before its handler runs, so
 * pure code under test (routing, pacing) reads simulated time from the same
 * Clock interface it uses in production. Simulated time is in seconds from
 * the start; the clock shows start + seconds × 1000 ms.
 */
export class Simulation<E> {
  readonly clock: VirtualClock;
  readonly #calendar = new EventCalendar<E>();
  readonly #startMs: number;
  #nowS = 0;
  #stopped = false;
  #events = 0;

  constructor(clock: VirtualClock) {
    this.clock = clock;
    this.#startMs = clock.now();
  }

  /** Simulated seconds since the start. */
  get nowS(): number {
    return this.#nowS;
  }

  /** Events handled so far. */
  get eventsHandled(): number {
    return this.#events;
  }

  /** Pending events. */
  get pending(): number {
    return this.#calendar.size;
  }

  /** Schedules `event` `delayS` seconds from now; returns a handle for cancel(). */
  schedule(delayS: number, event: E): number {
    requireFinite('delayS', delayS, 0, true);
    return this.#calendar.schedule(this.#nowS + delayS, event);
  }

  /** Schedules `event` at absolute simulated time `timeS`, which must not be in the past. */
  scheduleAt(timeS: number, event: E): number {
    if (!(timeS >= this.#nowS) || !Number.isFinite(timeS)) {
      throw SimErrors.create('SIM_EVENT_IN_PAST', { timeS, nowS: this.#nowS });
    }
    return this.#calendar.schedule(timeS, event);
  }

  cancel(handle: number): boolean {
    return this.#calendar.cancel(handle);
  }

  /** Ends run() after the current event. */
  stop(): void {
    this.#stopped = true;
  }

  /**
   * Handles events in time order (ties in scheduling order) up to and
   * including `untilS`, then leaves the clock at `untilS` (unless stopped
   * early). With `untilS` = Infinity it runs until no event is left and the
   * clock stays at the last one. Handlers may schedule and cancel events.
   */
  run(untilS: number, handle: (event: E, sim: Simulation<E>) => void): void {
    if (untilS !== Infinity) requireFinite('untilS', untilS, this.#nowS, true);
    this.#stopped = false;
    for (;;) {
      const next = this.#calendar.peek();
      if (next === undefined || next.time > untilS) break;
      this.#calendar.pop();
      this.#moveTo(next.time);
      this.#events++;
      handle(next.event, this);
      if (this.#stopped) return;
    }
    if (untilS !== Infinity) this.#moveTo(untilS);
  }

  #moveTo(timeS: number): void {
    this.#nowS = timeS;
    this.clock.set(this.#startMs + timeS * 1000);
  }
}
