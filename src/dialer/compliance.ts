import { DialerErrors } from './dialer-errors.js';

/**
 * Outbound abandonment arithmetic for the two compliance profiles.
 *
 * US (FTC Telemarketing Sales Rule 16 CFR 310.4(b)(4), FCC TCPA 47 CFR
 * 64.1200(a)(7)): abandoned calls ÷ calls answered by a live person, per
 * campaign, over a rolling 30 days; a call is abandoned when the person is
 * not connected to an agent within 2 s of their greeting. A live person the
 * AMD wrongly took for a machine and hung up on is abandoned too.
 *
 * UK (Ofcom persistent-misuse statement, 2016, A1.x): abandoned ÷ live calls,
 * per campaign, over 24 h. A dialer cannot tell whether a call it dropped was
 * answered by a person or a machine, so Ofcom accepts removing from the drops
 * the machine share measured on calls that did reach agents; AMD false
 * positives must be added (as a reasoned estimate in production; the
 * simulator knows them exactly).
 */
export type ComplianceProfile = 'US' | 'UK';

export const ABANDONMENT_LIMIT = 0.03;
const DAY_MS = 86_400_000;
export const PROFILE_WINDOW_MS: Record<ComplianceProfile, number> = { US: 30 * DAY_MS, UK: DAY_MS };

export interface UsCounts {
  /** Live persons who answered and were not connected within the deadline. */
  abandonedLive: number;
  /** Live persons the AMD classified as machines (hung up on). */
  amdFalsePositives: number;
  /** Every call a live person answered: connected, abandoned or AMD false positive. */
  liveAnswers: number;
}

export function usAbandonmentRate(c: UsCounts): number {
  requireCounts(c);
  if (c.abandonedLive + c.amdFalsePositives > c.liveAnswers) {
    throw DialerErrors.create('DIALER_INVALID_INPUT', { ...c }, 'abandoned calls cannot outnumber live answers');
  }
  return c.liveAnswers > 0 ? (c.abandonedLive + c.amdFalsePositives) / c.liveAnswers : 0;
}

export interface UkCounts {
  /** Answered calls the dialer dropped for want of an agent (person or machine). */
  drops: number;
  /** Calls that reached an agent. */
  agentConnects: number;
  /** Of those, answered by a machine (the agent dispositioned it so). */
  machineConnects: number;
  /** Live persons the AMD classified as machines. */
  amdFalsePositives: number;
}

export function ukAbandonmentRate(c: UkCounts): number {
  requireCounts(c);
  if (c.machineConnects > c.agentConnects) {
    throw DialerErrors.create('DIALER_INVALID_INPUT', { ...c }, 'machine connects cannot outnumber agent connects');
  }
  const machineShare = c.agentConnects > 0 ? c.machineConnects / c.agentConnects : 0;
  const abandoned = c.drops * (1 - machineShare) + c.amdFalsePositives;
  const live = c.agentConnects - c.machineConnects + abandoned;
  return live > 0 ? abandoned / live : 0;
}

function requireCounts(c: object): void {
  for (const [field, v] of Object.entries(c)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw DialerErrors.create('DIALER_INVALID_INPUT', { field, value: v }, `${field} must be a count >= 0, got ${String(v)}`);
    }
  }
}

/**
 * Counts over a rolling window in fixed buckets (1 h by default), so a
 * 30-day window costs 720 numbers per counter, and old events fall out as
 * time passes. Time comes in with every call; nothing reads a clock.
 */
export class RollingCounter {
  readonly #windowMs: number;
  readonly #bucketMs: number;
  readonly #buckets = new Map<number, number>();
  #total = 0;
  #oldest = Infinity;

  constructor(windowMs: number, bucketMs = 3_600_000) {
    if (!(windowMs > 0 && bucketMs > 0 && windowMs >= bucketMs)) {
      throw DialerErrors.create('DIALER_INVALID_INPUT', { windowMs, bucketMs }, 'window must be at least one bucket long');
    }
    this.#windowMs = windowMs;
    this.#bucketMs = bucketMs;
  }

  add(atMs: number, n = 1): void {
    const b = Math.floor(atMs / this.#bucketMs);
    this.#buckets.set(b, (this.#buckets.get(b) ?? 0) + n);
    this.#total += n;
    if (b < this.#oldest) this.#oldest = b;
  }

  /** The sum over the buckets that overlap (nowMs - window, nowMs]. */
  total(nowMs: number): number {
    const first = Math.floor((nowMs - this.#windowMs) / this.#bucketMs) + 1;
    while (this.#oldest < first) {
      const v = this.#buckets.get(this.#oldest);
      if (v !== undefined) { this.#total -= v; this.#buckets.delete(this.#oldest); }
      this.#oldest = this.#buckets.size === 0 ? Infinity : this.#oldest + 1;
    }
    return this.#total;
  }
}
