/**
 * The ACD: decides which waiting interaction goes to which agent. Pure: the
 * host feeds events and an injected clock, and reads back decisions
 * (`Decision[]` from every call) and events (through `RoutingDelegate`).
 * The engine has no timers: after each call the host asks `nextDueAt()` and
 * calls `tick()` once the clock reaches it (ring timeouts, wrap-up ends,
 * overflow steps, max-wait expiries are all processed there).
 *
 * Data structures (n agents, w waiting interactions, m = queues one agent
 * can serve, k = overflow stages of a queue, both small constants):
 * - Per queue, per tier t: `pools[t]`, an indexed binary heap of the agents
 *   whose first eligible stage is t and who can take the queue's channel
 *   right now, ordered by the queue's policy key. Pools are disjoint per
 *   queue, so an agent has one heap node per queue it can serve. An agent
 *   change re-keys/inserts/removes its m nodes: O(m log n).
 * - Per queue, per stage s: `waiting[s]`, a heap of queued interactions
 *   that reached stage s, keyed (enqueuedAt − priority × aging, seq).
 *   Plus `arrivals`, keyed (enqueuedAt, seq), for longest wait. O(log w).
 * - One timer heap over interactions (each has at most one pending timer:
 *   next overflow step or max wait while queued, ring timeout while offered,
 *   wrap-up end while in wrap-up). O(log w).
 * - Hash maps by id for agents, interactions, live offers; bounded maps of
 *   recently finished interactions, ended offers and decision records.
 *
 * Matching: an interaction that becomes ready (arrival, overflow step,
 * requeue) takes the top of the first non-empty pool among tiers 0..stage:
 * O(k + log n). An agent with new room looks at the heads of `waiting[s]`
 * for s ≥ its tier in each of its queues and takes the smallest key:
 * O(m·k + log w). Never a scan of agents or interactions. After every call
 * no available agent is eligible for any queued interaction.
 *
 * Fairness: the waiting key is "priority-adjusted arrival": enqueuedAt minus
 * (queue priority + interaction priority) × `priorityAgingS`. One priority
 * point is worth `priorityAgingS` seconds of waiting, so a low-priority
 * interaction that has waited long enough beats any newer one: nothing
 * starves. Equal priority in one queue is FIFO (then by sequence number).
 * A rejected or timed-out offer keeps its key, hence its original place.
 *
 * Configuration is live: `updateQueue`, `removeQueue` and `updateAgent`
 * re-index a running engine (routing-reconfig.ts says what happens to work
 * in progress).
 */
import type { Clock } from '../platform/clock.js';
import { sequentialIds } from '../platform/ids.js';
import { Agent } from '../agents/agent.js';
import type { RoutingEngineOptions } from './routing-core.js';
import { RoutingReconfig } from './routing-reconfig.js';
import { explainDecision, type Explanation } from './explain.js';
import { assertInteractionTransition } from './interaction.js';
import { normalizeAgent, normalizeQueue, checkPriority, skillScore } from './queue-config.js';
import { QueueRuntime, newMembership, type AgentEntry, type Membership } from './queue-runtime.js';
import type { DailyOutcome } from './queue-stats.js';
import { RoutingErrors } from './routing-errors.js';
import type { AgentConfig, Decision, EnqueueInput, InteractionState, QueueConfig, QueueStats } from './types.js';
import type { AgentTransition } from '../agents/agent-state.js';

export type { RoutingEngineOptions } from './routing-core.js';

export interface AgentSnapshot {
  id: string;
  state: Agent['state'];
  auxReason: string | undefined;
  since: number;
  pending: Agent['pending'];
  used: Agent['used'];
  idleSince: number;
  history: AgentTransition[];
}

export interface InteractionSnapshot {
  id: string;
  state: InteractionState;
  queueId: string | undefined;
  stage: number | undefined;
  agentId: string | undefined;
  offerIds: string[];
  enqueuedAt: number | undefined;
}

export class RoutingEngine extends RoutingReconfig {
  /** Agents on calls outside routing (consultations), and how many. */
  readonly #outside = new Map<string, number>();

  constructor(opts: RoutingEngineOptions) {
    super(opts);
  }

  // ---- configuration --------------------------------------------------

  /** Registers skill ids; queues and agents may only reference known skills. */
  addSkills(ids: readonly string[]): void {
    for (const id of ids) if (typeof id !== 'string' || id.length === 0) throw RoutingErrors.create('INVALID_CONFIG', { skill: id });
    for (const id of ids) this.skills.add(id);
  }

  /** Adds a queue. A transfer exit's target queue must already exist. */
  addQueue(cfg: QueueConfig): Decision[] {
    return this.run(() => {
      if (this.queues.has(cfg.id)) throw RoutingErrors.create('QUEUE_EXISTS', { queueId: cfg.id });
      const q = new QueueRuntime(normalizeQueue(cfg, this.skills, (id) => this.queues.get(id)?.cfg.channel));
      this.queues.set(q.cfg.id, q);
      const list = this.queuesByClient.get(q.cfg.clientId) ?? [];
      list.push(q);
      this.queuesByClient.set(q.cfg.clientId, list);
      for (const e of this.agents.values()) {
        if (this.join(e, q)) this.refreshAgent(e);
      }
    });
  }

  /**
   * Replaces a queue's configuration (skills, SL, wrap-up, ring timeout,
   * policy, overflow, priority, max wait) while it runs; waiting
   * interactions keep their place, ringing and active ones are unaffected
   * (routing-reconfig.ts has the details). A queue's channel cannot change
   * (INVALID_CONFIG): create a new queue instead. Bad input changes nothing.
   */
  updateQueue(cfg: QueueConfig): Decision[] {
    return this.run(() => {
      const q = this.queues.get(cfg.id);
      if (!q) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId: cfg.id });
      const n = normalizeQueue(cfg, this.skills, (id) => this.queues.get(id)?.cfg.channel);
      if (n.channel !== q.cfg.channel) {
        throw RoutingErrors.create('INVALID_CONFIG', { detail: 'a queue\'s channel cannot change', from: q.cfg.channel, to: n.channel });
      }
      if (n.stages.some((st) => st.exit?.kind === 'transfer' && st.exit.queueId === n.id)) {
        throw RoutingErrors.create('INVALID_CONFIG', { detail: 'a queue cannot transfer to itself' });
      }
      this.reconfigureQueue(q, n);
    });
  }

  /**
   * Removes a queue. Refused while any interaction is queued, ringing,
   * active or in wrap-up in it (QUEUE_HAS_INTERACTIONS: drain it first, e.g.
   * by editing it to exit to another queue) or while another queue's
   * overflow transfers into it (QUEUE_IS_TRANSFER_TARGET). Past decisions
   * stay explainable; the queue's stats go with it.
   */
  removeQueue(queueId: string): void {
    this.run(() => {
      const q = this.queues.get(queueId);
      if (!q) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId });
      const live = this.liveInQueue(q);
      if (live > 0) throw RoutingErrors.create('QUEUE_HAS_INTERACTIONS', { queueId, liveInteractions: live });
      const from = [...this.queues.values()]
        .filter((o) => o.cfg.stages.some((st) => st.exit?.kind === 'transfer' && st.exit.queueId === queueId))
        .map((o) => o.cfg.id);
      if (from.length > 0) throw RoutingErrors.create('QUEUE_IS_TRANSFER_TARGET', { queueId, from });
      this.dropQueue(q);
    });
  }

  /** Adds an agent, logged out. */
  addAgent(cfg: AgentConfig): void {
    this.run(() => {
      if (this.agents.has(cfg.id)) throw RoutingErrors.create('AGENT_EXISTS', { agentId: cfg.id });
      const n = normalizeAgent(cfg, this.skills);
      const e: AgentEntry = { agent: new Agent(n.id, ++this.agentSeq, n.capacity, this.now), cfg: n, memberships: [] };
      this.agents.set(n.id, e);
      for (const clientId of n.clientIds) for (const q of this.queuesByClient.get(clientId) ?? []) this.join(e, q);
    });
  }

  /**
   * Replaces an agent's skills, clients, teams and capacity, also while it
   * works: the new eligibility applies to the next offers (it may get one
   * at once), work it holds is kept, and capacity below current use just
   * blocks new offers on that channel until enough work ends. Bad input
   * changes nothing.
   */
  updateAgent(cfg: AgentConfig): Decision[] {
    return this.run(() => {
      const e = this.agentEntry(cfg.id);
      this.reconfigureAgent(e, normalizeAgent(cfg, this.skills));
    });
  }

  /** Removes a logged-out agent. */
  removeAgent(agentId: string): void {
    this.run(() => {
      const e = this.agentEntry(agentId);
      if (e.agent.state !== 'offline') throw RoutingErrors.create('AGENT_HAS_WORK', { agentId, state: e.agent.state });
      for (const m of e.memberships) m.queue.stats.agentsByState.offline--;
      this.agents.delete(agentId);
    });
  }

  // ---- agent presence ---------------------------------------------------

  /** Logs the agent in, ready (default) or in aux with `auxReason`. */
  login(agentId: string, opts: { auxReason?: string } = {}): Decision[] {
    return this.run(() => {
      const e = this.agentEntry(agentId);
      if (opts.auxReason !== undefined) this.checkReason(opts.auxReason);
      e.agent.login(opts.auxReason);
      e.agent.idleSince = this.now;
      this.agentChanged(e);
      this.dispatchAgent(e);
    });
  }

  /** Ready for work (leaves aux, or cancels a pending aux/logout). */
  setAvailable(agentId: string): Decision[] {
    return this.run(() => {
      const e = this.agentEntry(agentId);
      const wasReady = e.agent.presence === 'ready';
      e.agent.setReady();
      if (!wasReady && e.agent.totalUsed === 0) e.agent.idleSince = this.now;
      this.agentChanged(e);
      this.dispatchAgent(e);
    });
  }

  /** Aux with a reason (break, lunch...): now, or when the agent's current work ends. */
  setAux(agentId: string, reason: string): Decision[] {
    return this.run(() => {
      const e = this.agentEntry(agentId);
      this.checkReason(reason);
      e.agent.setAux(reason);
      this.agentChanged(e);
    });
  }

  /** Logs out: now, or when the agent's current work ends. */
  logout(agentId: string): Decision[] {
    return this.run(() => {
      const e = this.agentEntry(agentId);
      e.agent.logout();
      this.agentChanged(e);
    });
  }

  /**
   * The agent is on a call routing did not give them (a warm transfer's
   * consultation): busy, offered nothing, until `endOutsideCall`. It holds
   * a voice slot like routed work, so only an agent who could take a voice
   * call now can be held (AGENT_CANNOT_TAKE otherwise).
   */
  beginOutsideCall(agentId: string): Decision[] {
    return this.run(() => {
      const e = this.agentEntry(agentId);
      if (!e.agent.canTake('voice')) throw RoutingErrors.create('AGENT_CANNOT_TAKE', { agentId, state: e.agent.state });
      e.agent.addSlot('voice', 'active');
      this.#outside.set(agentId, (this.#outside.get(agentId) ?? 0) + 1);
      this.agentChanged(e);
    });
  }

  /**
   * The outside call ended. With `handover`, the call becomes routed work of
   * this agent in the same step (a completed warm transfer: the interaction
   * is enqueued and offered to them before anyone else can be), else the
   * agent is free and routing may offer them work at once.
   */
  endOutsideCall(agentId: string, handover?: Omit<EnqueueInput, 'agentId'>): { interactionId: string | undefined; decisions: Decision[] } {
    let interactionId: string | undefined;
    let handed: Decision[] = [];
    const decisions = this.run(() => {
      const e = this.agentEntry(agentId);
      const n = this.#outside.get(agentId) ?? 0;
      if (n <= 0) throw RoutingErrors.create('NOT_ON_OUTSIDE_CALL', { agentId });
      if (n === 1) this.#outside.delete(agentId);
      else this.#outside.set(agentId, n - 1);
      e.agent.removeSlot('voice', 'active', this.now);
      this.agentChanged(e);
      if (handover === undefined) {
        this.dispatchAgent(e);
        return;
      }
      const direct = e.agent.canTake('voice');
      const r = this.enqueue({ ...handover, ...(direct ? { agentId } : {}) });
      interactionId = r.interactionId;
      handed = r.decisions;
      if (!direct) this.dispatchAgent(e);
    });
    return { interactionId, decisions: [...handed, ...decisions] };
  }

  /** Agents on an outside call (beginOutsideCall), with how many. */
  outsideCalls(agentId: string): number {
    return this.#outside.get(agentId) ?? 0;
  }

  // ---- interactions -----------------------------------------------------

  /** A new interaction enters a queue; it may be offered at once. */
  enqueue(input: EnqueueInput): { interactionId: string; decisions: Decision[] } {
    let interactionId = '';
    const decisions = this.run(() => {
      const q = this.queues.get(input.queueId);
      if (!q) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId: input.queueId });
      const priority = checkPriority(input.priority, 'priority');
      if (input.id !== undefined && (typeof input.id !== 'string' || input.id.length === 0)) {
        throw RoutingErrors.create('INVALID_CONFIG', { field: 'id' });
      }
      if (input.id !== undefined && (this.interactions.has(input.id) || this.finished.has(input.id))) {
        throw RoutingErrors.create('INTERACTION_EXISTS', { interactionId: input.id });
      }
      if (input.since !== undefined && !(Number.isFinite(input.since) && input.since <= this.now)) {
        throw RoutingErrors.create('INVALID_CONFIG', { field: 'since', detail: 'a finite time not after now' });
      }
      let direct: Membership | undefined;
      if (input.agentId !== undefined) {
        const e = this.agentEntry(input.agentId);
        if (!e.cfg.clientIds.has(q.cfg.clientId)) throw RoutingErrors.create('AGENT_NOT_ELIGIBLE', { agentId: input.agentId, queueId: q.cfg.id });
        if (!e.agent.canTake(q.cfg.channel)) throw RoutingErrors.create('AGENT_CANNOT_TAKE', { agentId: input.agentId, state: e.agent.state });
        direct = e.memberships.find((x) => x.queue === q) ?? newMembership(q, e, q.cfg.stages.length, skillScore(q.cfg, e.cfg));
      }
      interactionId = input.id ?? this.ids();
      this.admit(interactionId, q, priority, input.attributes, direct, input.since);
    });
    return { interactionId, decisions };
  }

  /** The agent answered the offer. */
  accept(offerId: string, agentId?: string): Decision[] {
    return this.run(() => this.acceptOffer(this.liveOffer(offerId, agentId)));
  }

  /** The agent declined the offer; the interaction goes back to its original place. */
  reject(offerId: string, agentId?: string): Decision[] {
    return this.run(() => this.rejectOffer(this.liveOffer(offerId, agentId)));
  }

  /** Handling finished: wrap-up starts (or the interaction is done if the queue has none). */
  complete(interactionId: string): Decision[] {
    return this.run(() => {
      const i = this.liveInteraction(interactionId);
      if (i.state !== 'active') throw RoutingErrors.create('ILLEGAL_INTERACTION_TRANSITION', { interactionId, from: i.state, to: 'done' });
      this.completeActive(i);
    });
  }

  /** The agent ends wrap-up before its time runs out. */
  endWrapUp(interactionId: string): Decision[] {
    return this.run(() => {
      const i = this.liveInteraction(interactionId);
      if (i.state !== 'wrap_up') throw RoutingErrors.create('ILLEGAL_INTERACTION_TRANSITION', { interactionId, from: i.state, to: 'done' });
      this.timers.remove(i.timerNode);
      this.finishWrapUp(i);
    });
  }

  /** The customer left (hung up, closed the chat) while queued or ringing. */
  abandon(interactionId: string): Decision[] {
    return this.run(() => {
      const i = this.liveInteraction(interactionId);
      assertInteractionTransition(i.state, 'abandoned', i.id);
      this.abandonInteraction(i);
    });
  }

  /** The host could not carry the interaction (e.g. the call leg failed). */
  fail(interactionId: string): Decision[] {
    return this.run(() => {
      const i = this.liveInteraction(interactionId);
      assertInteractionTransition(i.state, 'failed', i.id);
      this.failInteraction(i);
    });
  }

  /**
   * A supervisor reassigns a waiting (queued) interaction: to another queue
   * of the same client and channel (it arrives there anew; the old queue
   * counts it as left, like an overflow transfer), or to one agent, who
   * must serve the queue's client (skills are the supervisor's call) and
   * have room for its channel now; that agent is rung at once with the
   * queue's ring timeout. (An agent eligible for the queue with room would
   * already have it, so a direct offer goes to someone routing would not
   * pick yet: an overflow tier not reached, missing skills.)
   * Ringing, answered or ended interactions cannot be reassigned. Bad input
   * changes nothing.
   */
  reassign(interactionId: string, to: { queueId: string } | { agentId: string }): Decision[] {
    return this.run(() => {
      const i = this.liveInteraction(interactionId);
      if (i.state !== 'queued') throw RoutingErrors.create('INTERACTION_NOT_WAITING', { interactionId, state: i.state });
      if ('queueId' in to) {
        const target = this.queues.get(to.queueId);
        if (!target) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId: to.queueId });
        if (target === i.queue) return;
        if (target.cfg.clientId !== i.queue.cfg.clientId || target.cfg.channel !== i.channel) {
          throw RoutingErrors.create('QUEUE_MISMATCH', { queueId: to.queueId, clientId: target.cfg.clientId, channel: target.cfg.channel });
        }
        this.moveQueued(i, target);
        return;
      }
      const e = this.agentEntry(to.agentId);
      if (!e.cfg.clientIds.has(i.queue.cfg.clientId)) throw RoutingErrors.create('AGENT_NOT_ELIGIBLE', { agentId: to.agentId, queueId: i.queueId });
      if (!e.agent.canTake(i.channel)) throw RoutingErrors.create('AGENT_CANNOT_TAKE', { agentId: to.agentId, state: e.agent.state });
      // An agent without the queue's skills (or whose overflow tier is not reached) is rung through a
      // one-off membership beyond the queue's last tier: it is in no pool, so only this offer uses it.
      const m = e.memberships.find((x) => x.queue === i.queue) ?? newMembership(i.queue, e, i.queue.cfg.stages.length, skillScore(i.queue.cfg, e.cfg));
      this.offerDirect(i, m);
    });
  }

  /** Processes everything due at `clock.now()`. */
  tick(): Decision[] {
    return this.run(() => this.processDue());
  }

  /** When the host must call `tick()` next; undefined when nothing is pending. */
  nextDueAt(): number | undefined {
    return this.timers.peek()?.k1;
  }

  /**
   * Clears today's counters of these queues, or of all (the host calls this
   * at each client's midnight). Unknown ids are skipped: a queue may have
   * been removed since the host listed it.
   */
  resetDailyStats(queueIds?: Iterable<string>): void {
    for (const id of queueIds ?? this.queues.keys()) this.queues.get(id)?.stats.resetDaily();
  }

  /** Replaces a queue's counters for today with stored outcomes (the host rebuilds them after a restart). */
  restoreDailyStats(queueId: string, outcomes: Iterable<DailyOutcome>): void {
    const q = this.queues.get(queueId);
    if (!q) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId });
    q.stats.restore(outcomes);
  }

  // ---- reads --------------------------------------------------------------

  queueStats(queueId: string): QueueStats {
    const q = this.queues.get(queueId);
    if (!q) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId });
    const oldest = q.arrivals.peek();
    return q.stats.snapshot(queueId, q.waitingCount, oldest ? this.clockNow() - oldest.k1 : 0);
  }

  agent(agentId: string): AgentSnapshot {
    const a = this.agentEntry(agentId).agent;
    return {
      id: a.id,
      state: a.state,
      auxReason: a.machine.auxReason,
      since: a.machine.since,
      pending: a.pending,
      used: { ...a.used },
      idleSince: a.idleSince,
      history: a.machine.history(),
    };
  }

  /** The clients the agent serves (events about the agent go only to those who may see one of them). */
  agentClientIds(agentId: string): string[] {
    return [...this.agentEntry(agentId).cfg.clientIds];
  }

  interaction(interactionId: string): InteractionSnapshot {
    const i = this.interactions.get(interactionId);
    if (i) {
      return {
        id: i.id,
        state: i.state,
        queueId: i.queueId,
        stage: i.stage,
        agentId: i.agentId,
        offerIds: [...i.offerIds],
        enqueuedAt: i.enqueuedAt,
      };
    }
    const state = this.finished.get(interactionId);
    if (state === undefined) throw RoutingErrors.create('INTERACTION_NOT_FOUND', { interactionId });
    return { id: interactionId, state, queueId: undefined, stage: undefined, agentId: undefined, offerIds: [], enqueuedAt: undefined };
  }

  /**
   * A queued interaction's place in its queue (1 = offered next among those
   * waiting, by the queue's priority and arrival keys), or undefined when it
   * is not waiting (ringing, answered, ended).
   */
  queuePosition(interactionId: string): number | undefined {
    const i = this.interactions.get(interactionId);
    if (i === undefined || i.state !== 'queued' || i.queueId === undefined) return undefined;
    const q = this.queues.get(i.queueId);
    if (q === undefined) return undefined;
    let ahead = 0;
    for (const heap of q.waiting) ahead += heap.countBefore(i.waitNode);
    return ahead + 1;
  }

  /** Ids of live (non-terminal) interactions, for audits and tests. */
  liveInteractionIds(): string[] {
    return [...this.interactions.keys()];
  }

  queueIds(): string[] {
    return [...this.queues.keys()];
  }

  agentIds(): string[] {
    return [...this.agents.keys()];
  }

  /** Why this agent got the offer and why the others did not. */
  explain(offerId: string, opts: { limit?: number } = {}): Explanation {
    const rec = this.offerLog.get(offerId);
    if (!rec?.decided) throw RoutingErrors.create('DECISION_NOT_FOUND', { offerId });
    return explainDecision(rec, this.agents.values(), opts.limit);
  }

  private checkReason(reason: unknown): void {
    if (typeof reason !== 'string' || reason.length === 0) throw RoutingErrors.create('INVALID_CONFIG', { field: 'auxReason' });
  }
}

/** A fresh engine on `clock` with deterministic ids (`offer-1`, ...). */
export function createRoutingEngine(clock: Clock, opts: Omit<RoutingEngineOptions, 'clock'> = {}): RoutingEngine {
  return new RoutingEngine({ ids: sequentialIds('r'), ...opts, clock });
}
