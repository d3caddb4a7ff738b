/**
 * `switchboard`: our predictive pacing. The math, in one place:
 *
 * 1. What a new call would bring. A call placed now becomes a live answer
 *    needing an agent with probability c (the share of placed calls
 *    classified human, learned over the last few hundred calls), after a
 *    time G (placing to classification: post-dial delay + ring + AMD),
 *    learned as a lognormal. We look at checkpoints τ_k = the 20th, 50th,
 *    80th and 95th percentiles of G; by τ_k the call is a live answer with
 *    probability q_k = c·G(τ_k).
 *
 * 2. Agents by τ_k. Free agents F, less live answers already waiting W,
 *    plus each busy agent j with r_jk = P(free by τ_k + connect deadline |
 *    phase, time in phase): for talk, P(T <= e + τ + d - median(wrap) | T > e);
 *    for wrap-up, P(Wr <= w + τ + d | Wr > w). Talk T and wrap Wr are
 *    lognormals learned online, so an agent four minutes into a long-tailed
 *    call counts as the tail says, not as the mean says.
 *
 * 3. Live answers by τ_k from the calls already in flight: a call unresolved
 *    after e seconds becomes one with p_ik = q_h·(F_h(e + τ) - F_h(e)) /
 *    Σ_o q_o·S_o(e) (Bayes over the outcome mix q and each outcome's
 *    time-to-resolution survival S_o).
 *
 * 4. Overflow. Agents minus live answers at τ_k with n new calls,
 *    X_k(n) = F - W + Σ_j r_jk - Σ_i p_ik - n·q_k, is a sum of independent
 *    Bernoullis, taken as normal (variance Σ r(1-r) + Σ p(1-p) + n·q(1-q),
 *    half-unit continuity correction). The expected live answers left
 *    without an agent are O_k(n) = E[(-X_k)^+] = σφ(μ/σ) - μΦ(-μ/σ). The n-th
 *    call's risk is the abandons it adds, its own and those of calls it beats
 *    to an agent, per live answer it brings:
 *    m(n) = Σ_k (O_k(n) - O_k(n-1)) / Σ_k q_k, rising in n. We place every
 *    call with m(n) <= θ and no other (never fewer than progressive would):
 *    equal marginal risk is what maximises connects for a given number of
 *    abandons (a Lagrangian rule), so θ is the only knob.
 *
 * 5. θ from the compliance budget, which also absorbs the model's errors.
 *    Over the profile's rolling window (US 30 days, UK 24 h), with L live
 *    answers, D abandons and the AMD's false positives estimated as
 *    FP = f/(1-f)·L (they count as abandons), the budget is
 *    target·(L + FP) - (D + FP), target = 3 % × (1 - safety margin).
 *    Spent (below zero): dial progressively, which never abandons, until
 *    live answers earn it back. Otherwise slack S = budget - 1.5·√FP (1.5
 *    standard deviations of the false positives, which are invisible one by
 *    one) and θ = (b / κ)·e^{g·(S - reserve)}, with b = target - FP share
 *    (the rate abandons may run at), κ = abandons seen ÷ abandons the model
 *    predicted for the calls it placed (decayed over an hour: the model's
 *    calibration) and g = 0.5 per abandon. So θ sits where the calibrated
 *    model expects abandons at the budget rate, falls fast after abandons,
 *    and rises as live answers come without them: integral feedback that
 *    holds the rolling rate under the limit when the answer rate drifts or
 *    steps, while c, G, T and Wr follow the drift within a few hundred calls.
 *    θ is bounded to [1e-4, 4b]: at 1e-4 calls cost almost no abandons yet
 *    keep agents fed while the slack is rebuilt.
 */
import { ABANDONMENT_LIMIT, PROFILE_WINDOW_MS, RollingCounter, type ComplianceProfile } from './compliance.js';
import { DialerErrors } from './dialer-errors.js';
import { progressiveCount, progressiveDecision } from './fixed-policies.js';
import { LognormalEstimate } from './lognormal-estimate.js';
import { expectedShortfall } from './normal-math.js';
import { OutcomeMixEstimate } from './outcome-mix-estimate.js';
import { PacingForecast } from './pacing-forecast.js';
import type { CampaignSnapshot, PacingDecision, PacingEvent, PacingPolicy } from './pacing-types.js';

const FORECAST_REFRESH_MS = 30_000;
const HOLD: PacingDecision = { dial: 0, reason: 'predictive hold: the next call is over the risk allowance' };
const CALIBRATION_TAU_MS = 3_600_000;
const FP_NOISE_Z = 1.5;
/** Before evidence, assume the model under-predicts abandons 3× (its risks ignore later calls' timing), worth 2 abandons. */
const CALIBRATION_PRIOR = 3;
const CALIBRATION_PRIOR_DROPS = 2;

export interface SwitchboardOptions {
  compliance: ComplianceProfile;
  /** Share of the 3 % limit kept in reserve; 0.15 aims at 2.55 %. */
  safetyMargin?: number;
  connectDeadlineS?: number;
  /** The AMD's measured false-positive rate (live persons taken for machines). */
  amdFalsePositiveRate?: number;
  /** How strongly one abandon (or its worth of surplus) moves θ: θ ∝ e^(gain·slack). */
  gainPerDrop?: number;
  /** Slack, in abandons, at which θ equals the budget rate. */
  reserveDrops?: number;
  /** Never more calls in flight than this per logged-in agent. */
  maxLinesPerAgent?: number;
  /**
   * Lower bound on θ while any budget is left: calls this safe cost almost
   * no abandons yet keep agents fed while the slack is being rebuilt.
   */
  minMarginalRisk?: number;
  /** Upper bound on θ, whatever the slack. */
  maxMarginalRisk?: number;
}

export class SwitchboardPolicy implements PacingPolicy {
  readonly name = 'switchboard';
  readonly #target: number;
  readonly #deadlineS: number;
  readonly #fpOdds: number;
  readonly #gain: number;
  readonly #reserve: number;
  readonly #maxLines: number;
  readonly #maxRisk: number;
  readonly #minRisk: number;
  readonly #mix = new OutcomeMixEstimate();
  readonly #talk = new LognormalEstimate({ mean: 120, cv: 1 });
  readonly #wrap = new LognormalEstimate({ mean: 15, cv: 0.5 });
  readonly #live: RollingCounter;
  readonly #drops: RollingCounter;
  #forecast: PacingForecast | undefined;
  // Abandons the model predicted for the calls it placed, and abandons seen,
  // both decayed over CALIBRATION_TAU_MS; their ratio corrects the model.
  #predicted = CALIBRATION_PRIOR_DROPS / CALIBRATION_PRIOR;
  #seen = CALIBRATION_PRIOR_DROPS;
  #calibratedAtMs = 0;

  constructor(opts: SwitchboardOptions) {
    const margin = opts.safetyMargin ?? 0.15;
    const fp = opts.amdFalsePositiveRate ?? 0;
    if (!(margin >= 0 && margin < 1) || !(fp >= 0 && fp < 1)) {
      throw DialerErrors.create('DIALER_INVALID_INPUT', { margin, fp }, 'safety margin and AMD false-positive rate must be in [0, 1)');
    }
    this.#target = ABANDONMENT_LIMIT * (1 - margin);
    this.#deadlineS = opts.connectDeadlineS ?? 2;
    this.#fpOdds = fp / (1 - fp);
    this.#gain = opts.gainPerDrop ?? 0.5;
    this.#reserve = opts.reserveDrops ?? 3;
    this.#maxLines = opts.maxLinesPerAgent ?? 8;
    this.#maxRisk = opts.maxMarginalRisk ?? 0.3;
    this.#minRisk = opts.minMarginalRisk ?? 1e-4;
    this.#live = new RollingCounter(PROFILE_WINDOW_MS[opts.compliance]);
    this.#drops = new RollingCounter(PROFILE_WINDOW_MS[opts.compliance]);
  }

  observe(e: PacingEvent): void {
    switch (e.kind) {
      case 'answered_human':
        this.#mix.observe('human', (e.atMs - e.placedAtMs) / 1000);
        this.#live.add(e.atMs);
        break;
      case 'answered_machine': this.#mix.observe('machine', (e.atMs - e.placedAtMs) / 1000); break;
      case 'no_answer': this.#mix.observe('no_answer', (e.atMs - e.placedAtMs) / 1000); break;
      case 'busy': this.#mix.observe('busy', (e.atMs - e.placedAtMs) / 1000); break;
      case 'abandoned': this.#drops.add(e.atMs); this.#decay(e.atMs); this.#seen += 1; break;
      case 'agent_wrap': this.#talk.add(e.talkMs / 1000); break;
      case 'agent_free': if (e.wrapMs > 0) this.#wrap.add(e.wrapMs / 1000); break; // 0: a machine, no wrap-up
      case 'call_placed': case 'connected': case 'agent_busy': break;
    }
  }

  /**
   * The marginal-risk allowance θ from the rolling budget; negative when the
   * budget is spent (then the caller dials progressively).
   */
  allowance(nowMs: number): number {
    const live = this.#live.total(nowMs);
    const fp = this.#fpOdds * live;
    const fpShare = fp / Math.max(1, live + fp);
    const budgetRate = this.#target - fpShare;
    // The AMD's false positives are invisible one by one: only their expected
    // number is known, so 1.5 standard deviations of their binomial count
    // are held back from the slack.
    const fpNoise = FP_NOISE_Z * Math.sqrt(fp * (1 - fpShare));
    const hardSlack = this.#target * (live + fp) - (this.#drops.total(nowMs) + fp);
    if (hardSlack < 0 || budgetRate <= 0) return -1;
    const slack = hardSlack - fpNoise;
    // Centre θ where the model, corrected by its measured calibration,
    // expects abandons at the budget rate; the slack then moves it.
    const theta = (budgetRate / this.#calibration()) * Math.exp(this.#gain * (slack - this.#reserve));
    return Math.max(this.#minRisk, Math.min(this.#maxRisk, 4 * budgetRate, theta));
  }

  #decay(nowMs: number): void {
    const f = Math.exp(-(nowMs - this.#calibratedAtMs) / CALIBRATION_TAU_MS);
    this.#calibratedAtMs = nowMs;
    this.#predicted *= f;
    this.#seen *= f;
  }

  /** Abandons seen per abandon predicted, bounded to [0.5, 20]. */
  #calibration(): number {
    const keep = CALIBRATION_PRIOR_DROPS * 0.25; // a floor of evidence so the ratio never rests on nothing
    return Math.min(20, Math.max(0.5, (this.#seen + keep) / (this.#predicted + keep / CALIBRATION_PRIOR)));
  }

  decide(state: CampaignSnapshot, nowMs: number): PacingDecision {
    const theta = this.allowance(nowMs);
    if (theta < 0) return progressiveDecision(state, 'budget_exhausted progressive');
    if (this.#forecast === undefined || nowMs - this.#forecast.builtAtMs >= FORECAST_REFRESH_MS) {
      this.#forecast = new PacingForecast(this.#mix, this.#talk, this.#wrap, this.#deadlineS, nowMs);
    }
    const f = this.#forecast;
    const c = f.liveShare;
    const K = f.checkpoints.length;
    const mean = new Float64Array(K).fill(state.freeAgents - state.callsWaitingForAgent);
    const variance = new Float64Array(K);
    for (const a of state.busyAgents) {
      const elapsed = (nowMs - a.phaseSinceMs) / 1000;
      for (let k = 0; k < K; k++) {
        const r = f.releaseBy(k, a.phase, elapsed);
        mean[k] += r; variance[k] += r * (1 - r);
      }
    }
    for (const call of state.callsInFlight) {
      const elapsed = (nowMs - call.placedAtMs) / 1000;
      for (let k = 0; k < K; k++) {
        const p = f.inflightBy(k, elapsed);
        mean[k] -= p; variance[k] += p * (1 - p);
      }
    }
    // Risk of the n-th new call: the expected extra abandons it causes (its
    // own and those of the calls it beats to an agent), O(n) - O(n-1) with
    // O(n) = E[(-X)^+] at each checkpoint, per expected live answer it brings.
    // X is integer-valued, so the normal gets a half-unit continuity correction.
    let liveBy = 0;
    for (let k = 0; k < K; k++) liveBy += f.newCallBy[k];
    const overflow = (k: number, n: number) => {
      const q = f.newCallBy[k];
      return expectedShortfall(mean[k] - n * q + 0.5, Math.sqrt(variance[k] + n * q * (1 - q)));
    };
    const risk = (n: number) => {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += overflow(k, n) - overflow(k, n - 1);
      return sum / liveBy;
    };
    const cap = Math.max(0, Math.floor(this.#maxLines * state.agentsLoggedIn) - state.callsInFlight.length);
    // Never fewer than progressive would place: those calls cannot abandon.
    const floor = Math.min(cap, progressiveCount(state));
    // risk(n) rises with n. Most decisions come just after the last one
    // placed its calls, so the next call is usually over θ: try it first,
    // then gallop, then bisect for the last n with risk(n) <= θ.
    let lo = floor, hi = cap;
    for (let step = 1; lo < hi; step *= 2) {
      const probe = Math.min(hi, lo + step);
      if (risk(probe) <= theta) lo = probe; else { hi = probe - 1; break; }
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (risk(mid) <= theta) lo = mid; else hi = mid - 1;
    }
    if (lo > floor) {
      let extra = 0;
      for (let k = 0; k < K; k++) extra += overflow(k, lo) - overflow(k, floor);
      this.#decay(nowMs);
      this.#predicted += extra / K;
    }
    // Formatting costs more than deciding: only a decision that dials gets numbers.
    if (lo === 0) return HOLD;
    return { dial: lo, reason: `predictive theta=${theta.toFixed(4)} c=${c.toFixed(3)} agents_ahead=${mean[1].toFixed(2)}` };
  }
}
