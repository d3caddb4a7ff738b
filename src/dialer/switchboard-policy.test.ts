import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusyAgent, CampaignSnapshot } from './pacing-types.js';
import { SwitchboardPolicy } from './switchboard-policy.js';

const HOUR = 3_600_000;
const snap = (free: number, busy: BusyAgent[], inFlight = 0): CampaignSnapshot => ({
  agentsLoggedIn: free + busy.length, freeAgents: free, busyAgents: busy, callsWaitingForAgent: 0,
  callsInFlight: Array.from({ length: inFlight }, () => ({ placedAtMs: HOUR - 3000 })),
});

/** Feeds `n` resolved calls of which a share `human` were live answers (placed 15 s before). */
function learnMix(p: SwitchboardPolicy, n: number, human: number, atMs = HOUR / 2): void {
  for (let i = 0; i < n; i++) {
    const t = atMs + i * 100;
    p.observe({ kind: 'call_placed', atMs: t - 15_000 });
    // Spread the live answers evenly: the estimate weights recent calls more.
    if (Math.floor((i + 1) * human) > Math.floor(i * human)) p.observe({ kind: 'answered_human', atMs: t, placedAtMs: t - 15_000 });
    else p.observe({ kind: 'no_answer', atMs: t, placedAtMs: t - 21_000 });
  }
}

void test('no free agent and every agent early in a long call: dial nothing', () => {
  const p = new SwitchboardPolicy({ compliance: 'US' });
  for (let i = 0; i < 50; i++) { p.observe({ kind: 'agent_wrap', atMs: i, talkMs: 300_000 }); p.observe({ kind: 'agent_free', atMs: i, wrapMs: 15_000 }); }
  const busy = Array.from({ length: 10 }, (): BusyAgent => ({ phase: 'talk', phaseSinceMs: HOUR - 20_000 }));
  const d = p.decide(snap(0, busy), HOUR);
  assert.equal(d.dial, 0, d.reason);
});

void test('many free agents and a low answer rate: dial well beyond one call per free agent', () => {
  const p = new SwitchboardPolicy({ compliance: 'US' });
  learnMix(p, 400, 0.1);
  const d = p.decide(snap(10, []), HOUR);
  assert.ok(d.dial > 20, `dialed ${d.dial}: ${d.reason}`);
  assert.ok(d.dial < 80, `dialed ${d.dial}: not every line it may use`);
  // ...and more when answers are rarer still.
  const q = new SwitchboardPolicy({ compliance: 'US' });
  learnMix(q, 400, 0.05);
  const e = q.decide(snap(10, []), HOUR);
  assert.ok(e.dial > d.dial, `${e.dial} vs ${d.dial}`);
});

void test('agents in wrap-up count as about to be free: calls go out for them before they are', () => {
  const p = new SwitchboardPolicy({ compliance: 'US' });
  learnMix(p, 400, 0.25);
  const wrapping = Array.from({ length: 10 }, (): BusyAgent => ({ phase: 'wrap', phaseSinceMs: HOUR - 12_000 }));
  assert.ok(p.decide(snap(0, wrapping), HOUR).dial > 0);
});

void test('abandonment budget spent: fall back to progressive until live answers earn it back', () => {
  const p = new SwitchboardPolicy({ compliance: 'US' });
  learnMix(p, 400, 0.25); // 100 live answers
  const healthy = p.decide(snap(4, []), HOUR);
  assert.ok(healthy.dial > 4, healthy.reason);
  for (let i = 0; i < 5; i++) p.observe({ kind: 'abandoned', atMs: HOUR - 1000 }); // 5 % of live answers
  const spent = p.decide(snap(4, [], 1), HOUR);
  assert.equal(spent.dial, 3, 'one call per free agent, less the one already in flight');
  assert.match(spent.reason, /^budget_exhausted/);
});

void test('an AMD whose false positives alone exceed the limit leaves no budget: always progressive', () => {
  const p = new SwitchboardPolicy({ compliance: 'UK', amdFalsePositiveRate: 0.05 });
  learnMix(p, 400, 0.1);
  const d = p.decide(snap(10, []), HOUR);
  assert.equal(d.dial, 10);
  assert.match(d.reason, /^budget_exhausted/);
});
