import { InverseErlangBWalk } from './erlang-b.js';
import { erlangCFromInverseB, validateQueueParams, type QueueParams } from './erlang-c.js';
import { ErlangErrors, requirePositive } from './erlang-errors.js';

export interface ErlangAParams extends QueueParams {
  /** Mean caller patience, seconds (exponential); Infinity gives Erlang C. */
  patienceS: number;
}

export interface ErlangAResult {
  /** P(a caller waits at all). */
  pWait: number;
  /** P(a caller hangs up before an agent answers). */
  pAbandon: number;
  /** P(answered within T), all offered calls in the denominator: abandons count as not in time. */
  serviceLevel: number;
  /** Mean wait of answered calls, seconds (those not waiting count as 0). */
  asaS: number;
  /** Mean wait of all callers, abandoned ones up to their hang-up; equals pAbandon × patience. */
  meanWaitS: number;
  /** Carried load ÷ agents: abandoned calls take no agent time. */
  occupancy: number;
}

// Terms of the queue-length series; beyond this the model is refused with
// ERLANG_TOO_LARGE rather than taking seconds (it needs (λ - nμ)/θ terms).
const MAX_TERMS = 10_000_000;
const EPS = 1e-17;

/**
 * Erlang A (M/M/n+M; Palm, Garnett–Mandelbaum–Reiman), exact.
 *
 * With λ arrivals/s, μ = 1/AHT, θ = 1/patience, a = λ/θ and s = nμ/θ, the
 * stationary probabilities of k callers queued behind n busy agents are
 * π(n+k) = π(n)·t(k), t(k) = Π_{i=1..k} a/(s+i); below n they are Poisson-like
 * and their sum is π(n)·(n/A)/B(n-1, A) (Erlang B walk, no factorials).
 * From these, with positive-term series only:
 *   P(wait)    = π(n)·Σ t(k)
 *   P(abandon) = θ·E[queue]/λ = π(n)·Σ k·t(k) / a
 *   ASA        : a caller at queue position k is served with probability s/(s+k)
 *                after a mean (1/θ)·Σ_{i=1..k} 1/(s+i), which gives π(n)(s/a)(1/θ)Σ t(k)H(k)
 *   SL(T)      : the offered wait V has density λπ(n-1)·exp(λ(1-e^{-θx})/θ - nμx) for x > 0
 *                (Zeltyn & Mandelbaum); integrating it against e^{-θx} over (0, T]
 *                and expanding the incomplete gamma gives
 *                π(n-1)·[Σ_{k≥1} t(k) - e^{a(1-u)}·Σ_{k≥1} t(k)·u^{s+k}], u = e^{-θT}.
 * Every series is summed in log-scaled form until a geometric bound on its
 * tail is below 1e-17 of the sum, so it stays exact for 10,000 agents.
 */
export function erlangA(p: ErlangAParams): ErlangAResult {
  validateQueueParams(p);
  if (p.patienceS === Infinity) return fromErlangC(p);
  requirePositive('patience_s', p.patienceS);
  const walk = new InverseErlangBWalk(p.trafficErlangs);
  return erlangAFromInverseB(p, walk.advanceTo(p.agents - 1));
}

function fromErlangC(p: QueueParams): ErlangAResult {
  const walk = new InverseErlangBWalk(p.trafficErlangs);
  const c = erlangCFromInverseB(p, walk.advanceTo(p.agents));
  return { pWait: c.pWait, pAbandon: 0, serviceLevel: c.serviceLevel, asaS: c.asaS, meanWaitS: c.asaS, occupancy: c.occupancy };
}

/** Erlang A given log(1/B(agents - 1, A)); staffing searches reuse one Erlang B walk. */
export function erlangAFromInverseB(p: ErlangAParams, logInvBPrev: number): ErlangAResult {
  const { agents: n, trafficErlangs: bigA, patienceS, thresholdS } = p;
  const a = (bigA * patienceS) / p.ahtS; // λ/θ
  const s = (n * patienceS) / p.ahtS; // nμ/θ
  const logU = -thresholdS / patienceS; // log e^{-θT}
  const sums = queueSeries(a, s, logU);
  // Weights relative to π(n), all carried as logs: below n, and the queue.
  const logBelow = Math.log(n / bigA) + logInvBPrev;
  const logQueue = Math.log(sums.s0) + sums.scale; // includes t(0) = 1
  const logZ = logAddExp(logBelow, logQueue);
  const w = (logX: number): number => Math.exp(logX - logZ);
  const pWait = w(logQueue);
  const pAbandon = w(Math.log(sums.s1) + sums.scale) / a;
  const pBelow = w(logBelow);
  // π(n-1)/π(n) = n/A = s/a.
  const inTimeAfterWait = sums.tail > sums.x ? w(Math.log(sums.tail - sums.x) + sums.scale) * (s / a) : 0;
  const servedWaitSum = w(Math.log(sums.sh) + sums.scale) * (s / a) * patienceS;
  const pServed = 1 - pAbandon;
  return {
    pWait,
    pAbandon,
    serviceLevel: Math.min(1, pBelow + inTimeAfterWait),
    asaS: servedWaitSum / pServed,
    meanWaitS: pAbandon * patienceS,
    occupancy: (bigA * pServed) / n,
  };
}

interface QueueSums {
  /** Common log scale of every sum below. */
  scale: number;
  s0: number; // Σ_{k≥0} t(k)
  tail: number; // Σ_{k≥1} t(k)
  s1: number; // Σ k·t(k)
  sh: number; // Σ t(k)·H(k), H(k) = Σ_{i=1..k} 1/(s+i)
  x: number; // e^{a(1-u)}·Σ_{k≥1} t(k)·u^{s+k}
}

function queueSeries(a: number, s: number, logU: number): QueueSums {
  // The terms rise until k = a - s (queue length where abandonment balances
  // the excess load); refuse at once rather than after millions of terms.
  if (a - s > MAX_TERMS) tooLarge(a, s);
  // log of e^{a(1-u)}·u^s; -expm1 keeps a(1-u) exact for tiny thresholds.
  const xPrefix = -a * Math.expm1(logU) + s * logU;
  let scale = 0;
  let logT = 0;
  let h = 0;
  let tail = 0, s1 = 0, sh = 0, x = 0;
  let head = 1; // t(0), rescaled with the rest
  for (let k = 1; ; k++) {
    if (k > MAX_TERMS) tooLarge(a, s);
    const ratio = a / (s + k);
    logT += Math.log(ratio);
    h += 1 / (s + k);
    if (logT > scale + 300) {
      const f = Math.exp(scale - logT);
      head *= f; tail *= f; s1 *= f; sh *= f; x *= f;
      scale = logT;
    }
    const t = Math.exp(logT - scale);
    tail += t;
    s1 += k * t;
    sh += h * t;
    x += Math.exp(logT + xPrefix + k * logU - scale);
    // Past the peak the terms fall at least geometrically with ratio r (and
    // k·t, H·t with r·(k+1)/k), which bounds each remaining tail.
    const r = a / (s + k + 1);
    const q = (r * (k + 1)) / k;
    if (q < 1) {
      const bound = (t * k * q) / (1 - q);
      if (bound <= EPS * s1 && (t * q) / (1 - q) <= EPS * tail && (t * h * q) / (1 - q) <= EPS * sh) break;
    }
    if (t === 0 && k > a) break; // fully underflowed past the peak
  }
  return { scale, s0: head + tail, tail, s1, sh, x };
}

function tooLarge(a: number, s: number): never {
  throw ErlangErrors.create('ERLANG_TOO_LARGE', { a, s },
    'Erlang A needs too many terms (patience very long against an overloaded queue); use Erlang C or a shorter patience');
}

function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  const hi = Math.max(x, y);
  return hi + Math.log(Math.exp(x - hi) + Math.exp(y - hi));
}
