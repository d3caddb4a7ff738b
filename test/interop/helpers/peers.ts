// Shared bits for tests that drive real third-party SIP peers.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createServer } from 'node:net';

/** Absent peer: a failure in CI (process.env.CI set), a printed skip elsewhere. */
export function peerUnavailable(t: { skip(msg: string): void }, reason: string | undefined): boolean {
  if (reason === undefined) return false;
  if (process.env.CI) throw new Error(`${reason} (required in CI)`);
  console.log(`# skipped: ${reason}`);
  t.skip(reason);
  return true;
}

/** The executable's path on PATH, or '' when it is not installed. */
export function which(bin: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, bin))) return join(dir, bin);
  }
  return '';
}

/** A free port (TCP probe; UDP uses the same number space on loopback in practice). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function until(cond: () => boolean, maxMs: number): Promise<boolean> {
  for (let waited = 0; waited < maxMs && !cond(); waited += 50) await new Promise((r) => setTimeout(r, 50));
  return cond();
}
