import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../platform/clock.js';
import { AnsweringMachineDetector } from '../amd/index.js';
import { progressivePolicy } from '../fixed-policies.js';
import { SwitchboardPolicy } from '../switchboard-policy.js';
import type { CampaignSnapshot } from '../pacing-types.js';
import { complianceText, connectDeadlineMs, failureResult, greetingEndMs, ringTimeoutMs, routeOf } from './attempt-rules.js';
import { campaignFigures } from './campaign-figures.js';
import { FrameClock } from './frame-clock.js';
import { PacingLoop, type Ticker } from './pacing-loop.js';

/** A ticker driven by the test: `fire()` runs every registered callback once. */
class ManualTicker implements Ticker {
  readonly fns = new Set<() => void>();
  every(_ms: number, fn: () => void): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  fire(): void {
    for (const f of this.fns) f();
  }
}

const snap = (free: number, inFlight: number, waiting = 0, loggedIn = free): CampaignSnapshot => ({
  agentsLoggedIn: loggedIn, freeAgents: free, busyAgents: [], callsInFlight: Array.from({ length: inFlight }, () => ({ placedAtMs: 0 })), callsWaitingForAgent: waiting,
});

void test('progressive: one call per free agent not already claimed, none while the agents are covered', async () => {
  const clock = new VirtualClock();
  const ticker = new ManualTicker();
  let state = snap(3, 1);
  const launched: number[] = [];
  const loop = new PacingLoop(progressivePolicy(), clock, ticker, { snapshot: () => state, launch: async (n) => (launched.push(n), n) }, { maxLines: (s) => s.agentsLoggedIn * 4 });
  assert.equal((await loop.step())?.dial, 2);
  state = snap(3, 3);
  assert.equal((await loop.step())?.dial, 0);
  state = snap(2, 0, 2);
  assert.equal((await loop.step())?.dial, 0, 'two live answers wait for the two free agents');
  assert.deepEqual(launched, [2]);
  assert.equal(loop.last?.placed, 0);
});

void test('the loop runs on its ticker, stops with it, and never stacks a step on one still launching', async () => {
  const clock = new VirtualClock();
  const ticker = new ManualTicker();
  let release: (n: number) => void = () => {};
  let calls = 0;
  const loop = new PacingLoop(progressivePolicy(), clock, ticker, {
    snapshot: () => snap(1, 0),
    launch: () => { calls++; return new Promise<number>((r) => (release = r)); },
  }, { maxLines: () => 4 });
  loop.start();
  ticker.fire();
  ticker.fire();
  ticker.fire();
  assert.equal(calls, 1, 'a slow launch is not repeated by the next ticks');
  release(1);
  await new Promise((r) => setImmediate(r));
  assert.equal(loop.last?.placed, 1);
  loop.stop();
  assert.equal(ticker.fns.size, 0);
  assert.equal(loop.running, false);
});

void test('lines are capped per logged-in agent whatever the policy asks', async () => {
  const clock = new VirtualClock();
  const asked: number[] = [];
  const greedy = { name: 'greedy', observe: () => {}, decide: () => ({ dial: 50, reason: 'more' }) };
  const loop = new PacingLoop(greedy, clock, new ManualTicker(), { snapshot: () => snap(2, 3, 1, 2), launch: async (n) => (asked.push(n), n) }, { maxLines: (s) => s.agentsLoggedIn * 4 });
  await loop.step();
  assert.deepEqual(asked, [4], '8 lines for 2 agents, 4 in use');
});

void test('predictive: our policy dials ahead of free agents once it has seen answers, and learns each placed call', async () => {
  const clock = new VirtualClock();
  const policy = new SwitchboardPolicy({ compliance: 'US', connectDeadlineS: 2, amdFalsePositiveRate: 0.02 });
  const observed: string[] = [];
  const watched = { name: policy.name, observe: (e: Parameters<typeof policy.observe>[0]) => { observed.push(e.kind); policy.observe(e); }, decide: policy.decide.bind(policy) };
  for (let i = 0; i < 200; i++) {
    const at = clock.advance(3000);
    watched.observe({ kind: i % 4 === 0 ? 'answered_human' : i % 4 === 1 ? 'answered_machine' : i % 4 === 2 ? 'no_answer' : 'busy', atMs: at, placedAtMs: at - 12_000 });
    if (i % 4 === 0) watched.observe({ kind: 'connected', atMs: at });
  }
  const loop = new PacingLoop(watched, clock, new ManualTicker(), { snapshot: () => snap(5, 0, 0, 10), launch: async (n) => n }, { maxLines: (s) => s.agentsLoggedIn * 4 });
  const d = await loop.step();
  assert.ok(d !== undefined && d.dial > 5, `predictive dials more than the 5 free agents: ${JSON.stringify(d)}`);
  assert.equal(observed.filter((k) => k === 'call_placed').length, loop.last?.placed);
});

void test('the connect deadline runs 2 s from the end of the greeting, not from the AMD\'s decision', () => {
  const answeredAt = 1_000_000;
  const amd = new AnsweringMachineDetector({}, answeredAt);
  // "Hello?": 300 ms of silence, 600 ms of a voiced sound, then silence until the AMD decides.
  const tone = (n: number) => Int16Array.from({ length: 160 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 300 * (n * 160 + i)) / 8000) + 2000 * Math.sin((2 * Math.PI * 700 * (n * 160 + i)) / 8000)));
  let decision;
  for (let f = 0; f < 150 && decision === undefined; f++) {
    const t = answeredAt + f * 20;
    const voiced = t >= answeredAt + 300 && t < answeredAt + 900;
    decision = amd.push(voiced ? tone(f) : new Int16Array(160), t);
  }
  assert.ok(decision !== undefined && decision.result === 'human', JSON.stringify(decision));
  const end = greetingEndMs(decision, answeredAt);
  assert.ok(Math.abs(end - (answeredAt + 900)) <= 60, `greeting ends at ${end - answeredAt} ms`);
  assert.equal(connectDeadlineMs(decision, answeredAt), end + 2000);
  assert.ok(decision.atMs < end + 2000, 'the decision leaves time to reach an agent');
  assert.equal(routeOf(decision, 'hangup'), 'agent');
  assert.equal(routeOf({ ...decision, result: 'machine' }, 'hangup'), 'hangup');
  assert.equal(routeOf({ ...decision, result: 'machine' }, 'agent'), 'agent');
  assert.equal(routeOf({ ...decision, result: 'unknown' }, 'hangup'), 'agent', 'undecided: a person hung up on would be an abandon');
  // Nobody spoke: the deadline counts from the decision.
  const silent = { ...decision, evidence: { ...decision.evidence, words: [] } };
  assert.equal(connectDeadlineMs(silent, answeredAt), decision.atMs + 2000);
});

void test('ring timeout, failure names and the compliance message', () => {
  assert.ok(ringTimeoutMs('US') >= 15_000);
  assert.equal(failureResult({ reason: 'busy', status: 486 }), 'busy');
  assert.equal(failureResult({ reason: 'no_answer' }), 'no_answer');
  assert.equal(failureResult({ reason: 'unreachable', status: 404 }), 'failed');
  const text = complianceText('Northwind Retail', '+12125550199');
  assert.match(text, /Northwind Retail/);
  assert.match(text, /1 2 1 2 5 5 5 0 1 9 9/);
});

void test('frames are cut to 20 ms and laid end to end when packets arrive in a burst', () => {
  const fc = new FrameClock();
  const a = fc.frames(new Int16Array(160), 1000);
  const b = fc.frames(new Int16Array(240), 1000);
  const c = fc.frames(new Int16Array(80), 1000);
  assert.deepEqual([...a, ...b, ...c].map((f) => f.atMs), [980, 1000, 1020]);
  assert.ok([...a, ...b, ...c].every((f) => f.frame.length === 160));
  assert.equal(fc.frames(new Int16Array(160), 5000)[0].atMs, 4980, 'after a gap the arrival time leads again');
});

void test('figures: US abandonment over live answers, UK with the machine share and estimated AMD false positives', () => {
  const f = campaignFigures({ id: 'c', status: 'running', mode: 'predictive' },
    { callsInFlight: 3, waitingForAgent: 1, talking: 2, agentsLoggedIn: 4, freeAgents: 1 },
    { days30: { connected: 97, abandoned: 3, machine: 40 }, hours24: { connected: 10, abandoned: 0, machine: 50 }, machineConnects24h: 2, leadsRemaining: 12, dispositions: { sale: 4 } },
    'switchboard');
  assert.equal(f.lines_in_use, 6);
  assert.equal(f.dial_level, 1.5);
  assert.equal(f.live_answers_30d, 100);
  assert.equal(f.abandonment_30d, 0.03);
  // 0 drops + 50 machines × 2 % = 1 estimated false positive over 8 live connects + 1.
  assert.ok(Math.abs(f.abandonment_24h - 1 / 9) < 1e-9, String(f.abandonment_24h));
  assert.equal(f.leads_remaining, 12);
  const idle = campaignFigures({ id: 'c', status: 'paused', mode: 'progressive' }, undefined,
    { days30: {}, hours24: {}, machineConnects24h: 0, leadsRemaining: 0, dispositions: {} }, undefined);
  assert.equal(idle.running, false);
  assert.equal(idle.abandonment_30d, 0);
});
