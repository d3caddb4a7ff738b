import { eq, sql } from 'drizzle-orm';
import { RoutingErrors } from '../routing-errors.js';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/event-bus.js';
import { newId } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { agentStateLog, interactions } from '../../store/schema.js';
import { RoutingEngine } from '../routing-engine.js';
import type { Channel, Decision, InteractionState, QueueConfig } from '../types.js';
import { loadRoutingConfig } from './load-config.js';
import { LiveBoard } from './live-board.js';
import { DailyFigures } from './daily-figures.js';
import { carryOverInteractions } from './carry-over.js';

/**
 * The I/O shell around the pure engine: loads queues and agents from the
 * store, runs the one timer the engine asks for (`nextDueAt`), writes every
 * interaction's lifecycle to the `interactions` table, and publishes agent,
 * interaction and queue events on the bus for the WebSocket. Everything
 * that decides lives in the engine; this file only carries out.
 *
 * Writes go through one ordered chain so a row's updates land in the order
 * the engine made them; `flush()` waits for them (shutdown, tests).
 */
export interface RoutingServiceDeps { db: Db; bus: EventBus; clock: Clock; log: Logger;
  /** Days of agent state history kept (AGENT_STATE_LOG_RETENTION_DAYS); absent, never pruned. */
  stateLogRetentionDays?: number }

const ENDED: InteractionState[] = ['done', 'abandoned', 'failed', 'exited'];

export class RoutingService {
  readonly engine: RoutingEngine;
  /** Agents' current interactions and per-interval figures for the wallboard. */
  readonly board: LiveBoard;
  /** Today's figures from the clients' midnights, rebuilt at start; the daily state-log prune. */
  readonly #daily: DailyFigures;
  readonly #queues = new Map<string, QueueConfig>();
  readonly #interactionClient = new Map<string, string>();
  /** agent id → team, tagged on agent events so supervisors confined to teams get only theirs. */
  readonly #agentTeam = new Map<string, string | null>();
  #timer: NodeJS.Timeout | undefined;
  #writes: Promise<void> = Promise.resolve();
  readonly #stateRows: (typeof agentStateLog.$inferInsert)[] = [];
  #stopped = false;
  #unsubscribe: (() => void) | undefined;
  readonly #offerListeners = new Set<(d: Extract<Decision, { kind: 'offer' }>) => void>();
  readonly #decisionListeners = new Set<(d: Decision) => void>();

  constructor(private readonly deps: RoutingServiceDeps) {
    this.engine = new RoutingEngine({
      clock: deps.clock,
      ids: newId,
      delegate: {
        onAgentStateChanged: (e) => {
          // Tagged with the agent's clients: supervisors confined to other clients do not get it.
          this.deps.bus.publish({ type: 'agent.state', at: new Date(e.at).toISOString(), client_ids: this.engine.agentClientIds(e.agentId),
            data: { agent_id: e.agentId, team_id: this.#agentTeam.get(e.agentId) ?? null, from: e.from, to: e.to, aux_reason: e.auxReason ?? null } });
          this.#logAgentState({ agentId: e.agentId, state: e.to, auxReason: e.auxReason ?? null, at: new Date(e.at) });
        },
        onInteractionStateChanged: (e) => this.#onInteraction(e.interactionId, e.queueId, e.to, e.agentId, e.from, e.at),
        onQueueStatsChanged: (queueId) => this.#publish('queue.stats', this.#queues.get(queueId)?.clientId, { queue_id: queueId, ...this.queueStats(queueId) }),
      },
    });
    this.board = new LiveBoard({ bus: deps.bus, clock: deps.clock, thresholdMs: (id) => (this.#queues.get(id)?.slThresholdS ?? 0) * 1000,
      teamOf: (id) => this.#agentTeam.get(id) ?? null });
    this.#daily = new DailyFigures({ db: deps.db, clock: deps.clock, log: deps.log, engine: this.engine, intervals: this.board.intervals,
      queues: () => this.#queues.values(), stateLogRetentionDays: deps.stateLogRetentionDays,
      touched: (queueId, dayStart) => {
        const clientId = this.#queues.get(queueId)?.clientId;
        // The wallboard drops the previous day's interval bars on `queue.day`, then takes the reset figures.
        this.#publish('queue.day', clientId, { queue_id: queueId, day_start: new Date(dayStart).toISOString() });
        this.#publish('queue.stats', clientId, { queue_id: queueId, ...this.queueStats(queueId) });
      } });
  }

  async start(): Promise<void> {
    const cfg = await loadRoutingConfig(this.deps.db);
    this.engine.addSkills(cfg.skillIds);
    for (const q of cfg.queues) { this.#queues.set(q.id, q); this.engine.addQueue(q); }
    for (const a of cfg.agents) { this.engine.addAgent(a); this.#agentTeam.set(a.id, a.teamIds?.[0] ?? null); }
    this.deps.log.info({ queues: cfg.queues.length, agents: cfg.agents.length }, 'routing engine loaded');
    // Before the figures are rebuilt: they hold these interactions' arrivals, which the engine then does not count again.
    await carryOverInteractions({ db: this.deps.db, clock: this.deps.clock, log: this.deps.log, knowsQueue: (id) => this.#queues.has(id),
      enqueue: (input) => this.enqueue(input) });
    await this.#daily.start();
    this.#unsubscribe = this.deps.bus.subscribe((e) => {
      const id = e.data.id as string;
      if (e.type === 'admin.queue.create' || e.type === 'admin.queue.update') this.#reload(() => this.#refreshQueue(id));
      if (e.type === 'admin.agent.create' || e.type === 'admin.agent.update') this.#reload(() => this.#refreshAgent(id));
      if (e.type === 'admin.client.create' || e.type === 'admin.client.update') this.#reload(() => this.#daily.refreshClient(id));
    });
  }

  /** Admin changes reach the engine: new queues, new agents, and edits of agents not at work. */
  #reload(fn: () => Promise<void>): void {
    this.#writes = this.#writes.then(fn).catch((err: unknown) => this.deps.log.warn({ err }, 'could not apply an admin change to routing'));
  }

  /** A new queue is added; an edited one is updated in place (waiting interactions keep their place); a disabled one is removed when empty. */
  async #refreshQueue(queueId: string): Promise<void> {
    const cfg = await loadRoutingConfig(this.deps.db, { queueId });
    this.engine.addSkills(cfg.skillIds);
    const known = this.engine.queueIds().includes(queueId);
    const q = cfg.queues[0];
    if (!q) {
      // disabled: stop routing to it once nothing is waiting in it
      if (known) {
        try {
          this.engine.removeQueue(queueId);
          this.#queues.delete(queueId);
        } catch (err) {
          this.deps.log.warn({ err, queueId }, 'disabled queue still holds interactions; it is removed at the next start');
        }
      }
      return;
    }
    this.#queues.set(q.id, q);
    this.run((e) => (known ? e.updateQueue(q) : e.addQueue(q)));
  }

  /** New agents are added; edits apply at once (work in hand is kept; new eligibility applies to the next offers). */
  async #refreshAgent(agentId: string): Promise<void> {
    const cfg = await loadRoutingConfig(this.deps.db, { agentId });
    this.engine.addSkills(cfg.skillIds);
    const known = this.engine.agentIds().includes(agentId);
    const a = cfg.agents[0];
    if (!a) {
      if (known && this.engine.agent(agentId).state === 'offline') this.engine.removeAgent(agentId);
      return;
    }
    this.#agentTeam.set(a.id, a.teamIds?.[0] ?? null);
    if (known) this.run((e) => e.updateAgent(a));
    else this.engine.addAgent(a);
  }

  queue(queueId: string): QueueConfig | undefined {
    return this.#queues.get(queueId);
  }

  queueStats(queueId: string) {
    const s = this.engine.queueStats(queueId);
    return { waiting: s.waiting, longest_wait_s: s.longestWaitS, agents_by_state: s.agentsByState, offered: s.offered, answered: s.answered,
      abandoned: s.abandoned, service_level: s.serviceLevel, service_level_excl_short_abandons: s.serviceLevelExclShortAbandons,
      asa_s: s.asaS, aht_s: s.ahtS };
  }

  /** Runs one engine call, carries out its decisions, re-arms the timer. */
  run<T>(fn: (e: RoutingEngine) => T): T {
    const out = fn(this.engine);
    const decisions = Array.isArray(out) ? (out as Decision[]) : (out as { decisions?: Decision[] })?.decisions ?? [];
    this.#carryOut(decisions);
    this.#arm();
    return out;
  }

  /**
   * Creates and enqueues an interaction, stored before it is routed. With
   * `existingId` the row was created earlier (a call stored on arrival,
   * before its IVR) and is moved to `queued` instead.
   */
  async enqueue(input: { queueId: string; channel: Channel; clientId: string; priority?: number; subject?: string; attributes?: Record<string, string>; simulated?: boolean; existingId?: string; agentId?: string;
    /** The agent whose outside call (a consultation) ends now, the interaction becoming theirs in the same engine step. */
    handoverFrom?: string;
    /** Carried over a restart (with `existingId`): it keeps its place and its wait from then. */
    waitingSince?: Date; }): Promise<string> {
    const id = input.existingId ?? newId();
    const now = new Date(this.deps.clock.now());
    if (input.existingId !== undefined) {
      await this.deps.db.update(interactions).set({ state: 'queued', queueId: input.queueId, priority: input.priority ?? 5, queuedAt: input.waitingSince ?? now })
        .where(eq(interactions.id, id));
    } else {
      await this.deps.db.insert(interactions).values({ id, clientId: input.clientId, channel: input.channel, state: 'queued', queueId: input.queueId,
        priority: input.priority ?? 5, subject: input.subject ?? null, attributes: input.attributes ?? {}, createdAt: now, queuedAt: now, simulated: input.simulated ?? false });
    }
    this.#interactionClient.set(id, input.clientId);
    const since = input.waitingSince === undefined ? undefined : Math.min(input.waitingSince.getTime(), this.deps.clock.now());
    const enqueue = { id, queueId: input.queueId, priority: input.priority ? input.priority - 5 : 0, attributes: input.attributes, since };
    if (input.handoverFrom !== undefined) {
      const from = input.handoverFrom;
      if (this.engine.outsideCalls(from) > 0) {
        this.run((e) => e.endOutsideCall(from, enqueue));
        return id;
      }
    }
    try {
      this.run((e) => e.enqueue({ ...enqueue, agentId: input.agentId ?? input.handoverFrom }));
    } catch (err) {
      // The agent it was sent to cannot take it (any more): it is stored as queued, so it is routed like any other.
      if ((input.agentId ?? input.handoverFrom) === undefined || !(RoutingErrors.is(err, 'AGENT_CANNOT_TAKE') || RoutingErrors.is(err, 'AGENT_NOT_ELIGIBLE'))) throw err;
      this.deps.log.info({ interactionId: id, agentId: input.agentId, code: (err as { code?: string }).code }, 'agent cannot take the interaction sent to them: routed in its queue');
      this.run((e) => e.enqueue(enqueue));
    }
    return id;
  }

  /** Hears every decision the engine makes (the voice router rings and cancels agents' phones). */
  onDecision(listener: (d: Decision) => void): () => void {
    this.#decisionListeners.add(listener);
    return () => this.#decisionListeners.delete(listener);
  }

  /** Hears every offer the engine makes (demo traffic answers its own). */
  onOffer(listener: (d: Extract<Decision, { kind: 'offer' }>) => void): () => void {
    this.#offerListeners.add(listener);
    return () => this.#offerListeners.delete(listener);
  }

  /**
   * Stores more about an interaction (outcome detail, attributes) in order
   * with the engine's own lifecycle writes, so a later state never lands
   * before an earlier one.
   */
  store(id: string, patch: Partial<typeof interactions.$inferInsert>): Promise<void> {
    this.#write(id, patch);
    return this.#writes;
  }

  /** Waits until every lifecycle write so far is stored. */
  async flush(): Promise<void> {
    // Work on the chain may queue more work (an admin reload makes decisions that write): wait until it is still.
    let seen: Promise<void>;
    do {
      seen = this.#writes;
      await seen;
    } while (seen !== this.#writes);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.board.stop();
    clearTimeout(this.#timer);
    await this.#daily.stop();
    await this.flush();
  }

  #carryOut(decisions: Decision[]): void {
    for (const d of decisions) {
      for (const l of this.#decisionListeners) l(d);
      if (d.kind === 'offer') {
        for (const l of this.#offerListeners) l(d);
        this.#publish('interaction.offered', this.#queues.get(d.queueId)?.clientId, { interaction_id: d.interactionId, offer_id: d.offerId, agent_id: d.agentId,
          queue_id: d.queueId, channel: d.channel, expires_at: new Date(d.expiresAt).toISOString(), ring_all: d.ringAll });
      } else if (d.kind === 'offer_withdrawn') {
        this.#publish('interaction.offer_withdrawn', this.#interactionClient.get(d.interactionId), { interaction_id: d.interactionId, offer_id: d.offerId, agent_id: d.agentId, reason: d.reason });
      } else if (d.kind === 'exit') {
        this.#write(d.interactionId, { outcome: d.action.kind === 'transfer' ? 'transferred' : d.action.kind === 'voicemail' ? 'voicemail' : 'callback_requested' });
      } else {
        this.#write(d.interactionId, { outcome: 'failed', state: 'failed' });
      }
    }
  }

  /** `when`: the engine's time of the change (for an interaction carried over a restart, its queue time is the original one). */
  #onInteraction(id: string, queueId: string, to: InteractionState, agentId: string | undefined, from: InteractionState | 'new', when: number): void {
    const at = new Date(when);
    const patch: PgUpdateSetSource<typeof interactions> = { state: to === 'exited' ? 'done' : to };
    if (to === 'offered') {
      // offered_at is the first offer (a re-offer after a missed ring keeps it); offers counts them all.
      patch.offeredAt = sql`coalesce(${interactions.offeredAt}, ${at.toISOString()}::timestamptz)`;
      patch.offers = sql`${interactions.offers} + 1`;
    }
    // Stored when the engine queued it, not when enqueue() began: an offer made
    // during the row's write was made before this one waited.
    if (from === 'new') patch.queuedAt = at;
    if (to === 'queued' && from === 'queued') patch.queueId = queueId; // moved: an overflow transfer or a supervisor's reassignment
    if (to === 'active') { patch.answeredAt = at; patch.agentId = agentId ?? null; patch.outcome = 'answered'; }
    if (to === 'wrap_up') patch.endedAt = at;
    if (to === 'done') patch.wrapUpEndedAt = at;
    if (to === 'abandoned') { patch.endedAt = at; patch.outcome = 'abandoned'; }
    if (to === 'failed') { patch.endedAt = at; patch.outcome = 'failed'; }
    if (to === 'exited') patch.endedAt = at; // left routing through an exit step: when, for today's figures after a restart
    this.#write(id, patch, ENDED.includes(to));
    this.#publish('interaction.state', this.#queues.get(queueId)?.clientId, { interaction_id: id, queue_id: queueId, from, state: to, agent_id: agentId ?? null }, when);
  }

  #write(id: string, patch: PgUpdateSetSource<typeof interactions>, ended = false): void {
    this.#writes = this.#writes.then(async () => {
      await this.deps.db.update(interactions).set(patch).where(eq(interactions.id, id));
      if (ended) this.#interactionClient.delete(id);
    }).catch((err: unknown) => this.deps.log.error({ err, interactionId: id }, 'failed to store interaction state'));
  }

  /**
   * Agent state history ("my day", reports): changes are buffered and stored
   * as one insert per turn of the write chain, so a burst of state changes
   * costs one round trip, in order with the interaction writes.
   */
  #logAgentState(row: typeof agentStateLog.$inferInsert): void {
    this.#stateRows.push(row);
    if (this.#stateRows.length > 1) return;
    this.#writes = this.#writes.then(async () => {
      const rows = this.#stateRows.splice(0);
      await this.deps.db.insert(agentStateLog).values(rows);
    }).catch((err: unknown) => this.deps.log.error({ err }, 'failed to store agent state changes'));
  }

  #arm(): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    const due = this.engine.nextDueAt();
    if (due === undefined) return;
    this.#timer = setTimeout(() => this.run((e) => e.tick()), Math.max(0, due - this.deps.clock.now()));
    this.#timer.unref();
  }

  #publish(type: string, clientId: string | undefined, data: Record<string, unknown>, at = this.deps.clock.now()): void {
    this.deps.bus.publish({ type, at: new Date(at).toISOString(), ...(clientId ? { client_id: clientId } : {}), data });
  }
}
