import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilter, filterSearch, parseFilter } from './board-filters.js';
import { INTERVAL_MS, intervalSeries } from './interval-series.js';
import type { QueueFigures, Wallboard } from './wallboard-types.js';

const q = (id: string, client_id: string, sl_target = 0.8, offered = 0) => ({ id, name: id, client_id, channel: 'voice', sl_threshold_s: 20, sl_target, waiting: 0, longest_wait_s: 0,
  agents_by_state: { offline: 0, available: 0, reserved: 0, busy: 0, wrap_up: 0, aux: 0 }, offered, answered: 0, abandoned: 0, service_level: null, asa_s: null, aht_s: null }) as QueueFigures;
const agent = (id: string, client_ids: string[], site_id: string, team_id: string) => ({ id, name: id, extension: '1', client_ids, site_id, team_id, state: 'available' as const, aux_reason: null, since: 'x' });
const board: Wallboard = {
  queues: [q('orders', 'A'), q('cards', 'B')],
  agents: [agent('ana', ['A'], 's1', 't1'), agent('bo', ['B'], 's1', 't2'), agent('cy', ['A', 'B'], 's2', 't3')],
  intervals: [{ queue_id: 'orders', start: 'x', offered: 1, answered: 1, answered_within: 1, abandoned: 0 }, { queue_id: 'cards', start: 'x', offered: 2, answered: 0, answered_within: 0, abandoned: 2 }],
};

test('filters live in the URL and keep other parameters', () => {
  assert.deepEqual(parseFilter('?client=A&team=t1&x=1'), { client: 'A', site: null, team: 't1' });
  assert.equal(filterSearch({ client: 'A', site: null, team: 't1' }, '?x=1&site=old'), '?x=1&client=A&team=t1');
  assert.equal(filterSearch({ client: null, site: null, team: null }, '?client=A'), '');
});

test('a client filter hides other clients\' queues, their intervals and agents not serving it; site and team narrow agents', () => {
  const a = applyFilter(board, { client: 'A', site: null, team: null });
  assert.deepEqual(a.queues.map((x) => x.id), ['orders']);
  assert.deepEqual(a.agents.map((x) => x.id), ['ana', 'cy']);
  assert.deepEqual(a.intervals?.map((x) => x.queue_id), ['orders']);
  assert.deepEqual(applyFilter(board, { client: null, site: 's1', team: null }).agents.map((x) => x.id), ['ana', 'bo']);
  assert.deepEqual(applyFilter(board, { client: 'B', site: null, team: 't3' }).agents.map((x) => x.id), ['cy']);
  assert.equal(applyFilter(board, { client: null, site: null, team: null }), board);
});

test('the interval series sums the shown queues per interval from midnight to now, with SL and a weighted target', () => {
  const day = Date.UTC(2026, 0, 5);
  const at = (k: number) => new Date(day + k * INTERVAL_MS).toISOString();
  const buckets = [
    { queue_id: 'orders', start: at(36), offered: 4, answered: 3, answered_within: 2, abandoned: 1 },
    { queue_id: 'cards', start: at(36), offered: 4, answered: 4, answered_within: 4, abandoned: 0 },
    { queue_id: 'hidden', start: at(36), offered: 9, answered: 9, answered_within: 9, abandoned: 0 },
    { queue_id: 'orders', start: at(-1), offered: 9, answered: 9, answered_within: 9, abandoned: 0 },
  ];
  const { points, target } = intervalSeries(buckets, [q('orders', 'A', 0.8, 30), q('cards', 'B', 0.9, 10)], day, day + 37 * INTERVAL_MS + 5);
  assert.equal(points.length, 38);
  assert.deepEqual([points[36].offered, points[36].answered, points[36].abandoned, points[36].sl], [8, 7, 1, 0.75]);
  assert.equal(points[0].sl, null);
  assert.ok(Math.abs(target! - 0.825) < 1e-9);
});
