/**
 * Load generator for bench/media-calls.ts, run as a separate process (fork)
 * so its CPU is not charged to Switchboard. Places N calls to sip:echo with
 * our own UA (or, for the baseline, just targets N plain UDP reflectors),
 * then every phone sends 20 ms PCMU packets for the window. Each payload
 * starts with a tag and a counter that the echo passes back untouched, so
 * loss is counted exactly, independent of the restamped RTP headers.
 */
import { createSocket, type Socket } from 'node:dgram';
import { serializeRtp, parseRtp } from '../../src/media/rtp/rtp-packet.js';
import { TransportLayer } from '../../src/sip/transport/transport-layer.js';
import { listenUdp } from '../../src/sip/transport/udp-transport.js';
import { createUserAgent } from '../../src/sip/ua/user-agent.js';
import type { OutgoingSession } from '../../src/sip/ua/outgoing-session.js';

export type EchoGeneratorRequest =
  | { type: 'run'; calls: number; sipPort?: number; reflectorPorts?: number[]; promptMs: number; windowMs: number };

export type EchoGeneratorReply =
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'result'; answered: number; sent: number; received: number };

const TAG = 0x5342; // 'SB'
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function bind(): Promise<Socket> {
  const s = createSocket({ type: 'udp4', recvBufferSize: 1 << 18 });
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  return s;
}

async function run(req: Extract<EchoGeneratorRequest, { type: 'run' }>): Promise<void> {
  const phones: { sock: Socket; remote: number }[] = [];
  const sessions: OutgoingSession[] = [];
  let received = 0;
  let counting = false;
  const transport = new TransportLayer();
  transport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: transport }));
  const ua = createUserAgent({ transport, host: '127.0.0.1', delegate: {}, contactUser: 'load' });
  for (let i = 0; i < req.calls; i++) {
    const sock = await bind();
    sock.on('message', (m: Buffer) => {
      if (!counting || m.length < 16) return;
      const p = parseRtp(m);
      if (p.payload.length >= 2 && ((p.payload[0] << 8) | p.payload[1]) === TAG) received++;
    });
    if (req.reflectorPorts) {
      phones.push({ sock, remote: req.reflectorPorts[i] });
      continue;
    }
    const port = sock.address().port;
    const sdp = `v=0\r\no=load ${i} 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n`;
    const s = ua.invite(`sip:echo@127.0.0.1:${req.sipPort}`, { body: Buffer.from(sdp) });
    sessions.push(s);
    const answer = await new Promise<string | undefined>((resolve) => {
      s.on('answered', (a) => resolve(a.body.toString()));
      s.on('failed', () => resolve(undefined));
    });
    const m = answer === undefined ? null : /m=audio (\d+)/.exec(answer);
    if (m) phones.push({ sock, remote: Number(m[1]) });
    else sock.close();
    if (i % 50 === 49) await sleep(50); // ~1000 setups/s at most: setup is not what this measures
  }
  await sleep(req.promptMs); // the echo starts after the prompt
  const payload = Buffer.alloc(160, 0xff);
  payload.writeUInt16BE(TAG, 0);
  let sent = 0;
  let seq = 0;
  counting = true;
  process.send?.({ type: 'window-start' } satisfies EchoGeneratorReply);
  const start = performance.now();
  for (let tick = 0; performance.now() - start < req.windowMs; tick++) {
    for (const ph of phones) {
      payload.writeUInt32BE(sent, 2);
      ph.sock.send(serializeRtp({ payloadType: 0, sequence: seq & 0xffff, timestamp: (seq * 160) >>> 0, ssrc: 7, payload }), ph.remote, '127.0.0.1');
      sent++;
    }
    seq++;
    const next = start + (tick + 1) * 20;
    await sleep(Math.max(0, next - performance.now()));
  }
  process.send?.({ type: 'window-end' } satisfies EchoGeneratorReply);
  await sleep(300); // late echoes still count
  counting = false;
  await Promise.all(sessions.map((s) => s.bye().catch(() => undefined)));
  await sleep(200);
  for (const ph of phones) ph.sock.close();
  ua.dispose();
  await transport.close();
  process.send?.({ type: 'result', answered: phones.length, sent, received } satisfies EchoGeneratorReply);
}

process.on('message', (req: EchoGeneratorRequest) => {
  run(req).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
