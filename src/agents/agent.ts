import type { Channel } from '../routing/types.js';
import { AgentErrors } from './agent-errors.js';
import { AgentStateMachine, type AgentState, type AgentTransition } from './agent-state.js';

export type Presence = 'offline' | 'ready' | 'aux';
export type SlotKind = 'reserved' | 'active' | 'wrap_up';

/** A presence change requested while the agent still holds work; applied when the last slot frees. */
export type PendingPresence = { kind: 'aux'; reason: string } | { kind: 'offline' } | undefined;

/**
 * Derives the supervisor-visible state from presence and slots. Decision:
 * the most engaged slot wins (busy > reserved > wrap_up), so an agent on 2
 * of 3 chats is `busy` yet still routable for a third chat (`canTake`).
 * Whether an agent can take work is a separate question from its state.
 */
export function deriveAgentState(presence: Presence, reserved: number, active: number, wrap: number): AgentState {
  if (active > 0) return 'busy';
  if (reserved > 0) return 'reserved';
  if (wrap > 0) return 'wrap_up';
  return presence === 'ready' ? 'available' : presence;
}

/**
 * One agent's live state: presence (set by the agent or a supervisor), its
 * per-channel slots (set by the engine) and the guarded state machine.
 * Capacity rule: voice is exclusive in both directions — a voice offer needs
 * every slot free, and a voice slot blocks all other channels. Other
 * channels are limited by their own capacity. Wrap-up holds its slot.
 */
export class Agent {
  readonly machine: AgentStateMachine;
  presence: Presence = 'offline';
  auxReason: string | undefined;
  pending: PendingPresence;
  /** When the agent last became free of all work (or logged in): the longest-idle key. */
  idleSince: number;
  readonly used: Record<Channel, number> = { voice: 0, chat: 0, callback: 0, work_item: 0 };
  totalUsed = 0;
  reserved = 0;
  active = 0;
  wrap = 0;
  #capacity: Readonly<Record<Channel, number>>;
  #totalCapacity: number;

  constructor(
    readonly id: string,
    readonly seq: number,
    capacity: Readonly<Record<Channel, number>>,
    at: number,
  ) {
    this.machine = new AgentStateMachine(at);
    this.idleSince = at;
    this.#capacity = capacity;
    this.#totalCapacity = capacity.voice + capacity.chat + capacity.callback + capacity.work_item;
  }

  get capacity(): Readonly<Record<Channel, number>> {
    return this.#capacity;
  }

  get totalCapacity(): number {
    return this.#totalCapacity;
  }

  /**
   * New per-channel capacity, allowed while the agent works: slots already
   * held are kept, and a channel whose use is at or above the new capacity
   * just takes no new work until enough of it ends.
   */
  setCapacity(capacity: Readonly<Record<Channel, number>>): void {
    this.#capacity = capacity;
    this.#totalCapacity = capacity.voice + capacity.chat + capacity.callback + capacity.work_item;
  }

  get state(): AgentState {
    return this.machine.state;
  }

  /** Logs in, ready or straight into aux (e.g. `login('training')`). */
  login(auxReason?: string): void {
    if (this.presence !== 'offline') throw AgentErrors.create('AGENT_ALREADY_LOGGED_IN', { agentId: this.id });
    this.presence = auxReason === undefined ? 'ready' : 'aux';
    this.auxReason = auxReason;
  }

  /** Ready for work; cancels a pending aux or logout. */
  setReady(): void {
    this.#requireLoggedIn();
    this.presence = 'ready';
    this.auxReason = undefined;
    this.pending = undefined;
  }

  /** Aux now, or once the agent's current work is done. */
  setAux(reason: string): void {
    this.#requireLoggedIn();
    if (this.totalUsed > 0) this.pending = { kind: 'aux', reason };
    else {
      this.presence = 'aux';
      this.auxReason = reason;
    }
  }

  /** Offline now, or once the agent's current work is done. */
  logout(): void {
    this.#requireLoggedIn();
    if (this.totalUsed > 0) this.pending = { kind: 'offline' };
    else {
      this.presence = 'offline';
      this.auxReason = undefined;
    }
  }

  #requireLoggedIn(): void {
    if (this.presence === 'offline') throw AgentErrors.create('AGENT_NOT_LOGGED_IN', { agentId: this.id });
  }

  /** Free capacity on `channel`, ignoring presence. */
  hasRoom(channel: Channel): boolean {
    const cap = this.#capacity[channel];
    if (cap <= 0) return false;
    if (channel === 'voice') return this.totalUsed === 0;
    return this.used.voice === 0 && this.used[channel] < cap;
  }

  /** Routable: logged in, ready, nothing pending, and room on the channel. */
  canTake(channel: Channel): boolean {
    return this.presence === 'ready' && this.pending === undefined && this.hasRoom(channel);
  }

  /** Share of total capacity in use: the least-occupied key. */
  get load(): number {
    return this.#totalCapacity === 0 ? 1 : this.totalUsed / this.#totalCapacity;
  }

  addSlot(channel: Channel, kind: SlotKind): void {
    if (!this.hasRoom(channel)) throw AgentErrors.create('NO_CAPACITY', { agentId: this.id, channel });
    this.used[channel]++;
    this.totalUsed++;
    this.#count(kind, 1);
  }

  moveSlot(from: SlotKind, to: SlotKind): void {
    if (this.#get(from) <= 0) throw AgentErrors.create('SLOT_NOT_FOUND', { agentId: this.id, kind: from });
    this.#count(from, -1);
    this.#count(to, 1);
  }

  removeSlot(channel: Channel, kind: SlotKind, at: number): void {
    if (this.#get(kind) <= 0 || this.used[channel] <= 0) {
      throw AgentErrors.create('SLOT_NOT_FOUND', { agentId: this.id, kind, channel });
    }
    this.used[channel]--;
    this.totalUsed--;
    this.#count(kind, -1);
    if (this.totalUsed === 0) this.idleSince = at;
  }

  /**
   * Applies a pending presence once the agent is free, then moves the state
   * machine to the derived state. Returns the transition, if any.
   */
  settle(at: number): AgentTransition | undefined {
    if (this.totalUsed === 0 && this.pending !== undefined) {
      this.presence = this.pending.kind;
      this.auxReason = this.pending.kind === 'aux' ? this.pending.reason : undefined;
      this.pending = undefined;
    }
    const to = deriveAgentState(this.presence, this.reserved, this.active, this.wrap);
    if (to === this.machine.state && (to !== 'aux' || this.auxReason === this.machine.auxReason)) return undefined;
    return this.machine.transition(to, at, this.auxReason);
  }

  #get(kind: SlotKind): number {
    return kind === 'reserved' ? this.reserved : kind === 'active' ? this.active : this.wrap;
  }

  #count(kind: SlotKind, d: number): void {
    if (kind === 'reserved') this.reserved += d;
    else if (kind === 'active') this.active += d;
    else this.wrap += d;
  }
}
