import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntervalStats } from './interval-stats.js';

void test('calls count in the 15-minute interval they arrived in, with SL both ways', () => {
  const s = new IntervalStats({ thresholdS: 20 });
  // Interval 0: four calls; one answered at once, one after 30 s, one abandons after 5 s, one after 60 s.
  for (const t of [10, 100, 200, 300]) s.offered(t);
  s.answered(10, 10); s.handled(10, 200);
  s.answered(100, 130); s.handled(100, 100);
  s.abandoned(200, 205);
  s.abandoned(300, 360);
  // Interval 1: a call arriving at 890 s is answered at 905 s and still counts in interval 0.
  s.offered(890); s.answered(890, 905); s.handled(890, 300);
  s.offered(1000); s.answered(1000, 1001);
  const [i0, i1] = s.intervals();
  assert.equal(i0.offered, 5);
  assert.equal(i0.answered, 3);
  assert.equal(i0.abandoned, 2);
  assert.equal(i0.serviceLevel, 2 / 5); // answered within 20 s ÷ offered
  assert.equal(i0.serviceLevelExShortAbandons, 2 / 4); // the 5-second abandon is left out
  assert.equal(i0.abandonRate, 2 / 5);
  assert.equal(i0.waitedShare, 4 / 5);
  assert.equal(i0.asaS, (0 + 30 + 15) / 3);
  assert.equal(i0.ahtS, 200);
  assert.equal(i1.startS, 900);
  assert.equal(i1.offered, 1);
  assert.equal(s.total().offered, 6);
});

void test('agent time is split across interval boundaries for occupancy', () => {
  const s = new IntervalStats({ thresholdS: 20 });
  s.agentTime('handling', 600, 1200, 2); // 2 agents busy 600-1200
  s.agentTime('available', 600, 1200, 1); // 1 idle
  const [i0, i1] = s.intervals();
  assert.equal(i0.occupancy, 2 / 3);
  assert.equal(i1.occupancy, 2 / 3);
  s.agentTime('available', 900, 1200, 3);
  assert.equal(s.intervals()[1].occupancy, 600 / (600 + 300 + 900));
  assert.equal(s.total().occupancy, 1200 / (1200 + 600 + 900));
});

void test('an empty interval reports 100 % service level and zero rates, not NaN', () => {
  const s = new IntervalStats({ thresholdS: 20 });
  s.offered(1000);
  const [empty] = s.intervals();
  assert.equal(empty.offered, 0);
  assert.equal(empty.serviceLevel, 1);
  assert.equal(empty.asaS, 0);
  assert.equal(empty.occupancy, 0);
});
