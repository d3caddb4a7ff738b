import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/switchboard.mjs', import.meta.url));

export interface Running { child: ChildProcess; url: string; stdout: () => string; stderr: () => string; exited: Promise<number | null> }

/** Runs `switchboard <args>` to completion; returns exit code and output. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', SIP_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

/** Starts `switchboard start` and waits for the printed URL. */
export function startCli(env: Record<string, string>, timeoutMs = 60_000): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'start'], { env: { ...process.env, LOG_LEVEL: 'warn', SIP_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const t = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no URL printed within ${timeoutMs} ms\n${stdout}\n${stderr}`)); }, timeoutMs);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /running at (http:\/\/\S+)/.exec(stdout);
      if (m) { clearTimeout(t); resolve({ child, url: m[1], stdout: () => stdout, stderr: () => stderr, exited }); }
    });
    void exited.then((code) => { clearTimeout(t); reject(new Error(`exited with ${code} before printing a URL\n${stdout}\n${stderr}`)); });
  });
}
