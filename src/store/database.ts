import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Logger } from '../platform/logger.js';
import * as schema from './schema.js';
import { StoreErrors } from './errors.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** 'embedded' or the external server's host (never the password). */
  kind: 'embedded' | 'external';
  describe: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable url)';
  }
}

/**
 * Opens the database (external when DATABASE_URL is set, else embedded),
 * checks it answers, and applies pending migrations.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; log: Logger; embeddedPort?: number }): Promise<Database> {
  const embedded = opts.databaseUrl ? undefined : await startEmbeddedPostgres(opts.dataDir, opts.log, opts.embeddedPort);
  const url = opts.databaseUrl ?? embedded!.url;
  const describe = embedded ? `embedded PostgreSQL (${opts.dataDir}/pg)` : redact(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle client's error (server restart) must not crash the process.
  pool.on('error', (err) => opts.log.warn({ err: err.message }, 'idle database connection failed'));
  const close = async () => {
    await pool.end().catch(() => undefined);
    if (embedded) await embedded.stop();
  };
  try {
    await pool.query('select 1');
  } catch (e) {
    await close();
    throw StoreErrors.create('DB_UNREACHABLE', { database: describe }, `cannot reach the database at ${describe}: ${(e as Error).message}`);
  }
  const db = drizzle(pool, { schema });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS });
  } catch (e) {
    await close();
    throw StoreErrors.create('MIGRATION_FAILED', {}, `database migration failed: ${(e as Error).message}`);
  }
  return {
    db, pool, kind: embedded ? 'embedded' : 'external', describe, close,
    ping: async () => {
      try { await pool.query('select 1'); return true; } catch { return false; }
    },
  };
}
