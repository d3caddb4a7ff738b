import pg from 'pg';

export interface ScratchDatabase {
  readonly name: string;
  /** postgres://postgres@127.0.0.1:5432/<name> */
  readonly url: string;
  /** A connection to the maintenance database (postgres). */
  readonly admin: pg.Client;
  /** Drops the database (forcing its connections closed) and disconnects. */
  drop(): Promise<void>;
}

/**
 * A fresh database on the machine's own PostgreSQL (127.0.0.1:5432, trust),
 * for tests that run Switchboard as a separate process. Without that
 * server: a failure in CI, a printed skip elsewhere (returns undefined).
 */
export async function scratchDatabase(t: { skip(msg: string): void }, prefix: string): Promise<ScratchDatabase | undefined> {
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  try {
    await admin.connect();
  } catch (e) {
    if (process.env.CI) throw new Error(`CI must have PostgreSQL on 127.0.0.1:5432: ${(e as Error).message}`, { cause: e });
    console.log(`# skipped: no PostgreSQL on 127.0.0.1:5432 (${(e as Error).message})`);
    t.skip(`no PostgreSQL on 127.0.0.1:5432 (${(e as Error).message})`);
    return undefined;
  }
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await admin.query(`create database ${name}`);
  return {
    name, admin, url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
