/**
 * The wallboard's "today" on the machine's PostgreSQL: the queue figures
 * and 15-minute intervals are the same after a restart as before it (rebuilt
 * from the interactions table), they start again at the queue's client's
 * midnight, and agent state history older than its retention is pruned.
 * The app runs on a virtual clock, so "today" is fixed whatever the hour.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { VirtualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { startSwitchboard, type Switchboard } from '../../src/app.js';
import { agentStateLog } from '../../src/store/schema.js';
import { pruneAgentStateLog } from '../../src/routing/service/state-log-retention.js';
import { scratchDatabase } from '../helpers/scratch-db.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';

const DAY = 24 * 3600_000;
const PASSWORD = 'test-admin-password';

test('today\'s queue figures and intervals survive a restart, start again at the client\'s midnight; old state history is pruned', async (t) => {
  const pg = await scratchDatabase(t, 'sb_today');
  if (!pg) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-today-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: pg.url, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'silent', SIP_ENABLED: 'false', AGENT_STATE_LOG_RETENTION_DAYS: '30' });
  // 10:00 in New York, Northwind Retail's zone (the Returns queue's client).
  const clock = new VirtualClock(Date.parse('2026-01-05T15:00:00Z'));
  let sb: Switchboard | undefined;
  const start = async () => {
    sb = await startSwitchboard(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), { clock });
    return { sb, admin: await loggedIn(sb.url.replace('localhost', '127.0.0.1'), config.SWITCHBOARD_ADMIN_EMAIL, PASSWORD) };
  };
  try {
    let { sb: app, admin } = await start();
    const returns = (await admin.get('/api/v1/queues?q=Returns')).body.items[0];
    const ana = (await admin.get('/api/v1/agents?q=Ana')).body.items[0];
    const post = async (api: ApiClient, path: string, body?: unknown) => {
      const r = await api.post(path, body);
      assert.ok(r.status < 300, `${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const call = async () => (await post(admin, '/api/v1/interactions', { queue_id: returns.id })).id as string;

    // Answered after 4 s, 60 s talk, 5 s wrap-up; one abandoned after 30 s; one answered after 25 s, 40 s talk, 2 s wrap-up.
    await post(admin, `/api/v1/agents/${ana.id}/state`, { state: 'available' });
    const first = await call();
    clock.advance(4000);
    await post(admin, `/api/v1/interactions/${first}/accept`);
    clock.advance(60_000);
    await post(admin, `/api/v1/interactions/${first}/complete`);
    clock.advance(5000);
    await post(admin, `/api/v1/interactions/${first}/end-wrap-up`);
    await post(admin, `/api/v1/agents/${ana.id}/state`, { state: 'aux', reason: 'break' });
    const gone = await call();
    clock.advance(30_000);
    await post(admin, `/api/v1/interactions/${gone}/abandon`);
    clock.advance(15 * 60_000); // the next call is in the next interval
    const third = await call();
    clock.advance(25_000);
    await post(admin, `/api/v1/agents/${ana.id}/state`, { state: 'available' });
    await post(admin, `/api/v1/interactions/${third}/accept`);
    clock.advance(40_000);
    await post(admin, `/api/v1/interactions/${third}/complete`);
    clock.advance(2000);
    await post(admin, `/api/v1/interactions/${third}/end-wrap-up`);
    await app.routing.flush();

    const figures = async (api: ApiClient) => {
      const { offered, answered, abandoned, service_level, service_level_excl_short_abandons, asa_s, aht_s } = (await api.get(`/api/v1/queues/${returns.id}/stats`)).body;
      const intervals = ((await api.get('/api/v1/wallboard')).body.intervals as Record<string, unknown>[]).filter((b) => b.queue_id === returns.id);
      return { offered, answered, abandoned, service_level, service_level_excl_short_abandons, asa_s, aht_s, intervals };
    };
    const before = await figures(admin);
    assert.deepEqual({ ...before, intervals: before.intervals.length }, { offered: 3, answered: 2, abandoned: 1, service_level: 1 / 3,
      service_level_excl_short_abandons: 1 / 3, asa_s: 14.5, aht_s: 53.5, intervals: 2 }, 'what the calls above make');

    // State history: a row older than the 30-day retention, and one within it.
    const db = app.database.db;
    await db.insert(agentStateLog).values([
      { agentId: ana.id, state: 'available', at: new Date(clock.now() - 31 * DAY) },
      { agentId: ana.id, state: 'offline', at: new Date(clock.now() - 29 * DAY) },
    ]);

    await app.stop('restart');
    sb = undefined;
    clock.advance(60_000);
    ({ sb: app, admin } = await start());
    assert.deepEqual(await figures(admin), before, 'the same figures and intervals after the restart');

    // The start prunes in the background: it is done within a few seconds.
    const cutoff = clock.now() - 30 * DAY;
    const oldest = async () => (await app.database.db.select({ at: agentStateLog.at }).from(agentStateLog).where(eq(agentStateLog.agentId, ana.id)))
      .map((r) => r.at.getTime()).sort((a, b) => a - b);
    for (let i = 0; i < 50 && (await oldest())[0] < cutoff; i++) await new Promise((r) => setTimeout(r, 100));
    const left = await oldest();
    assert.ok(left[0] >= cutoff, 'rows older than 30 days are gone');
    assert.equal(left[0], clock.now() - 60_000 - 29 * DAY, 'the 29-day-old row is kept');

    // Past midnight in New York the figures start again. The watch looks at least once a minute; editing the client makes it look now.
    clock.set(Date.parse('2026-01-06T05:00:01Z'));
    const nwr = returns.client_id as string;
    admin = await loggedIn(admin.base, config.SWITCHBOARD_ADMIN_EMAIL, PASSWORD); // the session did not last the night
    assert.equal((await admin.patch(`/api/v1/clients/${nwr}`, { timezone: 'America/New_York' })).status, 200);
    await app.routing.flush();
    const next = await figures(admin);
    assert.deepEqual([next.offered, next.answered, next.abandoned, next.service_level, next.intervals.length], [0, 0, 0, null, 0], 'a new day in New York');
  } finally {
    await sb?.stop('test done');
    await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the state history prune deletes in batches until nothing older than the retention is left', async (t) => {
  const pg = await scratchDatabase(t, 'sb_prune');
  if (!pg) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-prune-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: pg.url, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'silent', SIP_ENABLED: 'false' });
  const clock = new VirtualClock(Date.parse('2026-01-05T15:00:00Z'));
  const sb = await startSwitchboard(config, createLogger('silent'), { clock });
  try {
    const db = sb.database.db;
    const agents = (await sb.database.pool.query<{ id: string }>('select id from agents order by id limit 1')).rows;
    const now = clock.now();
    await db.insert(agentStateLog).values(Array.from({ length: 7 }, (_, i) => ({ agentId: agents[0].id, state: 'available' as const, at: new Date(now - (500 + i) * DAY) })));
    await db.insert(agentStateLog).values({ agentId: agents[0].id, state: 'aux', auxReason: 'kept', at: new Date(now - 399 * DAY) });
    assert.equal(await pruneAgentStateLog(db, { now, days: 400, batch: 3 }), 7, 'three batches: 3 + 3 + 1');
    const left = await db.select().from(agentStateLog).where(eq(agentStateLog.agentId, agents[0].id));
    assert.deepEqual(left.filter((r) => r.at.getTime() < now - 300 * DAY).map((r) => r.auxReason), ['kept']);
  } finally {
    await sb.stop('test done');
    await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
