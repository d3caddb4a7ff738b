/**
 * Benchmark: the two WebRTC engines (src/webrtc) against real Chromium, in
 * the same run, so the choice in src/webrtc/datachannel-engine.ts rests on
 * figures from this machine.
 *
 *   npx tsx bench/webrtc.ts [--calls 1,20,50] [--seconds 20] [--engines node-datachannel,werift] [--cpu-prof DIR]
 *
 * One headless Chromium (fake microphone: an 800 Hz WAV) opens N calls at
 * once from test/browser/fixtures/webrtc-phone.html (PCMU forced with
 * setCodecPreferences, offer sent after gathering). Each (engine, N) runs in
 * a fresh child process (this file with --serve), so process.cpuUsage() is
 * that engine's alone, native threads included. Per call the server plays a
 * looping 1000 Hz prompt (PromptPlayer → rtpFrameSink, 50 packets/s) and
 * receives the browser's 50 packets/s.
 *
 * Figures: connect time (offer received by the server → first RTP
 * received) p50/p95/max; answer time (offer → answer SDP ready); CPU in %
 * of one core over a steady window of --seconds, minus the idle engine's,
 * divided by N; packet rates both ways (server side and, from getStats,
 * browser side); UDP ports used; RSS growth per call. Prints one JSON.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { PromptPlayer, rtpFrameSink } from '../src/media/player/prompt-player.js';
import { freeUdpPort, udpPortFree } from '../src/webrtc/peer-fixture.js';
import { sineTone } from '../src/media/tone/tone-generator.js';
import { createWebRtcEngine, type WebRtcEngine, type WebRtcEngineName, type WebRtcLeg } from '../src/webrtc/index.js';
import { openPhonePage, phone } from '../test/browser/fixtures/webrtc-phone-page.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};

type ToServer =
  | { type: 'answer'; id: string; offer: string }
  | { type: 'measure'; seconds: number }
  | { type: 'close' };

type FromServer =
  | { type: 'ready'; idleCpuPct: number; rssMb: number }
  | { type: 'answered'; id: string; answer: string }
  | { type: 'failed'; id: string; message: string }
  | { type: 'progress'; withRtp: number }
  | { type: 'measured'; cpuPct: number; rxPps: number; txPps: number; rssMb: number; connectMs: number[]; answerMs: number[] }
  | { type: 'closed'; legsLeft: number; portsFree: string };

// ───────────────────────── engine side (child process) ─────────────────────────

const IDLE_MS = 3000;

/** RSS after a full collection (the child runs with --expose-gc), so garbage does not count as per-call memory. */
function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

function cpuPctOfCore(from: NodeJS.CpuUsage, ms: number): number {
  const d = process.cpuUsage(from);
  return ((d.user + d.system) / 1000 / ms) * 100;
}

async function serve(name: WebRtcEngineName, port: number): Promise<void> {
  const send = (m: FromServer): void => void process.send?.(m);
  const engine: WebRtcEngine = await createWebRtcEngine({ host: '127.0.0.1', ...(name === 'node-datachannel' ? { port } : {}) }, name);
  const tone = sineTone(1000, -10, 1000);
  const calls = new Map<string, { leg: WebRtcLeg; player: PromptPlayer; offerAt: number; answerMs: number; firstRtpAt?: number; rx: number }>();

  // Idle engine first: its own cost is not a per-call cost.
  const idleFrom = process.cpuUsage();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleCpuPct = cpuPctOfCore(idleFrom, IDLE_MS);
  send({ type: 'ready', idleCpuPct, rssMb: rssMb() });

  const onMessage = async (m: ToServer): Promise<void> => {
    if (m.type === 'answer') {
      const offerAt = performance.now();
      try {
        const leg = await engine.answer(m.offer, { label: m.id });
        const player = new PromptPlayer({ sink: rtpFrameSink(leg.session, leg.codec, leg.audioPayloadType) });
        const call = { leg, player, offerAt, answerMs: performance.now() - offerAt, rx: 0, firstRtpAt: undefined as number | undefined };
        calls.set(m.id, call);
        leg.session.delegate = {
          onRtp: () => {
            if (call.firstRtpAt === undefined) {
              call.firstRtpAt = performance.now();
              send({ type: 'progress', withRtp: [...calls.values()].filter((c) => c.firstRtpAt !== undefined).length });
            }
            call.rx++;
          },
        };
        leg.onState((s) => {
          if (s === 'connected' && player.state === 'idle') player.play(tone, { loop: true });
        });
        send({ type: 'answered', id: m.id, answer: leg.answerSdp });
      } catch (err) {
        send({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) });
      }
    } else if (m.type === 'measure') {
      const legs = [...calls.values()];
      const rx0 = legs.reduce((a, c) => a + c.rx, 0);
      const tx0 = legs.reduce((a, c) => a + c.leg.stats().packetsSent, 0);
      const from = process.cpuUsage();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, m.seconds * 1000));
      const ms = performance.now() - t0;
      const cpuPct = cpuPctOfCore(from, ms);
      const rx = legs.reduce((a, c) => a + c.rx, 0) - rx0;
      const tx = legs.reduce((a, c) => a + c.leg.stats().packetsSent, 0) - tx0;
      send({
        type: 'measured', cpuPct, rssMb: rssMb(),
        rxPps: rx / legs.length / (ms / 1000), txPps: tx / legs.length / (ms / 1000),
        connectMs: legs.map((c) => (c.firstRtpAt ?? NaN) - c.offerAt),
        answerMs: legs.map((c) => c.answerMs),
      });
    } else {
      const ports = new Set<number>();
      for (const c of calls.values()) {
        for (const x of c.leg.answerSdp.matchAll(/a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ host/gi)) ports.add(Number(x[1]));
        c.player.dispose();
        c.leg.close();
      }
      const legsLeft = engine.legs;
      await engine.close();
      await new Promise((r) => setTimeout(r, 200));
      const free = await Promise.all([...ports].map((p) => udpPortFree(p)));
      send({ type: 'closed', legsLeft, portsFree: `${free.filter(Boolean).length}/${ports.size}` });
      process.disconnect?.();
    }
  };
  process.on('message', (m: ToServer) => {
    onMessage(m).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
}


// ───────────────────────── orchestrator (this process) ─────────────────────────

function percentile(values: number[], p: number): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

class EngineProcess {
  readonly #child: ChildProcess;
  readonly #waiters = new Map<string, (m: FromServer) => void>();
  withRtp = 0;

  constructor(name: WebRtcEngineName, port: number) {
    const profile = arg('cpu-prof', '');
    const execArgv = ['--import', 'tsx', '--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
    this.#child = fork(fileURLToPath(import.meta.url), ['--serve', name, '--port', String(port)], { execArgv, stdio: 'inherit' });
    this.#child.on('message', (m: FromServer) => {
      if (m.type === 'progress') this.withRtp = m.withRtp;
      const key = 'id' in m ? `${m.type === 'failed' ? 'answered' : m.type}:${m.id}` : m.type;
      this.#waiters.get(key)?.(m);
      this.#waiters.delete(key);
    });
  }

  next<T extends FromServer>(key: string, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`engine process: no ${key} in ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.set(key, (m) => {
        clearTimeout(t);
        resolve(m as T);
      });
    });
  }

  send(m: ToServer): void {
    this.#child.send(m);
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}


async function run(): Promise<void> {
  const CALLS = arg('calls', '1,20,50').split(',').map(Number);
  const SECONDS = Number(arg('seconds', '20'));
  const ENGINES = arg('engines', 'node-datachannel,werift').split(',') as WebRtcEngineName[];
  const browser = await openPhonePage(800);
  const results: unknown[] = [];
  let round_ = 0;
  try {
    for (const n of CALLS) {
      for (const name of ENGINES) {
        round_++;
        const port = await freeUdpPort();
        const server = new EngineProcess(name, port);
        try {
          const ready = await server.next<Extract<FromServer, { type: 'ready' }>>('ready');
          const ids = Array.from({ length: n }, (_, i) => `r${round_}c${i}`);
          const answers = await Promise.all(ids.map(async (id) => {
            const offer = await phone(browser.page, 'offer', id);
            const reply = server.next<Extract<FromServer, { type: 'answered' | 'failed' }>>(`answered:${id}`);
            server.send({ type: 'answer', id, offer });
            const m = await reply;
            if (m.type === 'failed') throw new Error(`${name}: ${m.message}`);
            await phone(browser.page, 'accept', id, m.answer);
            return m.answer;
          }));
          for (let waited = 0; server.withRtp < n; waited += 50) {
            if (waited > 30_000) throw new Error(`${name}: only ${server.withRtp}/${n} calls have RTP after 30 s`);
            await new Promise((r) => setTimeout(r, 50));
          }
          await new Promise((r) => setTimeout(r, 3000)); // past connection bursts and JIT warm-up: steady state
          const before = await Promise.all(ids.map((id) => phone(browser.page, 'stats', id)));
          const t0 = performance.now();
          server.send({ type: 'measure', seconds: SECONDS });
          const m = await server.next<Extract<FromServer, { type: 'measured' }>>('measured', SECONDS * 1000 + 30_000);
          const after = await Promise.all(ids.map((id) => phone(browser.page, 'stats', id)));
          const browserSec = (performance.now() - t0) / 1000;
          const browserRx = after.reduce((a, s, i) => a + s.packetsReceived - before[i].packetsReceived, 0) / n / browserSec;
          const ports = new Set(answers.flatMap((a) => [...a.matchAll(/a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ host/gi)].map((x) => x[1])));
          server.send({ type: 'close' });
          const closed = await server.next<Extract<FromServer, { type: 'closed' }>>('closed');
          for (const id of ids) await phone(browser.page, 'hangUp', id);
          const row = {
            engine: name,
            calls: n,
            connectMs: { p50: round(percentile(m.connectMs, 50)), p95: round(percentile(m.connectMs, 95)), max: round(percentile(m.connectMs, 100)) },
            answerMs: { p50: round(percentile(m.answerMs, 50)), p95: round(percentile(m.answerMs, 95)) },
            cpuPctOfCore: { total: round(m.cpuPct, 2), idleEngine: round(ready.idleCpuPct, 2), perCall: round((m.cpuPct - ready.idleCpuPct) / n, 3) },
            packetsPerSecondPerCall: { serverReceived: round(m.rxPps), serverSent: round(m.txPps), browserReceived: round(browserRx) },
            udpPorts: ports.size,
            rssMbPerCall: round((m.rssMb - ready.rssMb) / n, 2),
            afterClose: { legsLeft: closed.legsLeft, udpPortsFree: closed.portsFree },
          };
          results.push(row);
          console.error(JSON.stringify(row));
        } finally {
          server.kill();
        }
      }
    }
  } finally {
    await browser.close();
  }
  let chromium = '';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // version unknown
  }
  console.log(JSON.stringify({
    bench: 'webrtc',
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, chromium },
    window: { seconds: SECONDS, packetsPerSecondEachWay: 50, codec: 'PCMU' },
    results,
  }, null, 2));
}

if (args[0] === '--serve') {
  serve(args[1] as WebRtcEngineName, Number(arg('port', '0'))).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
