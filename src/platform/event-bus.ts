/**
 * In-process publish/subscribe for live events (agent state, queue stats,
 * call events). The WebSocket gateway subscribes and filters per caller.
 * With several nodes, a NATS adapter will forward these between them.
 */
export interface LiveEvent {
  type: string;
  /** ISO time the event happened. */
  at: string;
  /** The client the event belongs to; absent for events every staff member may see. */
  client_id?: string;
  /** For events about something serving several clients (an agent): who may see any of them may see the event. */
  client_ids?: readonly string[];
  data: Record<string, unknown>;
}

export type Listener = (e: LiveEvent) => void;

export class EventBus {
  readonly #listeners = new Set<Listener>();

  publish(e: LiveEvent): void {
    for (const l of this.#listeners) {
      try {
        l(e);
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }

  subscribe(l: Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
