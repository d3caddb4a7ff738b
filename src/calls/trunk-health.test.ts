import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { EventBus, type LiveEvent } from '../platform/event-bus.js';
import { createLogger } from '../platform/logger.js';
import { FakeTimers } from '../sip/transaction/timers.js';
import { TrunkMonitor, healthJson, type PingOutcome, type TrunkTarget } from './trunk-health.js';

const CLIENT = '11111111-1111-4111-8111-111111111111';
const nwr: TrunkTarget = { id: 't-nwr', name: 'NWR carrier', clientId: CLIENT, host: '198.51.100.7', port: 5060, transport: 'udp' };
const shared: TrunkTarget = { id: 't-bpo', name: 'BPO carrier', clientId: null, host: 'sip.carrier.example', port: 5080, transport: 'tcp' };

/** A monitor on fake time whose pings stay open until the test answers them. */
function rig(initial: TrunkTarget[]) {
  const timers = new FakeTimers();
  const clock = { now: () => 1_700_000_000_000 + timers.now };
  let trunks = initial;
  const pending: Array<{ trunk: TrunkTarget; answer: (o: PingOutcome) => void }> = [];
  const events: LiveEvent[] = [];
  const gauge = new Map<string, number>();
  const lines: Array<{ msg: string; level: number }> = [];
  const log = createLogger('info', new Writable({ write(chunk: Buffer, _e, cb) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { msg: string; level: number });
    cb();
  } }));
  const bus = new EventBus();
  bus.subscribe((e) => { if (e.type === 'trunk.status') events.push(e); });
  const monitor = new TrunkMonitor({
    loadTrunks: async () => trunks, clock, timers, intervalMs: 30_000, log, bus,
    ping: (trunk) => new Promise((answer) => pending.push({ trunk, answer })),
    gauge: { set: (l, v) => gauge.set(l.trunk, v), remove: (l) => gauge.delete(l.trunk) },
  });
  /** Answers the oldest open ping to `t` after `ms` of fake time. */
  const answer = async (t: TrunkTarget, outcome: PingOutcome, ms = 0): Promise<void> => {
    const i = pending.findIndex((p) => p.trunk.id === t.id);
    assert.ok(i >= 0, `a ping to ${t.name} is open`);
    timers.advance(ms);
    pending.splice(i, 1)[0].answer(outcome);
    await settle();
  };
  const pingsTo = (t: TrunkTarget): number => pending.filter((p) => p.trunk.id === t.id).length;
  return { monitor, timers, clock, events, gauge, lines, bus, answer, pingsTo, setTrunks: (t: TrunkTarget[]) => (trunks = t) };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

void test('any final response is up (even 404), a timeout is down; each change is logged, gauged and published once', async () => {
  const r = rig([nwr, shared]);
  await r.monitor.start();
  assert.equal(r.monitor.health(nwr.id)?.status, 'unknown');
  assert.equal(r.gauge.size, 0, 'no sample before the first check');
  assert.equal(r.pingsTo(nwr) + r.pingsTo(shared), 2, 'both trunks pinged at start');

  await r.answer(nwr, { kind: 'response', status: 404 }, 42);
  await r.answer(shared, { kind: 'timeout' }, 32_000 - 42);
  assert.deepEqual(healthJson(r.monitor.health(nwr.id)), {
    status: 'up', checked_at: new Date(r.clock.now() - 32_000 + 42).toISOString(), response_code: 404, rtt_ms: 42,
    since: new Date(r.clock.now() - 32_000 + 42).toISOString(),
  });
  const down = r.monitor.health(shared.id);
  assert.equal(down?.status, 'down');
  assert.equal(down?.responseCode, null);
  assert.equal(down?.rttMs, null);
  assert.deepEqual([...r.gauge], [['NWR carrier', 1], ['BPO carrier', 0]]);
  assert.deepEqual(r.events.map((e) => [e.data.id, e.data.status, e.client_ids]), [[nwr.id, 'up', [CLIENT]], [shared.id, 'down', undefined]],
    'a client\'s trunk goes to staff who see that client (never its viewers), a shared one to staff');

  // Next round: the same answers change nothing visible but the check time.
  r.timers.advance(30_000 - 32_000 + 42 + 32_000);
  const sinceUp = r.monitor.health(nwr.id)?.since;
  await r.answer(nwr, { kind: 'response', status: 200 }, 10);
  assert.equal(r.monitor.health(nwr.id)?.since, sinceUp, 'still up since the first answer');
  assert.equal(r.monitor.health(nwr.id)?.responseCode, 200);
  assert.equal(r.events.length, 2, 'no event without a change');
  assert.deepEqual(r.lines.map((l) => l.msg), ['trunk is up', 'trunk is down'], 'one log line per change');
  await r.monitor.stop();
});

void test('a ping still open is never doubled; a carrier that answers again comes back up', async () => {
  const r = rig([shared]);
  await r.monitor.start();
  r.timers.advance(30_000);
  r.timers.advance(30_000);
  assert.equal(r.pingsTo(shared), 1, 'two intervals passed, still one OPTIONS in flight');
  await r.answer(shared, { kind: 'transport-error' });
  assert.equal(r.monitor.health(shared.id)?.status, 'down');
  r.timers.advance(30_000);
  await r.answer(shared, { kind: 'response', status: 503 }, 15);
  assert.equal(r.monitor.health(shared.id)?.status, 'up', 'a carrier that says 503 is alive');
  assert.deepEqual(r.events.map((e) => [e.data.status, e.data.previous]), [['down', 'unknown'], ['up', 'down']]);
  assert.equal(r.gauge.get('BPO carrier'), 1);
  await r.monitor.stop();
});

void test('an admin edit re-reads trunks: a moved trunk starts over and is checked at once, a disabled one is forgotten', async () => {
  const r = rig([nwr, shared]);
  await r.monitor.start();
  await r.answer(nwr, { kind: 'response', status: 200 }, 5);
  await r.answer(shared, { kind: 'response', status: 200 }, 5);

  const moved = { ...nwr, host: '198.51.100.99' };
  r.setTrunks([moved]);
  r.bus.publish({ type: 'admin.trunk.update', at: new Date().toISOString(), data: { id: nwr.id } });
  await settle();
  await settle();
  assert.equal(r.monitor.health(nwr.id)?.status, 'unknown', 'a new address has not been checked yet');
  assert.equal(r.pingsTo(moved), 1, 'the moved trunk is pinged straight away');
  assert.equal(r.monitor.health(shared.id), undefined, 'the disabled trunk is no longer watched');
  assert.deepEqual([...r.gauge], [], 'neither has a sample now');
  await r.answer(moved, { kind: 'timeout' });
  assert.equal(r.monitor.health(nwr.id)?.status, 'down');
  await r.monitor.stop();
});

void test('stop ends the pinging; an answer arriving after it is ignored', async () => {
  const r = rig([nwr]);
  await r.monitor.start();
  await r.monitor.stop();
  assert.equal(r.timers.pendingCount, 0, 'no timer left behind');
  await r.answer(nwr, { kind: 'response', status: 200 });
  assert.equal(r.monitor.health(nwr.id), undefined);
  assert.equal(r.events.length, 0);
  r.timers.advance(120_000);
  assert.equal(r.pingsTo(nwr), 0);
});
