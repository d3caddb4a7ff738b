import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../platform/clock.js';
import { sequentialIds } from '../platform/ids.js';
import { RoutingEngine } from '../routing/routing-engine.js';
import type { Decision } from '../routing/types.js';
import { DemoTraffic, type DemoHost, type DemoOffer, type DemoTimers } from './demo-traffic.js';

/** setTimeout on a virtual clock: advance() runs what falls due, in order, letting promises settle between. */
class FakeTimers implements DemoTimers {
  readonly #due = new Map<number, { at: number; fn: () => void }>();
  #seq = 0;
  constructor(readonly clock: VirtualClock, private readonly beforeEach: (until: number) => void) {}
  get pending(): number {
    return this.#due.size;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    this.#due.set(++this.#seq, { at: this.clock.now() + ms, fn });
    return this.#seq;
  }
  clearTimeout(h: unknown): void {
    this.#due.delete(h as number);
  }
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.#due) if (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0])) next = e;
      if (!next || next[1].at > end) break;
      this.beforeEach(next[1].at);
      this.#due.delete(next[0]);
      if (next[1].at > this.clock.now()) this.clock.set(next[1].at);
      next[1].fn();
      await new Promise((r) => setImmediate(r));
    }
    this.beforeEach(end);
    if (end > this.clock.now()) this.clock.set(end);
  }
}

/** A host like the live RoutingService: the real engine, offers pushed to listeners, its timers run as they fall due. */
function world() {
  const clock = new VirtualClock();
  const engine = new RoutingEngine({ clock, ids: sequentialIds('x'), skills: ['sales'] });
  engine.addQueue({ id: 'demo-sales', clientId: 'demo', channel: 'voice', skills: { sales: 1 }, slThresholdS: 20, wrapUpS: 5 });
  for (let i = 1; i <= 3; i++) engine.addAgent({ id: `bot-${i}`, skills: { sales: 5 }, clientIds: ['demo'], capacity: { voice: 1 } });
  engine.addAgent({ id: 'human', skills: { sales: 5 }, clientIds: ['demo'], capacity: { voice: 1 } });
  const listeners = new Set<(o: DemoOffer) => void>();
  const enqueued: { simulated: boolean; attributes: Record<string, string> }[] = [];
  const carry = (ds: Decision[]) => {
    for (const d of ds) if (d.kind === 'offer') for (const l of listeners) l({ offerId: d.offerId, interactionId: d.interactionId, agentId: d.agentId });
  };
  const host: DemoHost = {
    enqueue(input) {
      enqueued.push({ simulated: input.simulated, attributes: input.attributes });
      const r = engine.enqueue({ queueId: input.queueId, attributes: input.attributes });
      carry(r.decisions); // offers go out before the id comes back, as in the live service
      return Promise.resolve(r.interactionId);
    },
    accept: (offerId, agentId) => carry(engine.accept(offerId, agentId)),
    complete: (id) => carry(engine.complete(id)),
    abandon: (id) => carry(engine.abandon(id)),
    setAvailable: (agentId) => carry(engine.agent(agentId).state === 'offline' ? engine.login(agentId) : engine.setAvailable(agentId)),
    logout: (agentId) => carry(engine.logout(agentId)),
    onOffer(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const timers = new FakeTimers(clock, (until) => {
    for (let due = engine.nextDueAt(); due !== undefined && due <= until; due = engine.nextDueAt()) {
      if (due > clock.now()) clock.set(due);
      carry(engine.tick());
    }
  });
  return { engine, host, timers, enqueued, listeners };
}

void test('demo traffic moves the queue: customers arrive, demo agents answer and finish, some hang up', async () => {
  const w = world();
  const errors: string[] = [];
  const demo = new DemoTraffic({ host: w.host, timers: w.timers, queues: [{ queueId: 'demo-sales', callsPerMinute: 2 }],
    agentIds: ['bot-1', 'bot-2', 'bot-3'], patienceS: 20, handleTime: { mean: 45, cv: 0.5 }, seed: 1, onError: (_e, what) => errors.push(what) });
  demo.start();
  await w.timers.advance(60 * 60_000);
  const s = demo.stats();
  assert.ok(s.created > 90, `created ${s.created}`);
  assert.ok(s.answered > 70 && s.completed >= s.answered - 3, JSON.stringify(s));
  assert.ok(s.abandoned > 3, `abandoned ${s.abandoned}`);
  assert.equal(w.enqueued.length, s.created);
  assert.ok(w.enqueued.every((e) => e.simulated && e.attributes.simulated === 'true'), 'every interaction is flagged simulated');
  const stats = w.engine.queueStats('demo-sales');
  assert.equal(stats.answered, s.answered);
  assert.equal(stats.abandoned, s.abandoned);
  assert.equal(w.engine.agent('human').state, 'offline', 'it logs in only its own agents');
  assert.ok(errors.length <= s.abandoned, `failures are races with hang-ups only: ${errors.length}`);
  await demo.stop();
});

void test('stop clears every timer, ends its interactions and logs its agents out', async () => {
  const w = world();
  const demo = new DemoTraffic({ host: w.host, timers: w.timers, queues: [{ queueId: 'demo-sales', callsPerMinute: 6 }], agentIds: ['bot-1', 'bot-2'], seed: 2 });
  demo.start();
  await w.timers.advance(5 * 60_000);
  assert.ok(demo.pendingTimers > 0 && w.engine.liveInteractionIds().length > 0);
  await demo.stop();
  assert.equal(demo.pendingTimers, 0);
  assert.equal(w.timers.pending, 0, 'no timer left behind');
  assert.equal(w.listeners.size, 0, 'offer listener removed');
  const created = w.enqueued.length;
  await w.timers.advance(10 * 60_000); // wrap-ups end, nothing new arrives
  assert.equal(w.enqueued.length, created);
  assert.deepEqual(w.engine.liveInteractionIds(), []);
  assert.deepEqual(['bot-1', 'bot-2'].map((id) => w.engine.agent(id).state), ['offline', 'offline']);
});

void test('a real interaction offered to a demo agent is not answered by the driver', async () => {
  const w = world();
  const demo = new DemoTraffic({ host: w.host, timers: w.timers, queues: [], agentIds: ['bot-1'], seed: 3 });
  demo.start();
  await w.timers.advance(1000);
  const real = w.engine.enqueue({ queueId: 'demo-sales' });
  const offered = real.decisions.find((d) => d.kind === 'offer');
  assert.equal(offered?.kind === 'offer' && offered.agentId, 'bot-1');
  for (const l of w.listeners) if (offered?.kind === 'offer') l({ offerId: offered.offerId, interactionId: offered.interactionId, agentId: 'bot-1' });
  await w.timers.advance(15_000);
  assert.equal(w.engine.interaction(real.interactionId).state, 'offered', 'still ringing, untouched');
  await demo.stop();
});
