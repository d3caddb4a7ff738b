import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangA } from './erlang-a.js';
import { erlangC } from './erlang-c.js';
import { ErlangErrors } from './erlang-errors.js';
import { staffErlangA, staffErlangC, type StaffingTarget } from './staffing.js';

const load = { trafficErlangs: 10, ahtS: 180, thresholdS: 20 };

void test('Erlang C staffing: 80 % in 20 s for 100 calls per half hour at 180 s needs 14 agents (13 gives less)', () => {
  const s = staffErlangC(load, { kind: 'service_level', minServiceLevel: 0.8 });
  assert.equal(s.agents, 14);
  assert.ok(s.result.serviceLevel >= 0.8);
  assert.ok(erlangC({ ...load, agents: 13 }).serviceLevel < 0.8);
});

void test('Erlang C staffing is the fewest agents for every kind of target, checked against a brute-force scan', () => {
  const targets: StaffingTarget[] = [
    { kind: 'service_level', minServiceLevel: 0.9 }, { kind: 'asa', maxAsaS: 15 }, { kind: 'p_wait', maxPWait: 0.2 },
  ];
  for (const trafficErlangs of [0.3, 4.2, 37, 250]) {
    for (const target of targets) {
      const q = { ...load, trafficErlangs };
      const got = staffErlangC(q, target).agents;
      const ok = (n: number) => {
        const r = erlangC({ ...q, agents: n });
        return target.kind === 'service_level' ? r.serviceLevel >= target.minServiceLevel
          : target.kind === 'asa' ? r.asaS <= target.maxAsaS : r.pWait <= (target as { maxPWait: number }).maxPWait;
      };
      assert.ok(ok(got), `${trafficErlangs} ${target.kind}: ${got} meets`);
      assert.ok(got === 1 || !ok(got - 1), `${trafficErlangs} ${target.kind}: ${got - 1} must not meet`);
    }
  }
});

void test('Erlang C staffing for 9,000 Erlangs lands just above the load (square-root staffing)', () => {
  const s = staffErlangC({ ...load, trafficErlangs: 9000 }, { kind: 'service_level', minServiceLevel: 0.8 });
  assert.ok(s.agents > 9000 && s.agents < 9000 + 3 * Math.sqrt(9000), String(s.agents));
  assert.ok(erlangC({ ...load, trafficErlangs: 9000, agents: s.agents - 1 }).serviceLevel < 0.8);
});

void test('Erlang A staffing meets an abandonment target with the fewest agents', () => {
  const q = { ...load, patienceS: 120 };
  const s = staffErlangA(q, { kind: 'p_abandon', maxPAbandon: 0.01 });
  assert.equal(s.agents, 16);
  assert.ok(s.result.pAbandon <= 0.01);
  assert.ok(erlangA({ ...q, agents: 15 }).pAbandon > 0.01);
});

void test('Erlang A staffing for SL and ASA is minimal, and never more than Erlang C would need', () => {
  for (const trafficErlangs of [2, 48, 1000]) {
    for (const target of [{ kind: 'service_level', minServiceLevel: 0.8 }, { kind: 'asa', maxAsaS: 10 }] as StaffingTarget[]) {
      const q = { ...load, trafficErlangs, patienceS: 300 };
      const a = staffErlangA(q, target);
      const before = erlangA({ ...q, agents: a.agents - 1 });
      const ok = target.kind === 'service_level' ? before.serviceLevel >= 0.8 : before.asaS <= 10;
      assert.ok(!ok, `${trafficErlangs} ${target.kind}: ${a.agents - 1} would already meet it`);
      assert.ok(a.agents <= staffErlangC(q, target).agents, 'abandonment only relieves the queue');
    }
  }
});

void test('staffing rejects bad targets and reports unreachable ones with a code', () => {
  assert.throws(() => staffErlangC(load, { kind: 'service_level', minServiceLevel: 1 }), (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT'));
  assert.throws(() => staffErlangC(load, { kind: 'asa', maxAsaS: -1 }), (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT'));
  assert.throws(() => staffErlangC(load, { kind: 'p_abandon', maxPAbandon: 0.05 }), (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT'));
  assert.throws(() => staffErlangA(load, { kind: 'p_abandon', maxPAbandon: 0.05 }),
    (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT') && e.details?.field === 'patience_s');
  assert.throws(() => staffErlangC({ ...load, trafficErlangs: Number.NaN }, { kind: 'p_wait', maxPWait: 0.1 }),
    (e: unknown) => ErlangErrors.is(e, 'ERLANG_INVALID_INPUT'));
  // Any target is reachable with enough agents; past a million the search gives up.
  assert.throws(() => staffErlangC({ ...load, trafficErlangs: 999_990 }, { kind: 'p_wait', maxPWait: 0.01 }),
    (e: unknown) => ErlangErrors.is(e, 'ERLANG_TARGET_UNREACHABLE'));
});
