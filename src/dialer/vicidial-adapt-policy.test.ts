import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CampaignSnapshot } from './pacing-types.js';
import { vicidialAdaptHardLimitPolicy } from './vicidial-adapt-policy.js';

const allIdle: CampaignSnapshot = { agentsLoggedIn: 10, freeAgents: 10, busyAgents: [], callsInFlight: [], callsWaitingForAgent: 0 };

void test('idle agents push the dial level up every 15 s, up to the 3.0 cap', () => {
  const p = vicidialAdaptHardLimitPolicy();
  assert.equal(p.decide(allIdle, 0).dial, 10, 'level 1.0 at the start: one line per agent');
  let dial = 0;
  for (let s = 1; s <= 15; s++) dial = p.decide(allIdle, s * 1000).dial;
  assert.equal(dial, 20, 'all agents idle: level × (1 + 1) = 2.0');
  for (let s = 16; s <= 60; s++) dial = p.decide(allIdle, s * 1000).dial;
  assert.equal(dial, 30, 'capped at adaptive_maximum_level 3.0');
});

void test('ADAPT_HARD_LIMIT: once the day passes 3 % drops of answers, the level is 1.0', () => {
  const p = vicidialAdaptHardLimitPolicy();
  for (let s = 0; s <= 45; s++) p.decide(allIdle, s * 1000);
  assert.equal(p.decide(allIdle, 45_500).dial, 30);
  for (let i = 0; i < 60; i++) p.observe({ kind: 'call_placed', atMs: 50_000 });
  for (let i = 0; i < 20; i++) p.observe({ kind: 'connected', atMs: 55_000 });
  for (let i = 0; i < 2; i++) p.observe({ kind: 'abandoned', atMs: 56_000 }); // 2 of 22 answers: 9 %
  let dial = 0;
  for (let s = 46; s <= 80; s++) dial = p.decide(allIdle, s * 1000).dial;
  assert.equal(dial, 10, 'hard limit: back to one line per agent');
});
