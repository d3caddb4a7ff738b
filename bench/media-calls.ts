/**
 * Benchmark: N concurrent echo calls through the whole stack (SIP set-up by
 * our UA, RTP port pairs, the echo service on the main thread). A separate
 * process (bench/sip/echo-call-generator.ts) places the calls and sends
 * 20 ms PCMU both ways' worth of traffic; here we measure our CPU
 * (process.cpuUsage) and event-loop delay over the same window. Baseline in
 * the same run: the same load against N plain UDP reflectors in this process.
 *
 *   npx tsx bench/media-calls.ts [--calls 50,100,200,400] [--seconds 5]
 *
 * Prints one JSON document.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/platform/logger.js';
import { startTelephony, type Telephony } from '../src/calls/telephony.js';
import type { EchoGeneratorReply, EchoGeneratorRequest } from './sip/echo-call-generator.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const CALLS = arg('calls', '50,100,200,400').split(',').map(Number);
const SECONDS = Number(arg('seconds', '5'));
const PROMPT_MS = 1500; // generated intro (1.15 s) plus margin

interface Row {
  mode: 'baseline-udp-reflector' | 'switchboard-echo';
  calls: number;
  answered: number;
  sent: number;
  received: number;
  lossPct: number;
  cpuPctOfOneCore: number;
  cpuUsPerCallSecond: number;
  loopDelayP99Ms: number;
}

async function reflectors(n: number): Promise<{ ports: number[]; close(): void }> {
  const socks: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const s = createSocket({ type: 'udp4', recvBufferSize: 1 << 18 });
    s.on('message', (m, r) => s.send(m, r.port, r.address));
    await new Promise<void>((res) => s.bind(0, '127.0.0.1', res));
    socks.push(s);
  }
  return { ports: socks.map((s) => s.address().port), close: () => socks.forEach((s) => s.close()) };
}

function measure(gen: ChildProcess, req: EchoGeneratorRequest, mode: Row['mode']): Promise<Row> {
  return new Promise((resolve) => {
    let cpu0 = process.cpuUsage();
    let t0 = 0;
    let cpuUs = 0;
    let wallMs = 0;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const onMessage = (m: EchoGeneratorReply): void => {
      if (m.type === 'window-start') {
        cpu0 = process.cpuUsage();
        t0 = performance.now();
        loop.reset();
        loop.enable();
      } else if (m.type === 'window-end') {
        const d = process.cpuUsage(cpu0);
        cpuUs = d.user + d.system;
        wallMs = performance.now() - t0;
        loop.disable();
      } else {
        gen.off('message', onMessage);
        const callSeconds = Math.max(1, m.answered) * (wallMs / 1000);
        resolve({
          mode, calls: req.calls, answered: m.answered, sent: m.sent, received: m.received,
          lossPct: Math.round((1 - m.received / Math.max(1, m.sent)) * 10000) / 100,
          cpuPctOfOneCore: Math.round((cpuUs / 1000 / Math.max(1, wallMs)) * 1000) / 10,
          cpuUsPerCallSecond: Math.round(cpuUs / callSeconds),
          loopDelayP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
        });
      }
    };
    gen.on('message', onMessage);
    gen.send(req);
  });
}

async function main(): Promise<void> {
  const gen = fork(fileURLToPath(new URL('./sip/echo-call-generator.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let tel: Telephony | undefined;
  const rows: Row[] = [];
  try {
    tel = await startTelephony({
      config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: 30000, RTP_PORT_MAX: 39999 },
      log: createLogger('warn', process.stderr), bindAddress: '127.0.0.1', admission: false, promptsDir: '/nonexistent',
    });
    for (const n of CALLS) {
      const refl = await reflectors(n);
      rows.push(await measure(gen, { type: 'run', calls: n, reflectorPorts: refl.ports, promptMs: 200, windowMs: SECONDS * 1000 }, 'baseline-udp-reflector'));
      refl.close();
      process.stderr.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
      rows.push(await measure(gen, { type: 'run', calls: n, sipPort: tel.ports.udp, promptMs: PROMPT_MS, windowMs: SECONDS * 1000 }, 'switchboard-echo'));
      process.stderr.write(`${JSON.stringify(rows[rows.length - 1])}\n`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await tel?.stop();
    gen.kill();
  }
  console.log(JSON.stringify({
    benchmark: 'media-echo-calls',
    scenario: `N concurrent calls to sip:echo, caller sends 20 ms PCMU for ${SECONDS} s, echo on the main thread; loss = echoed / sent`,
    host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    rows,
  }, null, 2));
}

await main();
