import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDatabase } from '../helpers/scratch-db.js';
import { runCli, startCli } from '../helpers/cli.js';
import { loggedIn } from '../helpers/http.js';

const PASSWORD = 'startup-admin-pw';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address() as { port: number };
      s.close(() => resolve(a.port));
    });
  });
}

function noStackTrace(s: string): boolean {
  return !/\n\s+at .+\(.+:\d+:\d+\)/.test(s);
}

test('first start on an empty data dir seeds the demo and prints URL and login; a second start reuses the data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-start-'));
  try {
    const port = await freePort();
    const env = { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1' };
    const t0 = Date.now();
    const first = await startCli(env);
    const startMs = Date.now() - t0;
    assert.match(first.stdout(), /Admin login: admin@switchboard\.local/);
    const pw = /Admin password: (\S+)\s+\(generated/.exec(first.stdout())?.[1];
    assert.ok(pw, `a generated password is printed once:\n${first.stdout()}`);
    assert.match(first.stdout(), /Demo workspace seeded/);
    const admin = await loggedIn(first.url, 'admin@switchboard.local', pw);
    const clients = await admin.get('/api/v1/clients');
    assert.equal(clients.body.total, 2);
    const agents = await admin.get('/api/v1/agents?limit=100');
    assert.equal(agents.body.total, 20);
    const created = await admin.post('/api/v1/clients', { name: 'Kept Across Restarts', code: 'KEEP', timezone: 'Asia/Tokyo' });
    assert.equal(created.status, 201);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0, 'graceful shutdown exits 0');

    const second = await startCli(env);
    assert.doesNotMatch(second.stdout(), /Admin password:/, 'the password is never printed again');
    assert.doesNotMatch(second.stdout(), /Demo workspace seeded/);
    const again = await loggedIn(second.url, 'admin@switchboard.local', pw);
    const list = await again.get('/api/v1/clients?q=Kept');
    assert.deepEqual(list.body.items.map((c: { code: string }) => c.code), ['KEEP']);
    second.child.kill('SIGINT');
    assert.equal(await second.exited, 0);
    console.log(`first start (init + migrate + seed) printed its URL after ${startMs} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DATABASE_URL uses an external PostgreSQL server (the machine\'s own, on 127.0.0.1:5432)', async (t) => {
  const scratch = await scratchDatabase(t, 'sb_test');
  if (scratch === undefined) return;
  const { name, admin } = scratch;
  try {
    const sb = await startCli({ DATABASE_URL: scratch.url, PORT: String(await freePort()), HOST: '127.0.0.1',
      SWITCHBOARD_ADMIN_PASSWORD: PASSWORD, DATA_DIR: '/nonexistent-not-used' });
    assert.match(sb.stdout(), /Database: postgres:\/\/postgres@127\.0\.0\.1:5432/);
    const c = await loggedIn(sb.url, 'admin@switchboard.local', PASSWORD);
    assert.equal((await c.get('/api/v1/queues')).body.total, 7);
    const ready = await fetch(`${sb.url}/readyz`);
    assert.equal(ready.status, 200);
    sb.child.kill('SIGTERM');
    assert.equal(await sb.exited, 0);
    const tables = await admin.query(`select count(*)::int n from pg_database where datname = $1`, [name]);
    assert.equal(tables.rows[0].n, 1);
  } finally {
    await scratch.drop();
  }
});

test('an invalid setting stops start-up with exit code 2 and names the setting', async () => {
  const r = await runCli(['start'], { PORT: 'eighty', DATA_DIR: '/tmp/never-used' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /PORT/);
  assert.match(r.stderr, /eighty/);
  assert.ok(noStackTrace(r.stderr), r.stderr);
});

test('a port already in use: clear message, non-zero exit, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-port-'));
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = await runCli(['start'], { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', SWITCHBOARD_ADMIN_PASSWORD: PASSWORD });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`port ${port} is already in use`));
    assert.ok(noStackTrace(r.stderr), r.stderr);
  } finally {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreachable external database: clear message naming it, non-zero exit, no stack trace', async () => {
  const port = await freePort();
  const r = await runCli(['start'], { DATABASE_URL: `postgres://sb:secret-pw@127.0.0.1:${port}/nope`, PORT: String(await freePort()) });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot reach the database at postgres:\/\/sb@127\.0\.0\.1/);
  assert.doesNotMatch(r.stderr, /secret-pw/, 'the password is not printed');
  assert.ok(noStackTrace(r.stderr), r.stderr);
});

test('CLI: --help on each command, and user add creates a login', async () => {
  for (const args of [['--help'], ['start', '--help'], ['migrate', '--help'], ['user', 'add', '--help'], ['seed-demo', '--help']]) {
    const r = await runCli(args, {});
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /Usage: switchboard/);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
  try {
    const add = await runCli(['user', 'add', '--email', 'ops@example.com', '--password', 'ops-password-1', '--role', 'supervisor'], { DATA_DIR: dir });
    assert.equal(add.code, 0, add.stderr);
    const bad = await runCli(['user', 'add', '--email', 'x@example.com', '--password', 'pw-long-enough', '--role', 'wizard'], { DATA_DIR: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--role must be one of/);
    const sb = await startCli({ DATA_DIR: dir, PORT: String(await freePort()), HOST: '127.0.0.1', SWITCHBOARD_ADMIN_PASSWORD: PASSWORD });
    const ops = await loggedIn(sb.url, 'ops@example.com', 'ops-password-1');
    assert.equal((await ops.get('/api/v1/auth/me')).body.user.role, 'supervisor');
    sb.child.kill('SIGTERM');
    await sb.exited;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: switchboard erlang prints the figures as JSON, and names a bad flag with exit 2', async () => {
  const ok = await runCli(['erlang', '--model', 'a', '--calls', '200', '--period-s', '3600', '--aht-s', '180', '--patience-s', '180', '--agents', '14', '--threshold-s', '20', '--json'], {});
  assert.equal(ok.code, 0, ok.stderr);
  const out = JSON.parse(ok.stdout);
  for (const k of ['p_wait', 'service_level', 'asa_s', 'p_abandon', 'occupancy']) assert.equal(typeof out[k], 'number', k);
  const bad = await runCli(['erlang', '--model', 'c', '--traffic-erlangs', '10', '--agents', 'many'], {});
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--agents/);
});
