import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEngine, offers } from '../testing.js';
import type { InteractionStateChanged, QueueConfig } from '../types.js';
import { IntervalStats } from './intervals.js';
import { dailyOutcomes, replayIntervals, type StoredInteraction } from './today-figures.js';

const Q: QueueConfig = { id: 'q', clientId: 'c', channel: 'voice', skills: {}, slThresholdS: 20, wrapUpS: 10, maxWaitS: 120 };
const MIDNIGHT = Date.parse('2026-01-06T05:00:00Z'); // 00:00 in New York (the test engine's clock starts the day before)
const hm = (h: number, m: number, s = 0) => (h === 23 ? MIDNIGHT - 3600_000 : MIDNIGHT) + m * 60_000 + s * 1000;

/** What RoutingService stores per interaction, from the same engine events. */
function store(rows: Map<string, StoredInteraction>, e: InteractionStateChanged): void {
  let r = rows.get(e.interactionId);
  if (!r) {
    r = { id: e.interactionId, queueId: e.queueId, state: 'queued', queuedAt: e.at, answeredAt: null, endedAt: null, wrapUpEndedAt: null, closedByRestart: false };
    rows.set(r.id, r);
  }
  r.state = e.to === 'exited' ? 'done' : e.to;
  if (e.to === 'active') r.answeredAt = e.at;
  if (e.to === 'wrap_up' || e.to === 'abandoned' || e.to === 'failed' || e.to === 'exited') r.endedAt = e.at;
  if (e.to === 'done') r.wrapUpEndedAt = e.at;
}

test('figures rebuilt from the stored interactions equal the live ones counted since midnight', () => {
  const rows = new Map<string, StoredInteraction>();
  const live = new IntervalStats(() => 20_000);
  const { engine, clock } = newEngine({ delegate: { onInteractionStateChanged: (e) => {
    store(rows, e);
    live.record(e.interactionId, e.queueId, e.from, e.to, e.at);
  } } });
  const at = (t: number) => clock.set(t);
  engine.addQueue(Q);
  engine.addAgent({ id: 'a', skills: {}, clientIds: ['c'], capacity: { voice: 1 } });
  at(hm(23, 50)); engine.login('a');
  // Yesterday, all of it: not today's.
  let o = offers(engine.enqueue({ queueId: 'q', id: 'y1' }).decisions)[0];
  at(hm(23, 50, 5)); engine.accept(o.offerId);
  at(hm(23, 58)); engine.complete('y1');
  at(hm(23, 58, 10)); engine.tick();
  // Answered yesterday (30 s), finished today: its handle time is today's.
  at(hm(23, 59)); o = offers(engine.enqueue({ queueId: 'q', id: 'y2' }).decisions)[0];
  at(hm(23, 59, 30)); engine.accept(o.offerId);
  // Arrived yesterday, abandoned today after 40 s.
  at(hm(23, 59, 50)); engine.enqueue({ queueId: 'q', id: 'y3' });
  at(MIDNIGHT);
  engine.resetDailyStats(['q']);
  live.rollDay(['q'], MIDNIGHT);
  at(hm(0, 0, 30)); engine.abandon('y3');
  at(hm(0, 1)); engine.complete('y2');
  at(hm(0, 1, 10)); engine.tick();
  // Today: answered within 5 s and handled; short and long abandons; a max-wait failure; one talking, one waiting.
  at(hm(0, 2)); o = offers(engine.enqueue({ queueId: 'q', id: 't1' }).decisions)[0];
  at(hm(0, 2, 5)); engine.accept(o.offerId);
  at(hm(0, 3)); engine.complete('t1');
  at(hm(0, 3, 10)); engine.tick();
  at(hm(0, 3, 30)); engine.setAux('a', 'break');
  at(hm(0, 4)); engine.enqueue({ queueId: 'q', id: 't2' });
  at(hm(0, 4, 10)); engine.abandon('t2');
  at(hm(0, 5)); engine.enqueue({ queueId: 'q', id: 't3' });
  at(hm(0, 6)); engine.abandon('t3');
  at(hm(0, 7)); engine.enqueue({ queueId: 'q', id: 't4' });
  at(hm(0, 9)); engine.tick();
  at(hm(0, 10)); engine.enqueue({ queueId: 'q', id: 't5' });
  at(hm(0, 10, 40)); o = offers(engine.setAvailable('a'))[0];
  at(hm(0, 10, 45)); engine.accept(o.offerId);
  at(hm(0, 11)); engine.enqueue({ queueId: 'q', id: 't6' });

  // The restart: a fresh engine and interval board, fed from the rows alone.
  const { engine: fresh } = newEngine();
  fresh.addQueue(Q);
  fresh.restoreDailyStats('q', [...rows.values()].flatMap((r) => dailyOutcomes(r, MIDNIGHT)));
  const rebuilt = new IntervalStats(() => 20_000);
  rebuilt.rollDay(['q'], MIDNIGHT);
  for (const r of rows.values()) replayIntervals(rebuilt, r, MIDNIGHT);

  const today = ({ arrived, offered, answered, answeredWithinThreshold, abandoned, abandonedWithinThreshold, serviceLevel, serviceLevelExclShortAbandons, asaS, ahtS }: ReturnType<typeof engine.queueStats>) =>
    ({ arrived, offered, answered, answeredWithinThreshold, abandoned, abandonedWithinThreshold, serviceLevel, serviceLevelExclShortAbandons, asaS, ahtS });
  const expected = today(engine.queueStats('q'));
  assert.deepEqual(expected, { arrived: 6, offered: 6, answered: 2, answeredWithinThreshold: 1, abandoned: 3, abandonedWithinThreshold: 1,
    serviceLevel: 1 / 6, serviceLevelExclShortAbandons: 1 / 5, asaS: 25, ahtS: 82.5 }, 'the scenario counts what it says (y2 handled 100 s, t1 65 s)');
  assert.deepEqual(today(fresh.queueStats('q')), expected);
  const now = hm(0, 12);
  assert.deepEqual(rebuilt.buckets(now), live.buckets(now));
  assert.deepEqual(live.buckets(now).map((b) => [b.start, b.offered, b.answered, b.answered_within, b.abandoned]),
    [[new Date(MIDNIGHT).toISOString(), 5, 2, 1, 2]], 'arrivals since midnight: t1..t5 (t6 still waiting)');
});

test('a call the crash sweep closed counts its answer, not an end nobody saw; an unanswered one counts nothing', () => {
  const base = { queueId: 'q', queuedAt: MIDNIGHT + 1000, endedAt: MIDNIGHT + 90_000, wrapUpEndedAt: MIDNIGHT + 90_000, closedByRestart: true };
  assert.deepEqual(dailyOutcomes({ ...base, id: 'a', state: 'done', answeredAt: MIDNIGHT + 4000 }, MIDNIGHT), [{ kind: 'arrive' }, { kind: 'answer', waitMs: 3000 }]);
  assert.deepEqual(dailyOutcomes({ ...base, id: 'b', state: 'failed', answeredAt: null, wrapUpEndedAt: null }, MIDNIGHT), [{ kind: 'arrive' }]);
  const i = new IntervalStats(() => 20_000);
  replayIntervals(i, { ...base, id: 'b', state: 'failed', answeredAt: null, wrapUpEndedAt: null }, MIDNIGHT);
  assert.deepEqual(i.buckets(MIDNIGHT + 100_000), []);
});
