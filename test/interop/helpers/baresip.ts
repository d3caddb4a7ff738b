// Runs baresip (Debian baresip-core) headless for interop tests: its own
// config dir, SIP on its own port, commands and events over the ctrl_tcp
// module (netstring-framed JSON), audio from a WAV (aufile) and what it
// receives dumped to WAV by the sndfile module.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort, until, which } from './peers.js';

const MODULE_DIRS = ['/usr/lib/baresip/modules', '/usr/lib/x86_64-linux-gnu/baresip/modules', '/usr/local/lib/baresip/modules'];
const NEEDED = ['g711.so', 'aufile.so', 'sndfile.so', 'aubridge.so', 'ctrl_tcp.so', 'menu.so', 'account.so'];

/** Why baresip cannot run here, or undefined when it can. */
export function baresipMissing(): string | undefined {
  if (which('baresip') === '') return 'baresip not installed (Debian package baresip-core)';
  const dir = MODULE_DIRS.find((d) => existsSync(join(d, 'g711.so')));
  if (dir === undefined) return 'baresip modules directory not found';
  const absent = NEEDED.filter((m) => !existsSync(join(dir, m)));
  return absent.length > 0 ? `baresip modules missing: ${absent.join(', ')}` : undefined;
}

export interface BaresipEvent {
  readonly type?: string;
  readonly class?: string;
  readonly param?: string;
  readonly [k: string]: unknown;
}

export interface BaresipOptions {
  /** Config directory (temporary; it also receives the sndfile dumps). */
  readonly dir: string;
  /** 8 kHz mono 16-bit WAV sent as the microphone. */
  readonly sourceWav: string;
  /** Account line parameters, e.g. ';dtmfmode=info'. */
  readonly accountParams?: string;
  /**
   * The whole account line instead of the default unregistered tester, e.g.
   * `<sip:1001@127.0.0.1:5060>;auth_pass=secret;regint=60;answermode=auto`.
   */
  readonly account?: string;
}

export class Baresip {
  readonly events: BaresipEvent[] = [];
  #buf = Buffer.alloc(0);
  #token = 0;

  private constructor(readonly proc: ChildProcess, readonly ctrl: Socket, readonly dir: string, private readonly out: { log: string }) {
    ctrl.on('data', (d: Buffer) => this.#onData(d));
  }

  /** baresip's console output so far (for failure messages). */
  get log(): string {
    return this.out.log;
  }

  /**
   * Starts baresip on free ports. baresip 1.0 also binds TCP and TLS next to
   * its SIP port whatever `sip_transports` says, and that neighbour may be
   * taken: such a start is tried again on other ports.
   */
  static async start(o: BaresipOptions): Promise<Baresip> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Baresip.#startOnce(o);
      } catch (err) {
        if (attempt >= 3 || !/Address already in use/.test((err as Error).message)) throw err;
      }
    }
  }

  static async #startOnce(o: BaresipOptions): Promise<Baresip> {
    const modules = MODULE_DIRS.find((d) => existsSync(join(d, 'g711.so')))!;
    const [sipPort, ctrlPort] = [await freePort(), await freePort()];
    writeFileSync(join(o.dir, 'accounts'), `${o.account ?? '<sip:tester@127.0.0.1>;regint=0'};audio_codecs=PCMU,PCMA${o.accountParams ?? ''}\n`);
    writeFileSync(join(o.dir, 'config'), [
      `module_path ${modules}`,
      'module g711.so', 'module aufile.so', 'module sndfile.so', 'module aubridge.so',
      'module_tmp account.so', 'module_app menu.so', 'module_app ctrl_tcp.so',
      `sip_listen 127.0.0.1:${sipPort}`, 'sip_transports udp', 'net_interface 127.0.0.1',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      `audio_source aufile,${o.sourceWav}`, 'audio_player aubridge,sink', 'audio_alert aubridge,alert',
      `snd_path ${o.dir}`, 'audio_buffer 20-160', 'jitter_buffer_delay 1-5', 'rtcp_mux no', 'call_local_timeout 30', '',
    ].join('\n'));
    const proc = spawn(which('baresip'), ['-f', o.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { log: '' };
    proc.stdout.on('data', (d: Buffer) => (out.log += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out.log += d.toString()));
    let ctrl: Socket | undefined;
    for (let i = 0; i < 50 && ctrl === undefined && proc.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ctrl = await new Promise<Socket | undefined>((resolve) => {
        const s = connect(ctrlPort, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(undefined));
      });
    }
    if (ctrl === undefined) {
      proc.kill('SIGKILL');
      throw new Error(`baresip ctrl_tcp did not come up:\n${out.log.slice(-2000)}`);
    }
    return new Baresip(proc, ctrl, o.dir, out);
  }

  /** Sends a ctrl_tcp command ({"command","params","token"} as a netstring). */
  command(command: string, params = ''): void {
    const json = JSON.stringify({ command, params, token: String(++this.#token) });
    this.ctrl.write(`${Buffer.byteLength(json)}:${json},`);
  }

  #onData(d: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, d]);
    for (;;) {
      const colon = this.#buf.indexOf(':');
      if (colon <= 0) return;
      const len = Number(this.#buf.subarray(0, colon).toString());
      if (this.#buf.length < colon + 1 + len + 1) return;
      const body = this.#buf.subarray(colon + 1, colon + 1 + len).toString();
      this.#buf = this.#buf.subarray(colon + 2 + len);
      try {
        const msg = JSON.parse(body) as BaresipEvent & { event?: boolean };
        if (msg.event === true) this.events.push(msg);
      } catch {
        // not JSON: ignore
      }
    }
  }

  async waitFor(type: string, maxMs = 10_000): Promise<BaresipEvent | undefined> {
    await until(() => this.events.some((e) => e.type === type), maxMs);
    return this.events.find((e) => e.type === type);
  }

  /** The WAV sndfile wrote for audio received from the far end (decoder side). */
  receivedWav(): string | undefined {
    const f = readdirSync(this.dir).find((n) => n.startsWith('dump-') && n.endsWith('-dec.wav'));
    return f === undefined ? undefined : join(this.dir, f);
  }

  /** Every received-audio dump, one per call, in name (time) order. */
  receivedWavs(): string[] {
    return readdirSync(this.dir).filter((n) => n.startsWith('dump-') && n.endsWith('-dec.wav')).sort().map((n) => join(this.dir, n));
  }

  /** Events of one type seen so far. */
  count(type: string): number {
    return this.events.filter((e) => e.type === type).length;
  }

  async stop(): Promise<void> {
    this.ctrl.destroy();
    if (this.proc.exitCode !== null) return;
    const closed = new Promise((r) => this.proc.once('close', r));
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await closed;
    clearTimeout(t);
  }
}
