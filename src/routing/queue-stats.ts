import { AGENT_STATES, type AgentState } from '../agents/agent-state.js';
import type { QueueStats } from './types.js';

/** One event of a queue's day as the counters take it, for rebuilding them from storage (`restore`). */
export type DailyOutcome =
  | { kind: 'arrive' }
  | { kind: 'answer'; waitMs: number }
  | { kind: 'abandon'; waitMs: number }
  | { kind: 'leave' }
  | { kind: 'finish'; handleMs: number };

/**
 * Today's counters for one queue, each updated in O(1) per event. The engine
 * has no calendar: the host calls `resetDailyStats()` at the client's
 * midnight. Definitions (stated so both SL variants are comparable):
 *   offered = interactions whose queue outcome is known (answered,
 *             abandoned, exited through an overflow exit, failed);
 *   SL      = answered within threshold ÷ offered;
 *   SL excl = answered within threshold ÷ (offered − abandoned within threshold);
 *   ASA     = total wait of answered ÷ answered;
 *   AHT     = (talk + wrap-up) of finished interactions ÷ their count.
 */
export class QueueStatsCounter {
  arrived = 0;
  offered = 0;
  answered = 0;
  answeredWithin = 0;
  abandoned = 0;
  abandonedWithin = 0;
  waitMsAnswered = 0;
  handled = 0;
  handleMs = 0;
  readonly agentsByState: Record<AgentState, number> = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<
    AgentState,
    number
  >;

  constructor(public thresholdMs: number) {}

  arrive(): void {
    this.arrived++;
  }
  answer(waitMs: number): void {
    this.offered++;
    this.answered++;
    this.waitMsAnswered += waitMs;
    if (waitMs <= this.thresholdMs) this.answeredWithin++;
  }
  abandon(waitMs: number): void {
    this.offered++;
    this.abandoned++;
    if (waitMs <= this.thresholdMs) this.abandonedWithin++;
  }
  /** Left the queue through an exit step, max wait or a failure before answer. */
  leave(): void {
    this.offered++;
  }
  finish(handleMs: number): void {
    this.handled++;
    this.handleMs += handleMs;
  }
  agentMoved(from: AgentState, to: AgentState): void {
    this.agentsByState[from]--;
    this.agentsByState[to]++;
  }

  resetDaily(): void {
    this.arrived = this.offered = this.answered = this.answeredWithin = 0;
    this.abandoned = this.abandonedWithin = this.waitMsAnswered = this.handled = this.handleMs = 0;
  }

  /** Today's counters replaced by these outcomes (after a restart); agents by state are live and kept. */
  restore(outcomes: Iterable<DailyOutcome>): void {
    this.resetDaily();
    for (const o of outcomes) {
      if (o.kind === 'arrive') this.arrive();
      else if (o.kind === 'answer') this.answer(o.waitMs);
      else if (o.kind === 'abandon') this.abandon(o.waitMs);
      else if (o.kind === 'leave') this.leave();
      else this.finish(o.handleMs);
    }
  }

  snapshot(queueId: string, waiting: number, longestWaitMs: number): QueueStats {
    const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
    return {
      queueId,
      waiting,
      longestWaitS: longestWaitMs / 1000,
      agentsByState: { ...this.agentsByState },
      arrived: this.arrived,
      offered: this.offered,
      answered: this.answered,
      answeredWithinThreshold: this.answeredWithin,
      abandoned: this.abandoned,
      abandonedWithinThreshold: this.abandonedWithin,
      serviceLevel: ratio(this.answeredWithin, this.offered),
      serviceLevelExclShortAbandons: ratio(this.answeredWithin, this.offered - this.abandonedWithin),
      asaS: this.answered > 0 ? this.waitMsAnswered / this.answered / 1000 : null,
      ahtS: this.handled > 0 ? this.handleMs / this.handled / 1000 : null,
    };
  }
}
