import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runSimulateCommand } from './simulate-command.js';

const example = readFileSync(new URL('../../examples/two-queue-inbound.json', import.meta.url), 'utf8');
const files: Record<string, string> = {
  'center.json': example,
  'broken.json': '{ "queues": [',
  'bad.json': JSON.stringify({ ...JSON.parse(example), ring_time: { dist: 'uniform', min_s: 5, max_s: 2 } }),
};
const readFile = (p: string): string => {
  const text = files[p];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
  return text;
};

void test('prints per-queue, per-group and per-interval tables by default', () => {
  const r = runSimulateCommand(['center.json'], readFile);
  assert.equal(r.exitCode, 0);
  assert.equal(typeof r.output, 'string');
  const text = r.output as string;
  assert.match(text, /^Small inbound center/);
  assert.match(text, /^billing \(T=20s\)\s+\d+\s+\d+/m);
  assert.match(text, /^sales \(T=30s\)\s+\d+/m);
  assert.match(text, /^all queues\s+\d+/m);
  assert.match(text, /Queue billing by interval\ninterval\s+offered/);
  assert.match(text, /^08:45\s+\d+/m);
  assert.match(text, /Group sales by interval/);
  assert.doesNotMatch(runSimulateCommand(['center.json', '--no-intervals'], readFile).output as string, /by interval/);
});

void test('--json gives the report with snake_case fields; --seed overrides the file and is reproducible', () => {
  const r = runSimulateCommand(['center.json', '--json'], readFile);
  assert.equal(r.exitCode, 0);
  const out = r.output as { seed: number; total: Record<string, number>; queues: { queue_id: string; intervals: Record<string, unknown>[] }[] };
  assert.equal(out.seed, 42);
  assert.deepEqual(out.queues.map((q) => q.queue_id), ['billing', 'sales']);
  for (const k of ['offered', 'answered', 'abandoned', 'service_level', 'service_level_ex_short_abandons', 'asa_s', 'aht_s', 'p_wait']) {
    assert.ok(k in out.total, k);
  }
  assert.equal(out.queues[0].intervals[0].time, '08:00');
  const seeded = runSimulateCommand(['center.json', '--json', '--seed', '7'], readFile).output as typeof out;
  assert.equal(seeded.seed, 7);
  assert.notDeepEqual(seeded.total, out.total);
  assert.deepEqual(runSimulateCommand(['center.json', '--json', '--seed=7'], readFile).output, seeded);
});

void test('a bad scenario exits 2 naming the field; so do a missing file, bad JSON and bad flags', () => {
  const bad = runSimulateCommand(['bad.json'], readFile);
  assert.equal(bad.exitCode, 2);
  assert.match(bad.output as string, /ring_time\.max_s: must be >= min_s/);
  const badJson = runSimulateCommand(['bad.json', '--json'], readFile).output as { error: { code: string; issues: string[] } };
  assert.equal(badJson.error.code, 'SIM_INVALID_SCENARIO');
  assert.deepEqual(badJson.error.issues, ['ring_time.max_s: must be >= min_s']);
  const missing = runSimulateCommand(['nope.json'], readFile);
  assert.equal(missing.exitCode, 2);
  assert.match(missing.output as string, /nope\.json: cannot read the file/);
  assert.match(runSimulateCommand(['broken.json'], readFile).output as string, /broken\.json: not valid JSON/);
  assert.match(runSimulateCommand(['center.json', '--fast'], readFile).output as string, /--fast: unknown flag/);
  assert.match(runSimulateCommand([], readFile).output as string, /give the scenario file/);
  assert.equal(runSimulateCommand(['center.json', '--seed'], readFile).exitCode, 2);
});
