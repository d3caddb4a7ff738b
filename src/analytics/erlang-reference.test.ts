import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { erlangA } from './erlang-a.js';
import { erlangB } from './erlang-b.js';
import { erlangC } from './erlang-c.js';
import { staffErlangC } from './staffing.js';
import { resolveLoad } from './traffic.js';

// Every value of ../shared/fixtures/erlang/reference.json (50-digit reference
// values) is compared to 1e-6 relative, or, where the fixture itself prints
// fewer digits, to half a unit of its last printed digit.
const fixtureUrl = new URL('../../../shared/fixtures/erlang/reference.json', import.meta.url);
const fixturePath = fileURLToPath(fixtureUrl);
const present = existsSync(fixturePath);
type Row = Record<string, number>;
const ref = present ? (JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, Row[]>) : {};

/** Compares to 1e-6 relative, or to the precision the fixture printed if coarser. */
function close(actual: number, expected: number, what: string): void {
  const printed = String(expected);
  const significant = printed.replace('.', '').replace(/^[-0]+/, '').length;
  const decimals = (printed.split('.')[1] ?? '').length;
  const tol = Math.max(1e-6 * Math.abs(expected), significant >= 7 ? 0 : 0.5 * 10 ** -decimals);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected} (tolerance ${tol})`);
}

function load(row: Row): { trafficErlangs: number; ahtS: number } {
  const l = resolveLoad({ trafficErlangs: row.traffic_erlangs, calls: row.calls, periodS: row.period_s, ahtS: row.aht_s });
  return { trafficErlangs: l.trafficErlangs, ahtS: l.ahtS! };
}

void test('reference fixture: Erlang B blocking', (t) => {
  if (!present) return t.skip(`fixture not found at ${fixturePath}`);
  for (const row of ref.erlang_b) close(erlangB(row.agents, row.traffic_erlangs), row.blocking, `B(${row.agents}, ${row.traffic_erlangs})`);
});

void test('reference fixture: Erlang C p_wait, service level, ASA, occupancy (incl. 1,050 agents at 1,000 Erlangs)', (t) => {
  if (!present) return t.skip(`fixture not found at ${fixturePath}`);
  assert.ok(ref.erlang_c.length >= 4);
  for (const row of ref.erlang_c) {
    const l = load(row);
    if (row.traffic_erlangs !== undefined) close(l.trafficErlangs, row.traffic_erlangs, 'traffic_erlangs');
    const r = erlangC({ ...l, agents: row.agents, thresholdS: row.sl_threshold_s });
    const tag = `C n=${row.agents} A=${l.trafficErlangs}`;
    close(r.pWait, row.p_wait, `${tag} p_wait`);
    close(r.serviceLevel, row.service_level, `${tag} service_level`);
    if (row.asa_s !== undefined) close(r.asaS, row.asa_s, `${tag} asa_s`);
    if (row.occupancy !== undefined) close(r.occupancy, row.occupancy, `${tag} occupancy`);
  }
});

void test('reference fixture: Erlang C staffing for a maximum P(wait)', (t) => {
  if (!present) return t.skip(`fixture not found at ${fixturePath}`);
  for (const row of ref.erlang_c_staffing) {
    const base = { trafficErlangs: row.traffic_erlangs, ahtS: 180, thresholdS: 20 };
    const s = staffErlangC(base, { kind: 'p_wait', maxPWait: row.max_p_wait });
    assert.equal(s.agents, row.min_agents);
    close(s.result.pWait, row.p_wait_at_min, 'p_wait at min');
    close(erlangC({ ...base, agents: row.min_agents - 1 }).pWait, row.p_wait_one_less, 'p_wait one less');
  }
});

void test('reference fixture: Erlang A p_wait, p_abandon, service level, mean wait', (t) => {
  if (!present) return t.skip(`fixture not found at ${fixturePath}`);
  assert.ok(ref.erlang_a.length >= 2);
  for (const row of ref.erlang_a) {
    const r = erlangA({ ...load(row), agents: row.agents, thresholdS: row.sl_threshold_s, patienceS: row.patience_s });
    const tag = `A n=${row.agents} patience=${row.patience_s}`;
    close(r.pWait, row.p_wait, `${tag} p_wait`);
    close(r.pAbandon, row.p_abandon, `${tag} p_abandon`);
    close(r.serviceLevel, row.service_level, `${tag} service_level`);
    if (row.mean_wait_s !== undefined) close(r.meanWaitS, row.mean_wait_s, `${tag} mean_wait_s`);
  }
});

void test('reference values written in: the fixture rows hold to 1e-6 even without the file', () => {
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  assert.ok(rel(erlangB(30, 25), 0.0526032) < 1e-6);
  const c = erlangC({ agents: 1050, trafficErlangs: 1000, ahtS: 180, thresholdS: 20 });
  assert.ok(rel(c.pWait, 0.07440177) < 1e-6);
  assert.ok(rel(c.serviceLevel, 0.99971237) < 1e-6);
  const a = erlangA({ agents: 14, trafficErlangs: 10, ahtS: 180, thresholdS: 20, patienceS: 120 });
  assert.ok(rel(a.pAbandon, 0.0228393) < 1e-6);
  assert.ok(rel(a.serviceLevel, 0.9327296) < 1e-6);
});
