/**
 * Benchmark: call setups per second. SIPp's built-in `uac` (INVITE → 100 →
 * 180? → 200 → ACK → BYE → 200) calls Switchboard's echo service at rising
 * rates; each rate runs for --seconds. Reported: the highest rate with 0
 * failed calls. Baseline in the same run: SIPp `uac` against SIPp `uas`
 * (the reference tool answering on the same machine).
 *
 *   npx tsx bench/sip-setup.ts [--rates 50,100,200,300,400,600,800] [--seconds 10]
 *
 * Switchboard runs in this process with the full inbound path (dial plan,
 * an RTP port pair and SDP answer per call, the echo service's prompt
 * starting on ACK). SIPp's uac sends no RTP. The per-source INVITE rate
 * limit is turned off: one SIPp address is the whole load. Prints one JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/platform/logger.js';
import { startTelephony } from '../src/calls/telephony.js';
import { SIPP, runUac, startUas, type UacRun } from './sip/sipp-runner.js';
import { freePort } from '../test/interop/helpers/peers.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const RATES = arg('rates', '50,100,200,300,400,600,800').split(',').map(Number);
const SECONDS = Number(arg('seconds', '10'));
const TARGET_RATE = 200;


interface Row {
  rate: number;
  calls: number;
  successful: number;
  failed: number;
  retransmissions: number;
  responseTimeMs: number;
  achievedRate: number;
  cpuMsPerCall?: number;
  sipExitCode: number | null;
}

function row(rate: number, calls: number, r: UacRun, cpuMs?: number): Row {
  const s = r.stats;
  const successful = s?.successful ?? 0;
  return {
    rate, calls, successful, failed: s === undefined ? calls : s.failed + Math.max(0, calls - successful - s.failed),
    retransmissions: s?.retransmissions ?? 0, responseTimeMs: Math.round((s?.responseTimeMs ?? 0) * 100) / 100,
    achievedRate: s && s.elapsedS > 0 ? Math.round(successful / s.elapsedS) : 0,
    ...(cpuMs === undefined ? {} : { cpuMsPerCall: Math.round((cpuMs / Math.max(1, successful)) * 1000) / 1000 }),
    sipExitCode: r.exitCode,
  };
}

/** Runs the rising rates against one target; stops after two failing rates in a row. */
async function sweep(target: string, dir: string, cpu?: () => number): Promise<Row[]> {
  const rows: Row[] = [];
  let failing = 0;
  for (const rate of RATES) {
    const calls = rate * SECONDS;
    const before = cpu?.();
    const r = await runUac({ target, user: 'echo', rate, calls, localPort: await freePort(), dir, timeoutS: SECONDS * 3 + 30 });
    const used = before === undefined || cpu === undefined ? undefined : cpu() - before;
    const result = row(rate, calls, r, used);
    rows.push(result);
    process.stderr.write(`${target} ${JSON.stringify(result)}\n`);
    failing = result.failed > 0 || result.successful < calls ? failing + 1 : 0;
    if (failing >= 2) break;
    await new Promise((res) => setTimeout(res, 1000)); // let the last BYEs' transactions drain
  }
  return rows;
}

const maxClean = (rows: readonly Row[]): number => Math.max(0, ...rows.filter((r) => r.failed === 0 && r.successful === r.calls).map((r) => r.rate));

async function main(): Promise<void> {
  if (SIPP === '') {
    console.log(JSON.stringify({ benchmark: 'sip-call-setup', error: 'sipp not installed (Debian package sip-tester)' }));
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'sip-setup-'));
  try {
    const uasPort = await freePort();
    const uas = startUas(uasPort, dir);
    await new Promise((r) => setTimeout(r, 500));
    const baseline = await sweep(`127.0.0.1:${uasPort}`, dir);
    await uas.stop();

    const tel = await startTelephony({
      config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: 20000, RTP_PORT_MAX: 29999 },
      log: createLogger('warn', process.stderr), bindAddress: '127.0.0.1', admission: false,
    });
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let switchboard: Row[];
    try {
      switchboard = await sweep(`127.0.0.1:${tel.ports.udp}`, dir, cpu);
    } finally {
      await tel.stop();
    }
    const best = maxClean(switchboard);
    console.log(JSON.stringify({
      benchmark: 'sip-call-setup',
      scenario: `SIPp built-in uac (INVITE/200/ACK/BYE, no RTP), ${SECONDS} s per rate, UDP on loopback`,
      host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      baseline: { name: 'sipp uac -> sipp uas', maxRateWithoutFailures: maxClean(baseline), rows: baseline },
      switchboard: { name: 'sipp uac -> Switchboard sip:echo (dial plan, RTP port pair, SDP answer, prompt on ACK)', maxRateWithoutFailures: best, rows: switchboard },
      target: { callsPerSecond: TARGET_RATE, met: best >= TARGET_RATE },
    }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
