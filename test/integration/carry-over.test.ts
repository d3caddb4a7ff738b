/**
 * Work items survive a restart on the machine's PostgreSQL: what was
 * waiting or being handled is back in its queue with its place and its wait,
 * what was in wrap-up is closed. The app runs on a virtual clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { startSwitchboard, type Switchboard } from '../../src/app.js';
import { scratchDatabase } from '../helpers/scratch-db.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';

const PASSWORD = 'test-admin-password';

test('a restart puts waiting and half-done work items back in their queue with their wait; one in wrap-up is closed', async (t) => {
  const pg = await scratchDatabase(t, 'sb_carry');
  if (!pg) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-carry-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: pg.url, SWITCHBOARD_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'silent', SIP_ENABLED: 'false' });
  const clock = new VirtualClock(Date.parse('2026-01-05T15:00:00Z'));
  let sb: Switchboard | undefined;
  const start = async () => {
    sb = await startSwitchboard(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), { clock });
    return { app: sb, admin: await loggedIn(sb.url.replace('localhost', '127.0.0.1'), config.SWITCHBOARD_ADMIN_EMAIL, PASSWORD) };
  };
  const ok = async (api: ApiClient, path: string, body?: unknown) => {
    const r = await api.post(path, body);
    assert.ok(r.status < 300, `${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  try {
    let { app, admin } = await start();
    const client = (await admin.get('/api/v1/clients')).body.items[0];
    const skill = await ok(admin, '/api/v1/skills', { name: 'Underwriting' });
    const queue = await ok(admin, '/api/v1/queues', { client_id: client.id, name: 'Underwriting', channel: 'work_item', sl_threshold_s: 60, wrap_up_s: 300,
      required_skills: [{ skill_id: skill.id, min_level: 2 }] });
    const agents = [];
    for (const [name, ext] of [['Uma', '6101'], ['Vic', '6102']]) {
      agents.push(await ok(admin, '/api/v1/agents', { name, extension: ext, client_ids: [client.id], skills: [{ skill_id: skill.id, level: 5 }] }));
    }
    await app.routing.flush();
    for (const a of agents) await ok(admin, `/api/v1/agents/${a.id}/state`, { state: 'available' });

    // One done and in wrap-up, one being worked, one waiting.
    const wrapped = await ok(admin, '/api/v1/interactions', { queue_id: queue.id, subject: 'Application 1' });
    await ok(admin, `/api/v1/interactions/${wrapped.id}/accept`);
    await ok(admin, `/api/v1/interactions/${wrapped.id}/complete`);
    clock.advance(1000);
    const working = await ok(admin, '/api/v1/interactions', { queue_id: queue.id, subject: 'Application 2', attributes: { applicant: 'R. Patel' } });
    assert.equal(working.state, 'offered');
    await ok(admin, `/api/v1/interactions/${working.id}/accept`);
    clock.advance(5000);
    const waiting = await ok(admin, '/api/v1/interactions', { queue_id: queue.id, subject: 'Application 3' });
    assert.equal(waiting.state, 'queued', 'both agents are busy');
    await app.routing.flush();
    const stored = async (id: string) => (await admin.get(`/api/v1/interactions/${id}`)).body;
    const queuedAt = { working: (await stored(working.id)).queued_at, waiting: (await stored(waiting.id)).queued_at };

    await app.stop('restart');
    sb = undefined;
    clock.advance(60_000);
    ({ app, admin } = await start());

    const stats = (await admin.get(`/api/v1/queues/${queue.id}/stats`)).body;
    assert.equal(stats.waiting, 2, 'the one being worked and the one waiting are back in the queue');
    assert.equal(stats.longest_wait_s, 65, 'waiting since before the restart, not since the start');
    const afterWrap = await stored(wrapped.id);
    assert.deepEqual([afterWrap.state, afterWrap.attributes.end_reason, afterWrap.wrap_up_ended_at !== null], ['done', 'system_restart', true]);
    const requeued = await stored(working.id);
    assert.deepEqual([requeued.state, requeued.agent_id, requeued.answered_at, requeued.queued_at], ['queued', null, null, queuedAt.working]);
    assert.deepEqual([requeued.subject, requeued.attributes.applicant, requeued.attributes.requeued_after_restart], ['Application 2', 'R. Patel', 'true']);
    assert.equal((await stored(waiting.id)).queued_at, queuedAt.waiting);

    // A new item after the restart waits behind them; an agent back at work takes the oldest first.
    const fresh = await ok(admin, '/api/v1/interactions', { queue_id: queue.id, subject: 'Application 4' });
    assert.equal(fresh.state, 'queued');
    await ok(admin, `/api/v1/agents/${agents[0].id}/state`, { state: 'available' });
    assert.equal((await stored(working.id)).state, 'offered', 'the oldest is offered first');
    await ok(admin, `/api/v1/interactions/${working.id}/accept`);
    const answered = await stored(working.id);
    assert.deepEqual([answered.state, answered.agent_id, answered.queued_at], ['active', agents[0].id, queuedAt.working]);
    assert.equal((await stored(fresh.id)).state, 'queued');
    const figures = (await admin.get(`/api/v1/queues/${queue.id}/stats`)).body;
    assert.deepEqual([figures.answered, figures.service_level], [2, 0.5], 'the first answered at once, the carried one after 65 s: beyond the 60 s threshold');
  } finally {
    await sb?.stop('test done');
    await pg.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
