import { HeapNode } from './indexed-heap.js';
import { RoutingErrors } from './routing-errors.js';
import type { AgentEntry, QueueRuntime } from './queue-runtime.js';
import type { Channel, InteractionState } from './types.js';

/**
 * An interaction's lifecycle, the same for every channel:
 *
 *   queued ──offer──► offered ──accept──► active ──complete──► wrap_up ──► done
 *     ▲  │              │  │                │ (no wrap-up) ─────────────► done
 *     │  │              │  └─ abandon ─┐    └─ fail ─► failed
 *     └──┼─ reject / ───┘              ▼
 *        │  timeout               abandoned ◄── abandon (queued)
 *        ├─ max wait / fail ────► failed
 *        └─ exit step ──────────► exited (callback / voicemail / transfer: host continues)
 *
 * done, abandoned, failed and exited are terminal: each interaction reaches
 * exactly one of them. A rejected or timed-out offer returns the interaction
 * to `queued` with its original sequence number, hence its original place.
 */
const ALLOWED: Record<InteractionState, readonly InteractionState[]> = {
  queued: ['offered', 'abandoned', 'failed', 'exited'],
  offered: ['queued', 'active', 'abandoned', 'failed'],
  active: ['wrap_up', 'done', 'failed'],
  wrap_up: ['done'],
  done: [],
  abandoned: [],
  failed: [],
  exited: [],
};

export const TERMINAL_STATES: ReadonlySet<InteractionState> = new Set(['done', 'abandoned', 'failed', 'exited']);

/** Checks a move without making it, so callers can validate before mutating. */
export function assertInteractionTransition(from: InteractionState, to: InteractionState, id: string): void {
  if (!ALLOWED[from].includes(to)) {
    if (TERMINAL_STATES.has(from)) throw RoutingErrors.create('INTERACTION_ENDED', { interactionId: id, state: from });
    throw RoutingErrors.create('ILLEGAL_INTERACTION_TRANSITION', { interactionId: id, from, to });
  }
}

export class Interaction {
  state: InteractionState = 'queued';
  stateSince: number;
  /** Overflow stage reached (0 = base requirements). */
  stage = 0;
  /** Entered the current queue at; waiting time and SL are measured from here. */
  enqueuedAt: number;
  answeredAt: number | undefined;
  agentId: string | undefined;
  /** The agent handling it (active, wrap-up): held directly so hot paths skip the id lookup. */
  agent: AgentEntry | undefined;
  /** Its current queue (`queueId`'s runtime), held directly for the same reason. */
  queue: QueueRuntime;
  readonly channel: Channel;
  queueId: string;
  /** Live offers: one, or several for ring-all. */
  offerIds: string[] = [];
  /** Position in its queue's waiting heap of the current stage. k1 = priority-adjusted arrival, k2 = seq. */
  readonly waitNode: HeapNode<Interaction>;
  /** Position in its queue's arrival-order heap (longest wait). */
  readonly arrivalNode: HeapNode<Interaction>;
  /** Its one pending timer (overflow step, max wait, ring timeout or wrap-up end). */
  readonly timerNode: HeapNode<Interaction>;

  constructor(
    readonly id: string,
    queue: QueueRuntime,
    public priority: number,
    readonly attributes: Readonly<Record<string, string>>,
    at: number,
  ) {
    this.queue = queue;
    this.queueId = queue.cfg.id;
    this.channel = queue.cfg.channel;
    this.agent = undefined;
    this.stateSince = at;
    this.enqueuedAt = at;
    this.waitNode = new HeapNode<Interaction>(this);
    this.arrivalNode = new HeapNode<Interaction>(this);
    this.timerNode = new HeapNode<Interaction>(this);
  }

  transition(to: InteractionState, at: number): InteractionState {
    assertInteractionTransition(this.state, to, this.id);
    const from = this.state;
    this.state = to;
    this.stateSince = at;
    return from;
  }
}
