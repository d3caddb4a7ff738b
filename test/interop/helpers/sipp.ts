// Runs SIPp (Debian sip-tester) for interop tests and benchmarks.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { which } from './peers.js';

export const sippPath = (): string => which('sipp');

/** Where Debian's sip-tester ships its pcaps (G.711 A-law audio, RFC 4733 digits). */
export const SIPP_PCAP_DIR = ['/usr/share/sip-tester', '/usr/share/sipp', '/usr/share/doc/sip-tester/pcap'].find((d) => existsSync(`${d}/g711a.pcap`));

export interface SippRun {
  readonly code: number | null;
  readonly out: string;
}

/** Runs sipp to completion (stdin closed, -nostdin); output is stdout+stderr. */
export function runSipp(args: readonly string[], cwd?: string): Promise<SippRun> {
  return new Promise((resolve) => {
    const p = spawn(sippPath(), ['-nostdin', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => resolve({ code, out }));
  });
}
