/**
 * RTP load generator for bench/media-bridge.ts, run as a separate process
 * (child_process.fork) so its CPU is not charged to the bridge.
 *
 * For each call it binds two "phones" on 127.0.0.1 and sends 20 ms G.711
 * packets (172 bytes) both ways through the bridge under test. Each packet
 * carries, in an RTP header extension the bridge must pass untouched, the
 * send time, call index and direction, so loss, one-way latency and added
 * jitter are measured here with one clock, independent of payload
 * transcoding and of header rewriting.
 */
import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';

export type GeneratorRequest =
  | { type: 'bind'; calls: number }
  | { type: 'run'; targets: { a: number; b: number; ptA: number; ptB: number }[]; warmupMs: number; durationMs: number };

export type GeneratorReply =
  | { type: 'bound'; phones: { a: number; b: number }[] }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'result'; sent: number; received: number; latencyP50: number; latencyP99: number; latencyMax: number; jitterP99: number; sendLagP99: number };

const EXT_PROFILE = 0x5342; // 'SB'
const PACKET = 12 + 4 + 12 + 160;

let phones: { a: Socket; b: Socket }[] = [];

function send(msg: GeneratorReply): void {
  process.send?.(msg);
}

async function bindAll(calls: number): Promise<void> {
  const bindOne = (): Promise<Socket> =>
    new Promise((resolve) => {
      const s = createSocket({ type: 'udp4', recvBufferSize: 1 << 18 });
      s.bind(0, '127.0.0.1', () => resolve(s));
    });
  phones = [];
  for (let i = 0; i < calls; i++) phones.push({ a: await bindOne(), b: await bindOne() });
  send({ type: 'bound', phones: phones.map((p) => ({ a: p.a.address().port, b: p.b.address().port })) });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function run(req: Extract<GeneratorRequest, { type: 'run' }>): void {
  const n = req.targets.length;
  // Sending starts 50 ms from now, once every socket is connected (connect() is asynchronous).
  const t0 = performance.now() + 50;
  const windowStart = t0 + req.warmupMs;
  const windowEnd = windowStart + req.durationMs;
  const capacity = n * 2 * Math.ceil(req.durationMs / 20 + 10);
  const latencies = new Float64Array(capacity);
  const deltas = new Float64Array(capacity);
  const lags = new Float64Array(Math.ceil((req.warmupMs + req.durationMs) / 2) + 100);
  let lagCount = 0;
  let latCount = 0, deltaCount = 0, sent = 0, received = 0;
  const lastLatency = new Float64Array(n * 2).fill(NaN);
  // One reusable packet per direction per call: header + extension + payload.
  const packets = req.targets.map((t, i) =>
    [t.ptA, t.ptB].map((pt, dir) => {
      const b = Buffer.alloc(PACKET, pt === 8 ? 0xd5 : 0xff);
      b[0] = 0x90; // V=2, X=1
      b[1] = pt;
      b.writeUInt32BE(0x10000 * (i + 1) + dir, 8);
      b.writeUInt16BE(EXT_PROFILE, 12);
      b.writeUInt16BE(3, 14);
      b.writeUInt32BE(i * 2 + dir, 24);
      return b;
    }),
  );
  const onMessage = (msg: Buffer): void => {
    if (msg.length < 28 || !(msg[0] & 0x10)) return; // RTCP or junk
    const ext = 12 + (msg[0] & 0x0f) * 4;
    if (msg.readUInt16BE(ext) !== EXT_PROFILE) return;
    const sentAt = msg.readDoubleBE(ext + 4);
    const stream = msg.readUInt32BE(ext + 12);
    const now = performance.now();
    if (sentAt < windowStart || sentAt >= windowEnd) return;
    received++;
    const lat = now - sentAt;
    if (latCount < capacity) latencies[latCount++] = lat;
    const prev = lastLatency[stream];
    // RFC 3550 A.8 D(i-1,i) with one clock: the change in transit time between consecutive packets.
    if (!Number.isNaN(prev) && deltaCount < capacity) deltas[deltaCount++] = Math.abs(lat - prev);
    lastLatency[stream] = lat;
  };
  for (const [i, p] of phones.entries()) {
    p.a.on('message', onMessage);
    p.b.on('message', onMessage);
    // Connected sockets: the cheapest send path Node has, so the generator is not the bottleneck.
    p.a.connect(req.targets[i].a, '127.0.0.1');
    p.b.connect(req.targets[i].b, '127.0.0.1');
  }
  // Spread the calls over the 20 ms frame (10 groups, one every 2 ms) as real calls are.
  const groups = 10;
  let tick = 0;
  let seq = 0;
  let windowStarted = false;
  const loop = (): void => {
    const now = performance.now();
    if (now >= windowEnd) {
      send({ type: 'window-end' });
      setTimeout(() => finish(), 300); // drain
      return;
    }
    if (!windowStarted && now >= windowStart) {
      windowStarted = true;
      send({ type: 'window-start' });
    }
    const due = t0 + tick * 2;
    if (now >= windowStart && lagCount < lags.length) lags[lagCount++] = now - due;
    const group = tick % groups;
    if (group === 0) seq++;
    for (let i = group; i < n; i += groups) {
      for (let dir = 0; dir < 2; dir++) {
        const b = packets[i][dir];
        b.writeUInt16BE(seq & 0xffff, 2);
        b.writeUInt32BE((seq * 160) >>> 0, 4);
        const at = performance.now();
        b.writeDoubleBE(at, 16);
        if (at >= windowStart) sent++;
        (dir === 0 ? phones[i].a : phones[i].b).send(b);
      }
    }
    tick++;
    setTimeout(loop, Math.max(0, t0 + tick * 2 - performance.now()));
  };
  const finish = (): void => {
    const lat = latencies.subarray(0, latCount).sort();
    const del = deltas.subarray(0, deltaCount).sort();
    const lag = lags.subarray(0, lagCount).sort();
    send({
      type: 'result', sent, received,
      latencyP50: percentile(lat, 50), latencyP99: percentile(lat, 99), latencyMax: lat.length ? lat[lat.length - 1] : 0,
      jitterP99: percentile(del, 99), sendLagP99: percentile(lag, 99),
    });
    for (const p of phones) {
      p.a.close();
      p.b.close();
    }
    phones = [];
  };
  setTimeout(loop, 50);
}

process.on('message', (m: GeneratorRequest) => {
  if (m.type === 'bind') void bindAll(m.calls);
  else run(m);
});
process.on('disconnect', () => process.exit(0));
