/**
 * The engine's indexes and the mutations on them. `RoutingEngine` (the
 * public API, routing-engine.ts, where the data structures are documented)
 * validates every input before calling in here, so these methods run only
 * on valid input and leave the indexes consistent.
 */
import type { Clock } from '../platform/clock.js';
import { sequentialIds } from '../platform/ids.js';
import { HeapNode, IndexedHeap } from './indexed-heap.js';
import { Interaction } from './interaction.js';
import { agentTier, skillScore } from './queue-config.js';
import { newMembership, type AgentEntry, type Membership, type QueueRuntime } from './queue-runtime.js';
import { RoutingErrors } from './routing-errors.js';
import { EventBuffer } from './event-buffer.js';
import { BoundedMap } from './bounded-map.js';
import type { RoutingEngineOptions } from './engine-options.js';
import { OfferRecord, type WithdrawReason } from './offer-record.js';
import type { Decision, InteractionState } from './types.js';

export type { RoutingEngineOptions } from './engine-options.js';

export class RoutingCore {
  protected readonly clock: Clock;
  protected readonly ids: () => string;
  protected readonly skills = new Set<string>();
  protected readonly queues = new Map<string, QueueRuntime>();
  protected readonly queuesByClient = new Map<string, QueueRuntime[]>();
  protected readonly agents = new Map<string, AgentEntry>();
  protected readonly interactions = new Map<string, Interaction>();
  /** Live offers. */
  protected readonly offers = new Map<string, OfferRecord>();
  protected readonly finished: BoundedMap<string, InteractionState>;
  /** Recent offers, live or ended: decision records for `explain`, end reasons for late answers. */
  protected readonly offerLog: BoundedMap<string, OfferRecord>;
  protected readonly timers = new IndexedHeap<Interaction>();
  protected agentSeq = 0;
  protected now = 0;
  protected readonly agingMs: number;
  readonly #missed: { aux: string } | 'available';
  readonly #events: EventBuffer;
  #out: Decision[] = [];
  #seq = 0;
  #timerSeq = 0;
  #lastNow = -Infinity;

  constructor(opts: RoutingEngineOptions) {
    this.clock = opts.clock;
    this.ids = opts.ids ?? sequentialIds('r');
    for (const s of opts.skills ?? []) this.skills.add(s);
    this.agingMs = (opts.priorityAgingS ?? 60) * 1000;
    if (!(this.agingMs >= 0 && Number.isFinite(this.agingMs))) {
      throw RoutingErrors.create('INVALID_DURATION', { field: 'priorityAgingS' });
    }
    this.#missed = opts.missedOffer ?? { aux: 'missed' };
    const retain = opts.retain ?? 10_000;
    if (!Number.isInteger(retain) || retain < 1) throw RoutingErrors.create('INVALID_CONFIG', { field: 'retain' });
    this.finished = new BoundedMap(retain);
    this.offerLog = new BoundedMap(retain);
    this.#events = new EventBuffer(opts.delegate);
  }

  protected clockNow(): number {
    const t = this.clock.now();
    if (!(t >= this.#lastNow)) throw RoutingErrors.create('CLOCK_WENT_BACKWARDS', { now: t, last: this.#lastNow });
    return t;
  }

  /** Runs one public call: fixes `now`, collects decisions, then delivers buffered events. */
  protected run(fn: () => void): Decision[] {
    const now = this.clockNow();
    const out: Decision[] = [];
    const prevOut = this.#out;
    this.#out = out;
    this.now = now;
    try {
      fn();
      this.#lastNow = now;
    } catch (err) {
      this.#events.discard();
      throw err;
    } finally {
      this.#out = prevOut;
    }
    this.#events.flush();
    return out;
  }

  // ---- lookups that validate ------------------------------------------

  protected agentEntry(agentId: string): AgentEntry {
    const e = this.agents.get(agentId);
    if (!e) throw RoutingErrors.create('AGENT_NOT_FOUND', { agentId });
    return e;
  }

  protected liveInteraction(id: string): Interaction {
    const i = this.interactions.get(id);
    if (i) return i;
    const state = this.finished.get(id);
    if (state !== undefined) throw RoutingErrors.create('INTERACTION_ENDED', { interactionId: id, state });
    throw RoutingErrors.create('INTERACTION_NOT_FOUND', { interactionId: id });
  }

  protected liveOffer(offerId: string, agentId: string | undefined): OfferRecord {
    const o = this.offers.get(offerId);
    if (!o) {
      const ended = this.offerLog.get(offerId)?.ended;
      if (ended !== undefined) throw RoutingErrors.create('OFFER_NOT_ACTIVE', { offerId, ended });
      throw RoutingErrors.create('OFFER_NOT_FOUND', { offerId });
    }
    if (agentId !== undefined && agentId !== o.entry.cfg.id) {
      if (!this.agents.has(agentId)) throw RoutingErrors.create('AGENT_NOT_FOUND', { agentId });
      throw RoutingErrors.create('OFFER_NOT_FOR_AGENT', { offerId, agentId, offeredTo: o.entry.cfg.id });
    }
    return o;
  }

  // ---- agents -------------------------------------------------------------

  /** Adds the agent to the queue's indexes if it can serve it at some tier. */
  protected join(e: AgentEntry, q: QueueRuntime): boolean {
    const tier = agentTier(q.cfg, e.cfg);
    if (tier < 0) return false;
    e.memberships.push(newMembership(q, e, tier, skillScore(q.cfg, e.cfg)));
    q.stats.agentsByState[e.agent.state]++;
    return true;
  }

  /** Re-derives the agent's state (emitting the change) and re-indexes it. */
  protected agentChanged(e: AgentEntry): void {
    const t = e.agent.settle(this.now);
    if (t) {
      for (const m of e.memberships) {
        m.queue.stats.agentMoved(t.from, t.to);
        this.#events.queueTouched(m.queue.cfg.id);
      }
      this.#events.agent(e.cfg.id, t);
    }
    this.refreshAgent(e);
  }

  /** Puts the agent's node in each of its pools iff it can take that queue's channel, with a fresh key. */
  protected refreshAgent(e: AgentEntry): void {
    const a = e.agent;
    for (const m of e.memberships) {
      const q = m.queue;
      const pool = q.pools[m.tier];
      if (a.canTake(q.cfg.channel)) {
        q.setKey(m, a);
        if (m.node.inHeap) pool.update(m.node);
        else pool.push(m.node);
      } else if (m.node.inHeap) pool.remove(m.node);
    }
  }

  /** The agent has room: give it the most deserving interaction it may take, repeatedly. */
  protected dispatchAgent(e: AgentEntry): void {
    const a = e.agent;
    for (;;) {
      let best: HeapNode<Interaction> | undefined;
      let bestM: Membership | undefined;
      let second: HeapNode<Interaction> | undefined;
      let considered = 0;
      for (const m of e.memberships) {
        const q = m.queue;
        if (!a.canTake(q.cfg.channel)) continue;
        for (let s = m.tier; s < q.waiting.length; s++) {
          const head = q.waiting[s].peek();
          if (!head) continue;
          considered += q.waiting[s].size;
          if (!best || keyLess(head, best)) {
            second = best;
            best = head;
            bestM = m;
          } else if (!second || keyLess(head, second)) second = head;
        }
      }
      if (!best || !bestM) return;
      const i = best.item;
      const n = bestM.node;
      const k1 = n.k1, k2 = n.k2, k3 = n.k3;
      const rec = this.#makeOffer(i, bestM, undefined);
      this.#record(rec, i, 'agent_ready', k1, k2, k3);
      rec.waitingConsidered = considered;
      rec.runnerUpInteractionId = second?.item.id;
    }
  }

  // ---- interactions ------------------------------------------------------

  /**
   * A new interaction enters `q`; with `direct`, it is offered to that agent's
   * membership instead of routed. With `since` it was carried over a restart:
   * it waits from then and its arrival is not counted again.
   */
  protected admit(id: string, q: QueueRuntime, priority: number, attributes: Record<string, string> | undefined, direct?: Membership, since?: number): void {
    const i = new Interaction(id, q, priority, attributes ? { ...attributes } : NO_ATTRIBUTES, since ?? this.now);
    this.interactions.set(id, i);
    this.#events.interaction(i, 'new', 'queued');
    this.#enterQueue(i, q, direct, since);
  }

  #enterQueue(i: Interaction, q: QueueRuntime, direct?: Membership, since?: number): void {
    const at = since ?? this.now;
    i.queueId = q.cfg.id;
    i.queue = q;
    i.enqueuedAt = at;
    i.stage = 0;
    const seq = ++this.#seq;
    i.waitNode.k1 = at - (q.cfg.priority + i.priority) * this.agingMs;
    i.waitNode.k2 = seq;
    i.arrivalNode.k1 = at;
    i.arrivalNode.k2 = seq;
    if (since === undefined) q.stats.arrive();
    this.#events.queueTouched(q.cfg.id);
    this.queueWaiting(i, q, direct);
  }

  /**
   * (Re)inserts a queued interaction at the stage its waiting time has
   * reached, keeping its keys, and looks for an agent. The stage is worked
   * out from 0 each time: the queue's overflow steps may have been edited
   * since the interaction was last queued (`updateQueue`).
   */
  protected queueWaiting(i: Interaction, q: QueueRuntime, direct?: Membership): void {
    const stages = q.cfg.stages;
    i.stage = 0;
    // Compare `enqueuedAt + atMs` exactly as the timer computed it, so a timer that
    // fires always advances the stage, even with fractional-ms clocks.
    while (i.stage + 1 < stages.length && !stages[i.stage + 1].exit && i.enqueuedAt + stages[i.stage + 1].atMs <= this.now) i.stage++;
    q.waiting[i.stage].push(i.waitNode);
    q.arrivals.push(i.arrivalNode);
    this.#armQueuedTimer(i, q);
    if (direct !== undefined) this.offerDirect(i, direct);
    else this.#dispatchInteraction(i, q);
  }

  #armQueuedTimer(i: Interaction, q: QueueRuntime): void {
    const next = q.cfg.stages[i.stage + 1];
    let due = next ? i.enqueuedAt + next.atMs : Infinity;
    if (q.cfg.maxWaitMs !== undefined) due = Math.min(due, i.enqueuedAt + q.cfg.maxWaitMs);
    if (due !== Infinity) this.#setTimer(i, due);
  }

  #setTimer(i: Interaction, due: number): void {
    this.timers.remove(i.timerNode);
    // Equal due times fire in arrival order, so overflow steps keep FIFO.
    i.timerNode.k1 = due;
    i.timerNode.k2 = i.waitNode.k2;
    i.timerNode.k3 = ++this.#timerSeq;
    this.timers.push(i.timerNode);
  }

  protected unqueue(i: Interaction, q: QueueRuntime): void {
    q.waiting[i.stage].remove(i.waitNode);
    q.arrivals.remove(i.arrivalNode);
    this.timers.remove(i.timerNode);
  }

  /** A queued interaction looks for an agent in tiers 0..stage, best tier first. */
  #dispatchInteraction(i: Interaction, q: QueueRuntime): void {
    for (let t = 0; t <= i.stage; t++) {
      const pool = q.pools[t];
      const top = pool.peek();
      if (!top) continue;
      const winner = top.item;
      const k1 = top.k1, k2 = top.k2, k3 = top.k3;
      const tierSizes = new Array<number>(i.stage + 1);
      for (let s = 0; s <= i.stage; s++) tierSizes[s] = q.pools[s].size;
      let rec: OfferRecord;
      if (q.cfg.policy === 'ring_all') {
        // Best tier only, in policy order, up to ringAllMax: take them out of the pool
        // now (their voice slot is reserved below, which keeps them out).
        const group: Membership[] = [];
        pool.remove(top);
        while (group.length < q.cfg.ringAllMax - 1 && pool.size > 0) group.push(pool.pop()!.item);
        rec = this.#makeOffer(i, winner, group);
        if (group.length > 0) rec.ringGroup = group.map((g) => g.entry.cfg.id);
      } else {
        const runner = pool.second();
        rec = this.#makeOffer(i, winner, undefined);
        if (runner) {
          rec.runnerUpAgentId = runner.item.entry.cfg.id;
          rec.r1 = runner.k1;
          rec.r2 = runner.k2;
          rec.r3 = runner.k3;
        }
      }
      this.#record(rec, i, 'interaction_ready', k1, k2, k3);
      rec.tierSizes = tierSizes;
      return;
    }
  }

  /** Records what `explain` needs on the offer, from values already in hand. */
  #record(rec: OfferRecord, i: Interaction, trigger: OfferRecord['trigger'], k1: number, k2: number, k3: number): void {
    rec.decided = true;
    rec.trigger = trigger;
    rec.stage = i.stage;
    rec.tier = rec.membership.tier;
    rec.k1 = k1;
    rec.k2 = k2;
    rec.k3 = k3;
  }

  /** Reserves a slot on the winner (and a ring-all group) and rings them; returns the winner's offer. */
  #makeOffer(i: Interaction, winner: Membership, group: Membership[] | undefined): OfferRecord {
    const q = winner.queue;
    this.unqueue(i, q);
    this.#transition(i, 'offered');
    const expiresAt = this.now + q.cfg.ringTimeoutMs;
    this.#setTimer(i, expiresAt);
    const ringAll = group !== undefined && group.length > 0;
    const first = this.#ring(i, winner, expiresAt, ringAll);
    if (group) for (const m of group) this.#ring(i, m, expiresAt, ringAll);
    return first;
  }

  #ring(i: Interaction, m: Membership, expiresAt: number, ringAll: boolean): OfferRecord {
    const q = m.queue;
    const e = m.entry;
    const offer = new OfferRecord(this.ids(), i, e, m, ringAll, this.now);
    this.offers.set(offer.id, offer);
    this.offerLog.set(offer.id, offer);
    i.offerIds.push(offer.id);
    m.lastServed = ++q.rrCounter;
    e.agent.addSlot(i.channel, 'reserved');
    this.agentChanged(e);
    this.#out.push({
      kind: 'offer',
      offerId: offer.id,
      interactionId: i.id,
      agentId: e.cfg.id,
      queueId: q.cfg.id,
      channel: i.channel,
      expiresAt,
      ringAll,
    });
    return offer;
  }

  /** Ends one live offer and frees its slot; `missed` applies the missed-offer state. */
  #endOffer(o: OfferRecord, reason: WithdrawReason | 'accepted', missed: boolean): void {
    const i = o.interaction;
    this.offers.delete(o.id);
    o.ended = reason;
    const ids = i.offerIds;
    if (ids.length === 1) ids.pop();
    else ids.splice(ids.indexOf(o.id), 1);
    if (reason === 'accepted') return;
    const a = o.entry.agent;
    a.removeSlot(i.channel, 'reserved', this.now);
    if (missed && this.#missed !== 'available') a.setAux(this.#missed.aux);
    this.agentChanged(o.entry);
    if (reason !== 'rejected') {
      this.#out.push({ kind: 'offer_withdrawn', offerId: o.id, interactionId: i.id, agentId: o.entry.cfg.id, reason });
    }
  }

  /** Ends every live offer of `i` except `keep`; returns the agents freed. */
  #endOffers(i: Interaction, reason: WithdrawReason, missed: boolean, keep?: OfferRecord): AgentEntry[] {
    const ids = i.offerIds;
    if (ids.length === 0 || (ids.length === 1 && keep !== undefined)) return NO_AGENTS;
    const freed: AgentEntry[] = [];
    for (const id of ids.length === 1 ? ids : [...ids]) {
      const o = this.offers.get(id)!;
      if (o === keep) continue;
      // Read before ending: ending shrinks `ids`, which the single-offer loop iterates.
      freed.push(o.entry);
      this.#endOffer(o, reason, missed && !o.ringAll);
      if (ids.length === 0) break;
    }
    return freed;
  }

  protected acceptOffer(o: OfferRecord): void {
    const i = o.interaction;
    const q = i.queue;
    const freed = this.#endOffers(i, 'answered_elsewhere', false, o);
    this.#endOffer(o, 'accepted', false);
    this.timers.remove(i.timerNode);
    this.#transition(i, 'active', o.entry.cfg.id);
    i.agentId = o.entry.cfg.id;
    i.agent = o.entry;
    i.answeredAt = this.now;
    q.stats.answer(this.now - i.enqueuedAt);
    this.#events.queueTouched(q.cfg.id);
    o.entry.agent.moveSlot('reserved', 'active');
    this.agentChanged(o.entry);
    for (const e of freed) this.dispatchAgent(e);
  }

  protected rejectOffer(o: OfferRecord): void {
    const i = o.interaction;
    // Ring-all: declining is not a miss, and the others keep ringing.
    this.#endOffer(o, 'rejected', !o.ringAll);
    if (i.offerIds.length === 0) this.#requeue(i);
    this.dispatchAgent(o.entry);
  }

  #requeue(i: Interaction): void {
    this.timers.remove(i.timerNode);
    this.#transition(i, 'queued');
    this.queueWaiting(i, i.queue);
  }

  /**
   * Supervisor reassignment to another queue: the queued interaction leaves
   * its queue (counted there like an overflow transfer: offered, not
   * answered) and arrives in `target` anew (waiting time restarts there).
   */
  protected moveQueued(i: Interaction, target: QueueRuntime): void {
    const q = i.queue;
    this.unqueue(i, q);
    q.stats.leave();
    this.#events.queueTouched(q.cfg.id);
    i.queueId = target.cfg.id;
    i.queue = target;
    this.#events.interaction(i, 'queued', 'queued');
    this.#enterQueue(i, target);
  }

  /** Supervisor reassignment to one agent: rings that agent now, outside the queue's policy. */
  protected offerDirect(i: Interaction, m: Membership): void {
    const rec = this.#makeOffer(i, m, undefined);
    this.#record(rec, i, 'reassigned', m.node.k1, m.node.k2, m.node.k3);
  }

  protected completeActive(i: Interaction): void {
    const q = i.queue;
    const e = i.agent!;
    if (q.cfg.wrapUpMs > 0) {
      this.#transition(i, 'wrap_up', e.cfg.id);
      e.agent.moveSlot('active', 'wrap_up');
      this.#setTimer(i, this.now + q.cfg.wrapUpMs);
      this.agentChanged(e);
      return;
    }
    e.agent.removeSlot(i.channel, 'active', this.now);
    this.#finish(i, 'done', q);
    q.stats.finish(this.now - i.answeredAt!);
    this.agentChanged(e);
    this.dispatchAgent(e);
  }

  protected finishWrapUp(i: Interaction): void {
    const q = i.queue;
    const e = i.agent!;
    e.agent.removeSlot(i.channel, 'wrap_up', this.now);
    this.#finish(i, 'done', q);
    q.stats.finish(this.now - i.answeredAt!);
    this.agentChanged(e);
    this.dispatchAgent(e);
  }

  protected abandonInteraction(i: Interaction): void {
    const q = i.queue;
    const freed = i.state === 'offered' ? this.#endOffers(i, 'abandoned', false) : [];
    if (i.state === 'queued') this.unqueue(i, q);
    q.stats.abandon(this.now - i.enqueuedAt);
    this.#finish(i, 'abandoned', q);
    for (const e of freed) this.dispatchAgent(e);
  }

  protected failInteraction(i: Interaction): void {
    const q = i.queue;
    let freed: AgentEntry[] = NO_AGENTS;
    if (i.state === 'queued') this.unqueue(i, q);
    if (i.state === 'offered') freed = this.#endOffers(i, 'failed', false);
    if (i.state === 'queued' || i.state === 'offered') q.stats.leave();
    if (i.state === 'active') {
      const e = i.agent!;
      e.agent.removeSlot(i.channel, 'active', this.now);
      freed = [e];
    }
    this.#finish(i, 'failed', q);
    for (const e of freed) {
      this.agentChanged(e);
      this.dispatchAgent(e);
    }
  }

  #finish(i: Interaction, to: InteractionState, q: QueueRuntime): void {
    this.timers.remove(i.timerNode);
    this.#transition(i, to, i.agentId);
    this.interactions.delete(i.id);
    this.finished.set(i.id, to);
    this.#events.queueTouched(q.cfg.id);
  }

  #transition(i: Interaction, to: InteractionState, agentId?: string): void {
    const from = i.transition(to, this.now);
    this.#events.interaction(i, from, to, agentId);
  }

  // ---- timers ------------------------------------------------------------

  protected processDue(): void {
    for (;;) {
      const top = this.timers.peek();
      if (!top || top.k1 > this.now) return;
      this.timers.remove(top);
      const i = top.item;
      if (i.state === 'queued') this.#queuedTimer(i);
      else if (i.state === 'offered') this.#ringTimeout(i);
      else if (i.state === 'wrap_up') this.finishWrapUp(i);
    }
  }

  #queuedTimer(i: Interaction): void {
    const q = i.queue;
    const stages = q.cfg.stages;
    const next = stages[i.stage + 1];
    const maxWait = q.cfg.maxWaitMs;
    if (maxWait !== undefined && i.enqueuedAt + maxWait <= this.now && (!next || maxWait <= next.atMs)) {
      this.unqueue(i, q);
      q.stats.leave();
      this.#finish(i, 'failed', q);
      this.#out.push({ kind: 'max_wait', interactionId: i.id, queueId: q.cfg.id });
      return;
    }
    if (next?.exit && i.enqueuedAt + next.atMs <= this.now) {
      const exit = next.exit;
      this.unqueue(i, q);
      q.stats.leave();
      this.#out.push({ kind: 'exit', interactionId: i.id, queueId: q.cfg.id, action: exit });
      if (exit.kind === 'transfer') {
        const target = this.queues.get(exit.queueId)!;
        i.queueId = target.cfg.id;
        i.queue = target;
        this.#events.interaction(i, 'queued', 'queued');
        this.#enterQueue(i, target);
      } else this.#finish(i, 'exited', q);
      return;
    }
    q.waiting[i.stage].remove(i.waitNode);
    q.arrivals.remove(i.arrivalNode);
    this.queueWaiting(i, q);
  }

  #ringTimeout(i: Interaction): void {
    const freed = this.#endOffers(i, 'timeout', true);
    this.#requeue(i);
    for (const e of freed) this.dispatchAgent(e);
  }
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** Shared empty result of `#endOffers` (never mutated). */
const NO_AGENTS: AgentEntry[] = [];

function keyLess(a: HeapNode<Interaction>, b: HeapNode<Interaction>): boolean {
  return a.k1 !== b.k1 ? a.k1 < b.k1 : a.k2 < b.k2;
}

