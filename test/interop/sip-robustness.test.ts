// Hostile traffic against a running SIP stack on 127.0.0.1: thousands of
// mutated datagrams and TCP streams, then an INVITE flood from one address.
// Afterwards the stack still answers OPTIONS, every transaction and session
// it created has been released, and other addresses still get through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect } from 'node:net';
import { once } from 'node:events';
import { systemClock } from '../../src/platform/clock.js';
import { TransportLayer } from '../../src/sip/transport/transport-layer.js';
import { listenUdp } from '../../src/sip/transport/udp-transport.js';
import { listenTcp } from '../../src/sip/transport/tcp-transport.js';
import { createUserAgent } from '../../src/sip/ua/user-agent.js';
import { createAdmission } from '../../src/sip/ua/rate-limiter.js';
import { mutate, rng, sampleMessages } from '../../src/sip/message/sample-messages.test-helper.js';

const SDP = Buffer.from('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n');

async function startStack() {
  const transport = new TransportLayer();
  transport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: transport }));
  transport.add(await listenTcp({ address: '127.0.0.1', port: 0, sink: transport, maxMessageBytes: 65535 }));
  const admit = createAdmission({ clock: systemClock, ratePerSec: 20, burst: 20 });
  const ua = createUserAgent({
    transport, host: '127.0.0.1', admit,
    // Short timers so every transaction ends within the test; no DNS for hostile host names.
    timerConfig: { T1: 20, T2: 80, T4: 100, D: 200 },
    resolve: async () => { throw new Error('no DNS in this test'); },
    delegate: { onInvite: (s) => s.accept({ body: SDP }) },
  });
  return { ua, transport, admit, udpPort: transport.get('UDP')!.local.port, tcpPort: transport.get('TCP')!.local.port };
}

async function udpClient(address = '127.0.0.1'): Promise<UdpSocket> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, address, r));
  return s;
}

async function optionsAnswered(port: number): Promise<string> {
  const c = await udpClient();
  try {
    c.send(`OPTIONS sip:pbx@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${c.address().port};branch=z9hG4bKprobe${Date.now()};rport\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:pbx@127.0.0.1>\r\nCall-ID: probe-${Date.now()}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`, port, '127.0.0.1');
    const [m] = (await once(c, 'message')) as [Buffer];
    return m.toString();
  } finally {
    c.close();
  }
}

async function until(cond: () => boolean, maxMs: number): Promise<boolean> {
  for (let waited = 0; waited < maxMs; waited += 50) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

void test('5,000 mutated datagrams and 300 mutated TCP streams: no crash, OPTIONS still answered, all state released', async () => {
  const s = await startStack();
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const heapBefore = process.memoryUsage().heapUsed;
  const seeds = sampleMessages();
  const r = rng(18);
  const client = await udpClient();
  client.on('message', () => undefined);
  try {
    for (let i = 0; i < 5000; i++) {
      let m = seeds[i % seeds.length];
      for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) m = mutate(m, r);
      if (m.length > 0 && m.length < 65000) client.send(m, s.udpPort, '127.0.0.1');
      if (i % 200 === 0) await new Promise((res) => setImmediate(res));
    }
    for (let i = 0; i < 300; i++) {
      const sock = connect(s.tcpPort, '127.0.0.1');
      sock.on('error', () => undefined);
      sock.on('data', () => undefined);
      await once(sock, 'connect');
      sock.end(Buffer.concat([seeds[i % seeds.length], mutate(seeds[(i + 3) % seeds.length], r), seeds[(i + 5) % seeds.length]]));
      if (i % 20 === 0) await new Promise((res) => setImmediate(res));
    }
    assert.match(await optionsAnswered(s.udpPort), /^SIP\/2\.0 200 OK\r\n[^]*Allow: INVITE/);
    const drained = await until(() => s.ua.transactions.counts.server === 0 && s.ua.transactions.counts.client === 0 && s.ua.sessionCount === 0, 8000);
    assert.ok(drained, `state left: ${JSON.stringify(s.ua.transactions.counts)} sessions=${s.ua.sessionCount}`);
    assert.deepEqual(unhandled, []);
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    assert.ok(grownMb < 200, `heap grew ${grownMb.toFixed(1)} MB`);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    client.close();
    s.ua.dispose();
    await s.transport.close();
  }
});

void test('an INVITE flood from one address gets 503 + Retry-After then silence; another address still connects', async () => {
  const s = await startStack();
  const flooder = await udpClient('127.0.0.2');
  const replies: string[] = [];
  // One entry per call: final responses are retransmitted until ACKed, which this flooder never does.
  const seen = new Set<string>();
  flooder.on('message', (m: Buffer) => {
    const text = m.toString();
    const line = text.split('\r\n')[0] + (/\r\nRetry-After: \d+/.test(text) ? ' +RA' : '');
    const key = `${line}|${/\r\nCall-ID: (\S+)/.exec(text)?.[1]}`;
    if (seen.has(key)) return;
    seen.add(key);
    replies.push(line);
  });
  const invite = (i: number, port: number) => Buffer.from(`INVITE sip:echo@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:${port};branch=z9hG4bKflood${i};rport\r\nFrom: <sip:f@127.0.0.2>;tag=f${i}\r\nTo: <sip:echo@127.0.0.1>\r\nCall-ID: flood-${i}\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP.toString()}`);
  try {
    const t0 = Date.now();
    for (let i = 0; i < 200; i++) flooder.send(invite(i, flooder.address().port), s.udpPort, '127.0.0.1');
    await until(() => replies.filter((r) => r.startsWith('SIP/2.0 503')).length >= 15, 3000);
    const sendS = (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 200));
    const answered = replies.filter((r) => r.startsWith('SIP/2.0 200')).length;
    const refused = replies.filter((r) => r === 'SIP/2.0 503 Service Unavailable +RA').length;
    // Burst 20, then 20/s refill: on a busy machine the flood takes longer to arrive, so the
    // bound grows with the time it took (wall clock), never with the 200 sent.
    const allowed = 20 + Math.ceil((sendS + 0.2) * 20);
    assert.ok(answered >= 20 && answered <= allowed, `the burst is served, no more (${answered} answered, at most ${allowed})`);
    assert.ok(refused >= 15, `then 503 with Retry-After (${refused})`);
    assert.ok(answered + refused < 200, `the rest is dropped without an answer (${answered} + ${refused} of 200)`);

    const other = await udpClient('127.0.0.3');
    try {
      other.send(invite(999, other.address().port).toString().replaceAll('127.0.0.2', '127.0.0.3'), s.udpPort, '127.0.0.1');
      let first = '';
      while (!first.startsWith('SIP/2.0 200')) first = ((await once(other, 'message')) as [Buffer])[0].toString();
      assert.match(first, /^SIP\/2\.0 200 OK/);
    } finally {
      other.close();
    }
  } finally {
    flooder.close();
    s.ua.dispose();
    await s.transport.close();
  }
});
