import type { CampaignSnapshot, PacingDecision, PacingEvent, PacingPolicy } from './pacing-types.js';

export interface VicidialAdaptOptions {
  /** adaptive_dropped_percentage: 3 by default. */
  droppedPercentage?: number;
  /** adaptive_maximum_level: 3.0 by default. */
  maximumLevel?: number;
  /** adaptive_intensity: 0 by default (-40..40 in the admin screen). */
  intensity?: number;
  /** adaptive_dl_diff_target: 0 by default. */
  dlDiffTarget?: number;
  /** auto_dial_level when the campaign starts. */
  initialLevel?: number;
}

/**
 * VICIdial's ADAPT_HARD_LIMIT dial method with its default settings, as the
 * anchor we must beat. Based on the public AGPL source of VICIdial 2.4
 * (bin/AST_VDadapt.pl, which adjusts auto_dial_level, and
 * bin/AST_VDauto_dial.pl, which places calls from it) and the campaign
 * admin documentation; reimplemented here, not copied:
 *
 * - every second, sample ready agents (READY), live calls waiting for an
 *   agent (LIVE) and logged-in agents; keep the last 15 samples;
 * - every 15 s: differential = avg(ready) - avg(waiting) + dl_diff_target,
 *   mul = differential / avg(agents); with intensity i the step is
 *   mul·(1 + i/100) upward and mul·|i/100 - 1| downward; the new level is
 *   level·(1 + step), capped at adaptive_maximum_level (3.0) and floored at 1.0;
 * - drop statistics refresh every 60 s: if more than 20 calls in the last
 *   minute and over 50 % of them dropped, the level is halved; if more than
 *   50 calls today and today's drops ÷ answers exceed adaptive_dropped_percentage
 *   (3 %), ADAPT_HARD_LIMIT sets the level to 1.0 (each 15-s pass, for as long
 *   as that holds);
 * - the dialer keeps round(level × (ready + in-call agents)) calls alive,
 *   counting calls ringing, waiting and already with agents (auto_calls
 *   SENT/RINGING/LIVE/XFER). Agents in wrap-up are PAUSED in VICIdial's
 *   disposition screen and count in neither term.
 *
 * VICIdial sees the drops it made itself; AMD false positives are invisible
 * to it (they are logged as machines), as in the real product.
 */
export function vicidialAdaptHardLimitPolicy(opts: VicidialAdaptOptions = {}): PacingPolicy {
  const dropLimitPct = opts.droppedPercentage ?? 3;
  const maxLevel = opts.maximumLevel ?? 3.0;
  const intensityMul = (opts.intensity ?? 0) / 100;
  const diffTarget = opts.dlDiffTarget ?? 0;
  let level = opts.initialLevel ?? 1.0;
  const samples: { ready: number; waiting: number; total: number }[] = [];
  let lastSampleS = -Infinity, lastAdaptS = -Infinity, lastDropStatsS = -Infinity;
  // Today's counters (the benchmark's shift is one day) and the last minute's.
  let callsToday = 0, answersToday = 0, dropsToday = 0;
  const lastMinuteCalls: number[] = [], lastMinuteDrops: number[] = [];
  let stats = { callsToday: 0, dropsAnswersPct: 0, callsOne: 0, dropsOnePct: 0 };

  const trim = (list: number[], nowMs: number) => {
    while (list.length > 0 && list[0] <= nowMs - 60_000) list.shift();
  };

  const adapt = () => {
    const n = samples.length;
    const avg = (k: 'ready' | 'waiting' | 'total') => samples.reduce((a, s) => a + s[k], 0) / n;
    const agentsAvg = avg('total');
    if (agentsAvg <= 0) return;
    const differential = avg('ready') - avg('waiting') + diffTarget;
    const mul = differential / agentsAvg;
    const step = mul < 0 ? mul * Math.abs(intensityMul - 1) : mul * (intensityMul + 1);
    level = Math.min(maxLevel, Math.max(1, level * (1 + step)));
    if (stats.callsOne > 20 && stats.dropsOnePct > 50) level /= 2;
    if (stats.callsToday > 50 && stats.dropsAnswersPct > dropLimitPct) level = 1.0;
    level = Math.max(1, level);
  };

  return {
    name: 'vicidial-adapt-hard-limit',
    observe(e: PacingEvent) {
      if (e.kind === 'call_placed') { callsToday++; lastMinuteCalls.push(e.atMs); }
      else if (e.kind === 'connected') answersToday++;
      else if (e.kind === 'abandoned') { answersToday++; dropsToday++; lastMinuteDrops.push(e.atMs); }
    },
    decide(state: CampaignSnapshot, nowMs: number): PacingDecision {
      const nowS = nowMs / 1000;
      if (nowS - lastSampleS >= 1) {
        lastSampleS = nowS;
        samples.push({ ready: state.freeAgents, waiting: state.callsWaitingForAgent, total: state.agentsLoggedIn });
        if (samples.length > 15) samples.shift();
      }
      if (nowS - lastDropStatsS >= 60) {
        lastDropStatsS = nowS;
        trim(lastMinuteCalls, nowMs); trim(lastMinuteDrops, nowMs);
        stats = {
          callsToday,
          dropsAnswersPct: dropsToday > 0 ? (100 * dropsToday) / Math.max(1, answersToday) : 0,
          callsOne: lastMinuteCalls.length,
          dropsOnePct: lastMinuteCalls.length > 0 ? (100 * lastMinuteDrops.length) / lastMinuteCalls.length : 0,
        };
      }
      // The 15-s counter starts with the campaign, as AST_VDadapt.pl's does.
      if (lastAdaptS === -Infinity) lastAdaptS = nowS;
      else if (nowS - lastAdaptS >= 15) { lastAdaptS = nowS; adapt(); }
      const inCall = state.busyAgents.reduce((a, b) => a + (b.phase === 'talk' ? 1 : 0), 0);
      const goal = Math.round(level * (state.freeAgents + inCall));
      const alive = state.callsInFlight.length + state.callsWaitingForAgent + inCall;
      return { dial: Math.max(0, goal - alive), reason: `adapt level=${level.toFixed(3)} goal=${goal} alive=${alive}` };
    },
  };
}
