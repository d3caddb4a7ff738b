import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, elapsed, longestWaitNow } from './apply-event.js';
import { applyFilter } from './board-filters.js';
import { abandonAlert, figuresOf, isStale, nameCampaign, unnamedCampaigns } from './campaign-board.js';
import type { Wallboard } from './wallboard-types.js';

const board: Wallboard = {
  queues: [{ id: 'q1', name: 'Orders', client_id: 'c', channel: 'voice', sl_threshold_s: 20, sl_target: 0.8, waiting: 0, longest_wait_s: 0,
    agents_by_state: { offline: 1, available: 0, reserved: 0, busy: 0, wrap_up: 0, aux: 0 }, offered: 0, answered: 0, abandoned: 0, service_level: null, asa_s: null, aht_s: null }],
  agents: [{ id: 'a1', name: 'Ana', extension: '1001', state: 'offline', aux_reason: null, since: '2026-01-01T00:00:00Z' }],
};

test('queue and agent events update the figures they name, and nothing else', () => {
  const b1 = applyEvent(board, { type: 'queue.stats', at: 'x', data: { queue_id: 'q1', waiting: 3, service_level: 0.75 } });
  assert.equal(b1.queues[0].waiting, 3);
  assert.equal(b1.queues[0].service_level, 0.75);
  assert.equal(b1.queues[0].name, 'Orders');
  const b2 = applyEvent(b1, { type: 'agent.state', at: '2026-01-01T00:01:00Z', data: { agent_id: 'a1', to: 'aux', aux_reason: 'lunch' } });
  assert.deepEqual([b2.agents[0].state, b2.agents[0].aux_reason, b2.agents[0].since], ['aux', 'lunch', '2026-01-01T00:01:00Z']);
  assert.equal(applyEvent(b2, { type: 'queue.stats', at: 'x', data: { queue_id: 'other', waiting: 9 } }), b2, 'unknown queue: unchanged');
  assert.equal(board.queues[0].waiting, 0, 'the input is not mutated');
});

test('elapsed time reads like a clock', () => {
  assert.equal(elapsed('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:01:05Z')), '1:05');
  assert.equal(elapsed('2026-01-01T00:00:00Z', Date.parse('2026-01-01T02:00:09Z')), '2:00:09');
});

test('an agent\'s current interaction follows agent.work, and an ended one clears only itself', () => {
  const w = (state: string, id = 'i1') => ({ type: 'agent.work', at: 't', data: { agent_id: 'a1', interaction_id: id, client_id: 'c', queue_id: 'q1', state, since: 't' } });
  const b1 = applyEvent(board, w('offered'));
  assert.deepEqual([b1.agents[0].current?.interaction_id, b1.agents[0].current?.state], ['i1', 'offered']);
  const b2 = applyEvent(b1, w('ended', 'other'));
  assert.equal(b2.agents[0].current?.interaction_id, 'i1', 'another interaction ending leaves this one');
  assert.equal(applyEvent(b2, w('ended')).agents[0].current, null);
});

test('interval buckets are added and replaced by queue and start; unknown queues are ignored', () => {
  const iv = (queue_id: string, offered: number) => ({ type: 'queue.interval', at: 't', data: { queue_id, start: '2026-01-01T09:00:00.000Z', offered, answered: offered, answered_within: 1, abandoned: 0 } });
  const b1 = applyEvent(applyEvent(board, iv('q1', 1)), iv('q1', 2));
  assert.deepEqual(b1.intervals?.map((b) => b.offered), [2]);
  assert.equal(applyEvent(board, iv('nope', 1)), board);
});

test('the longest wait ticks on from the last pushed figure while someone waits', () => {
  const b = applyEvent(board, { type: 'queue.stats', at: 'x', data: { queue_id: 'q1', waiting: 2, longest_wait_s: 10 } }, 1_000_000);
  assert.equal(longestWaitNow(b.queues[0], 1_004_000), 14);
  const empty = applyEvent(b, { type: 'queue.stats', at: 'x', data: { queue_id: 'q1', waiting: 0, longest_wait_s: 0 } }, 1_005_000);
  assert.equal(longestWaitNow(empty.queues[0], 1_009_000), 0);
});

const stats = (id: string, f: Record<string, unknown>, client_id: string | null = 'c') =>
  ({ type: 'campaign.stats', at: 't', client_id: client_id ?? undefined, data: { id, running: true, status: 'running', mode: 'predictive', dial_level: 1.5, lines_in_use: 3, abandonment_30d: 0.01, abandonment_24h: 0.02, leads_remaining: 40, dispositions: { sale: 2 }, ...f } });
const withCampaigns: Wallboard = { ...board, campaigns: [figuresOf({ dial_level: 1, lines_in_use: 2, leads_remaining: 50 }, 'k1', 'Spring offer', 'c', 0)] };

test('campaign.stats updates a running campaign\'s figures live and keeps its name', () => {
  const b = applyEvent(withCampaigns, stats('k1', { lines_in_use: 6, dial_level: 2.25, leads_remaining: 41, abandonment_24h: 0.05 }), 5000);
  const c = b.campaigns?.[0];
  assert.deepEqual([c?.name, c?.lines_in_use, c?.dial_level, c?.leads_remaining, c?.abandonment_24h, c?.dispositions, c?.received_ms],
    ['Spring offer', 6, 2.25, 41, 0.05, { sale: 2 }, 5000]);
  assert.equal(withCampaigns.campaigns?.[0].lines_in_use, 2, 'the input is not mutated');
});

test('a campaign started after the snapshot appears unnamed under its client until its name is looked up', () => {
  const b = applyEvent(withCampaigns, stats('k2', {}, 'c2'));
  assert.deepEqual(b.campaigns?.map((c) => [c.id, c.name, c.client_id]), [['k1', 'Spring offer', 'c'], ['k2', null, 'c2']]);
  assert.deepEqual(unnamedCampaigns(b), ['k2']);
  assert.equal(nameCampaign(b, 'k2', 'Renewals').campaigns?.[1].name, 'Renewals');
  assert.equal(applyEvent(withCampaigns, stats('k3', {}, null)), withCampaigns, 'no client: not shown');
  assert.equal(applyEvent(board, stats('k2', {})), board, 'campaigns not fetched yet: the fetch will bring them');
});

test('a campaign leaves the board when it stops running', () => {
  const paused = applyEvent(withCampaigns, { type: 'campaign.status', at: 't', client_id: 'c', data: { id: 'k1', status: 'paused' } });
  assert.deepEqual(paused.campaigns, []);
  const started = { type: 'campaign.status', at: 't', client_id: 'c', data: { id: 'k1', status: 'running' } };
  assert.equal(applyEvent(withCampaigns, started), withCampaigns);
  assert.deepEqual(applyEvent(withCampaigns, stats('k1', { running: false })).campaigns, []);
});

test('abandonment above 3 % (30-day US or 24-hour UK) is an alert; 3 % itself is not', () => {
  const at = (a30: number, a24: number) => abandonAlert(figuresOf({ abandonment_30d: a30, abandonment_24h: a24 }, 'k', 'K', 'c', 0));
  assert.equal(at(0.03, 0.03), false);
  assert.equal(at(0.031, 0), true);
  assert.equal(at(0, 0.04), true);
});

test('the client filter keeps only that client\'s campaigns', () => {
  const b = applyEvent(withCampaigns, stats('k2', {}, 'c2'));
  assert.deepEqual(applyFilter(b, { client: 'c2', site: null, team: null }).campaigns?.map((c) => c.id), ['k2']);
  assert.equal(applyFilter(b, { client: null, site: 'x', team: null }).campaigns?.length, 2, 'site and team do not filter campaigns');
});

test('a campaign not heard from for 20 s is stale', () => {
  const c = figuresOf({}, 'k', 'K', 'c', 1_000_000);
  assert.equal(isStale(c, 1_020_000), false);
  assert.equal(isStale(c, 1_020_001), true);
});

test('a new day for a queue drops its earlier interval bars, and only its own', () => {
  const bar = (queue_id: string, start: string) => ({ queue_id, start, offered: 4, answered: 3, answered_within: 3, abandoned: 1 });
  const withBars: Wallboard = { ...board, intervals: [bar('q1', '2026-01-01T23:45:00Z'), bar('q2', '2026-01-01T23:45:00Z'), bar('q1', '2026-01-02T00:00:00Z')] };
  const next = applyEvent(withBars, { type: 'queue.day', at: 'x', data: { queue_id: 'q1', day_start: '2026-01-02T00:00:00Z' } });
  assert.deepEqual(next.intervals?.map((b) => `${b.queue_id} ${b.start}`), ['q2 2026-01-01T23:45:00Z', 'q1 2026-01-02T00:00:00Z']);
});
