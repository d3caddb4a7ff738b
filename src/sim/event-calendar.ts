import { SimErrors } from './sim-errors.js';

export interface ScheduledEvent<E> {
  readonly time: number;
  /** Insertion order: breaks ties, so equal-time events pop first-scheduled first. */
  readonly seq: number;
  readonly event: E;
}

/**
 * The future event list of a discrete-event simulation: a binary min-heap
 * keyed by (time, seq). schedule and pop are O(log n); cancel is O(1) and
 * lazy (the entry is skipped when it reaches the top), which suits
 * simulations where most cancellations are abandon timers of callers who
 * were answered. Ties are deterministic, so a seeded run replays exactly.
 */
export class EventCalendar<E> {
  #heap: Entry<E>[] = [];
  #seq = 0;
  // Pending entries by handle, so cancel() is O(1) without searching the heap.
  #pending = new Map<number, Entry<E>>();

  /** Pending (not cancelled) events. */
  get size(): number {
    return this.#pending.size;
  }

  /** Adds an event at `time` and returns its handle (its seq) for cancel(). */
  schedule(time: number, event: E): number {
    if (typeof time !== 'number' || Number.isNaN(time)) {
      throw SimErrors.create('SIM_INVALID_INPUT', { field: 'time', time }, `event time must be a number, got ${String(time)}`);
    }
    const entry: Entry<E> = { time, seq: this.#seq++, event, cancelled: false };
    this.#pending.set(entry.seq, entry);
    const h = this.#heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = entry;
    return entry.seq;
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    const entry = this.#pending.get(handle);
    if (entry === undefined) return false;
    entry.cancelled = true;
    this.#pending.delete(handle);
    return true;
  }

  /** The earliest pending event, without removing it. */
  peek(): ScheduledEvent<E> | undefined {
    this.#dropCancelledTop();
    return this.#heap[0];
  }

  /** Removes and returns the earliest pending event. */
  pop(): ScheduledEvent<E> | undefined {
    this.#dropCancelledTop();
    const top = this.#removeTop();
    if (top === undefined) return undefined;
    this.#pending.delete(top.seq);
    return top;
  }

  #dropCancelledTop(): void {
    while (this.#heap.length > 0 && this.#heap[0].cancelled) this.#removeTop();
  }

  #removeTop(): Entry<E> | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && before(h[r], h[l]) ? r : l;
      if (!before(h[child], last)) break;
      h[i] = h[child];
      i = child;
    }
    h[i] = last;
    return top;
  }
}

interface Entry<E> extends ScheduledEvent<E> {
  cancelled: boolean;
}

function before(a: ScheduledEvent<unknown>, b: ScheduledEvent<unknown>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
