import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runErlangCommand } from './erlang-command.js';

const run = (line: string) => runErlangCommand(line.split(/\s+/));
const rel = (a: unknown, b: number): number => Math.abs((a as number) - b) / Math.abs(b);

void test('erlang --model c prints p_wait, service level, ASA, p_abandon and occupancy', () => {
  const r = run('--model c --calls 100 --period-s 1800 --aht-s 180 --agents 14 --threshold-s 20 --json');
  assert.equal(r.exitCode, 0);
  for (const key of ['p_wait', 'service_level', 'asa_s', 'p_abandon', 'occupancy']) assert.ok(key in r.output, key);
  assert.ok(rel(r.output.p_wait, 0.1741319) < 1e-6);
  assert.ok(rel(r.output.service_level, 0.88835) < 1e-6);
  assert.ok(rel(r.output.asa_s, 7.835937) < 1e-6);
  assert.equal(r.output.p_abandon, 0);
});

void test('erlang --model a with patience gives abandonment and the mean wait', () => {
  const r = run('--model a --calls 200 --period-s 3600 --aht-s 180 --patience-s 120 --agents 14');
  assert.equal(r.exitCode, 0);
  assert.ok(rel(r.output.p_abandon, 0.0228393) < 1e-6);
  assert.ok(rel(r.output.service_level, 0.9327296) < 1e-6);
  assert.ok(rel(r.output.mean_wait_s, 2.7407) < 1e-4);
});

void test('erlang --model b prints blocking; --max-blocking staffs it', () => {
  const r = run('--model b --traffic-erlangs 25 --agents 30');
  assert.ok(rel(r.output.blocking, 0.0526032) < 1e-6);
  assert.equal(r.output.p_wait, 0);
  const s = run('--model b --traffic-erlangs 25 --max-blocking 0.01');
  assert.equal(s.output.agents, 36);
  assert.ok((s.output.blocking as number) <= 0.01);
});

void test('a target instead of --agents prints the agents needed', () => {
  assert.equal(run('--model c --calls 100 --period-s 1800 --aht-s 180 --target-sl 0.8').output.agents, 14);
  assert.equal(run('--model c --traffic-erlangs 2.5 --aht-s 180 --max-p-wait 0.1').output.agents, 6);
  assert.equal(run('--model a --calls 200 --period-s 3600 --aht-s 180 --patience-s 120 --target-p-abandon 0.01').output.agents, 16);
  const asa = run('--model c --calls 100 --period-s 1800 --aht-s 180 --target-asa-s 10');
  assert.ok((asa.output.asa_s as number) <= 10);
});

void test('an unstable Erlang C queue prints ASA null with stable false, not a crash', () => {
  const r = run('--model c --calls 100 --period-s 1800 --aht-s 180 --agents 10');
  assert.equal(r.exitCode, 0);
  assert.equal(r.output.asa_s, null);
  assert.equal(r.output.stable, false);
  assert.equal(r.output.service_level, 0);
});

void test('bad arguments exit 2 with a message naming the flag', () => {
  const cases: [string, string][] = [
    ['--calls 100 --period-s 1800 --aht-s 180 --agents 14', '--model'],
    ['--model x --traffic-erlangs 5 --agents 6', '--model'],
    ['--model c --calls abc --period-s 1800 --aht-s 180 --agents 14', '--calls'],
    ['--model c --calls 100 --period-s 1800 --aht-s -3 --agents 14', '--aht-s'],
    ['--model c --calls 100 --period-s 0 --aht-s 180 --agents 14', '--period-s'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180 --agents 0', '--agents'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180 --agents 2.5', '--agents'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180', '--agents'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180 --agents 14 --target-sl 0.8', '--agents'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180 --target-sl 1.5', '--target-sl'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180 --agents 14 --threshold-s -1', '--threshold-s'],
    ['--model a --calls 100 --period-s 1800 --aht-s 180 --agents 14', '--patience-s'],
    ['--model a --calls 100 --period-s 1800 --aht-s 180 --agents 14 --patience-s NaN', '--patience-s'],
    ['--model c --calls 100 --period-s 1800 --aht-s 180 --target-p-abandon 0.05', '--target-p-abandon'],
    ['--model c --calls 100 --aht-s 180 --agents 14', '--calls'],
    ['--model c --traffic-erlangs 10 --agents 14', '--aht-s'],
    ['--model c --traffic-erlangs 10 --aht-s 180 --agents 14 --bogus 1', '--bogus'],
    ['--model c --traffic-erlangs 10 --aht-s 180 --agents', '--agents'],
    ['--model c --traffic-erlangs 10 --calls 100 --period-s 1800 --aht-s 200 --agents 14', '--traffic-erlangs'],
  ];
  for (const [line, flag] of cases) {
    const r = run(line);
    assert.equal(r.exitCode, 2, line);
    const err = r.output.error as { code: string; message: string; flag?: string };
    assert.equal(err.code, 'ERLANG_INVALID_INPUT', line);
    assert.ok(err.message.includes(flag), `${line}: message '${err.message}' should name ${flag}`);
  }
});
