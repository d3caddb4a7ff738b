// Spawns SIPp for the benchmarks: a uac load run to completion, or a uas
// reference answering in the background (stopped by its own pid).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseSippStats, type SippStats } from './sipp-stat.js';

export const SIPP = spawnSync('which', ['sipp'], { encoding: 'utf8' }).stdout.trim();

export interface UacRun {
  readonly stats: SippStats | undefined;
  readonly exitCode: number | null;
  readonly tail: string;
}

/** Built-in `uac` to `target` at `rate` calls/s, `calls` in all; returns SIPp's own final counts. */
export function runUac(o: { target: string; user: string; rate: number; calls: number; localPort: number; dir: string; timeoutS: number }): Promise<UacRun> {
  const stf = join(o.dir, `uac-${o.rate}-${o.localPort}.csv`);
  const args = [
    '-sn', 'uac', o.target, '-s', o.user, '-i', '127.0.0.1', '-p', String(o.localPort), '-nostdin',
    '-r', String(o.rate), '-m', String(o.calls), '-l', String(Math.max(100, o.rate * 4)),
    '-trace_stat', '-stf', stf, '-fd', '1', '-timeout', `${o.timeoutS}s`, '-timeout_error',
    '-max_socket', '5000',
  ];
  return new Promise((resolve) => {
    const p = spawn(SIPP, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: o.dir });
    let out = '';
    const keep = (d: Buffer): void => {
      out = (out + d.toString()).slice(-4000);
    };
    p.stdout.on('data', keep);
    p.stderr.on('data', keep);
    p.on('close', (code) => {
      let stats: SippStats | undefined;
      try {
        stats = parseSippStats(readFileSync(stf, 'utf8'));
        rmSync(stf, { force: true });
      } catch {
        stats = undefined;
      }
      resolve({ stats, exitCode: code, tail: out.slice(-1000) });
    });
  });
}

/** The reference answerer: SIPp's built-in `uas` on `port`. */
export function startUas(port: number, dir: string): { proc: ChildProcess; stop(): Promise<void> } {
  const proc = spawn(SIPP, ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-nostdin', '-max_socket', '5000'], { stdio: 'ignore', cwd: dir });
  return {
    proc,
    async stop() {
      if (proc.exitCode !== null) return;
      const closed = new Promise((r) => proc.once('close', r));
      proc.kill('SIGTERM');
      await closed;
    },
  };
}
