import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { PortAllocator } from './port-allocator.js';
import { RtpSession } from './rtp-session.js';
import { parseRtp, serializeRtp, type RtpPacket } from './rtp-packet.js';
import { parseRtcp, type RtcpPacket } from './rtcp-packet.js';

const base = 30000 + 2 * Math.floor(Math.random() * 4000);
const allocator = new PortAllocator({ min: base, max: base + 40 }, '127.0.0.1');

async function udp(): Promise<Socket> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  return s;
}

function packet(seq: number, pt = 0, ssrc = 0x1234, bytes = 160): Buffer {
  return serializeRtp({ payloadType: pt, sequence: seq, timestamp: seq * 160, ssrc, payload: new Uint8Array(bytes).fill(0xff) });
}

function nextRtp(session: RtpSession): Promise<RtpPacket> {
  return new Promise((resolve) => (session.delegate = { onRtp: (p) => resolve(p) }));
}

test('symmetric RTP: latches to where the peer really sends from, then ignores strangers', async () => {
  const peer = await udp();
  const stranger = await udp();
  // SDP says the peer receives on port 9 (wrong, as behind a NAT); it really sends from `peer`.
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: 9 }, payloadTypes: [0, 101], rtcpIntervalMs: 0 });
  try {
    const got = nextRtp(session);
    peer.send(packet(1), session.localPort, '127.0.0.1');
    assert.equal((await got).sequence, 1);
    assert.equal(session.latched, true);
    assert.equal(session.remote?.port, peer.address().port);

    const reply = once(peer, 'message');
    session.sendFrame(0, new Uint8Array(160).fill(0xff));
    const [msg] = (await reply) as [Buffer];
    const p = parseRtp(msg);
    assert.equal(p.ssrc, session.stream.ssrc);
    assert.equal(p.marker, true);

    // A stranger and an unnegotiated payload type are both dropped (the stranger
    // by the kernel once the socket is connected to the latched peer).
    const seen: number[] = [];
    const next = new Promise<void>((resolve) => (session.delegate = { onRtp: (p) => seen.push(p.sequence) === 1 && p.sequence === 4 && resolve() }));
    stranger.send(packet(2), session.localPort, '127.0.0.1');
    peer.send(packet(3, 96), session.localPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 20));
    peer.send(packet(4), session.localPort, '127.0.0.1');
    await next;
    assert.deepEqual(seen, [4]);
    // A re-INVITE moves the peer: the latch is released until its first packet.
    session.setRemote({ address: '127.0.0.1', port: peer.address().port });
    assert.equal(session.state, 'listening');
  } finally {
    session.dispose();
    peer.close();
    stranger.close();
  }
  assert.equal(session.state, 'disposed');
});

test("'sdp-address' latch refuses a first packet from another IP", async () => {
  const peer = await udp();
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.2', port: 4000 }, rtcpIntervalMs: 0 });
  try {
    peer.send(packet(1), session.localPort, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(session.latched, false);
    assert.equal(session.stats().dropped, 1);
  } finally {
    session.dispose();
    peer.close();
  }
});

test('inbound stats count loss; RTCP reports reach the peer; dispose sends BYE and frees the port', async () => {
  const peer = await udp();
  const peerRtcp = await udp();
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: peer.address().port }, rtcpIntervalMs: 0 });
  const rr: RtcpPacket[] = [];
  peerRtcp.on('message', (m: Buffer) => rr.push(...parseRtcp(m)));
  try {
    const port = session.localPort;
    let received = 0;
    const all = new Promise<void>((resolve) => (session.delegate = { onRtp: () => ++received === 8 && resolve() }));
    for (const seq of [10, 11, 12, 14, 15, 17, 18, 19]) peer.send(packet(seq), port, '127.0.0.1');
    await all;
    assert.equal(session.stats().inbound.lost, 2);
    // Symmetric RTCP: a report from the peer's RTCP socket tells us where to send ours.
    peerRtcp.send(Buffer.from([0x80, 201, 0, 1, 0, 0, 0x12, 0x34]), port + 1, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 30));
    session.dispose();
    session.dispose(); // idempotent
    await new Promise((r) => setTimeout(r, 30));
    const types = rr.map((p) => p.type);
    assert.ok(types.includes('rr') && types.includes('bye'), types.join(','));
    const block = rr.find((p) => p.type === 'rr');
    assert.equal(block?.type === 'rr' && block.reports[0].cumulativeLost, 2);
    assert.equal(allocator.inUse, 0);
  } finally {
    session.dispose();
    peer.close();
    peerRtcp.close();
  }
});

test('a second SSRC (e.g. a DTMF generator) keeps the session totals; loss and jitter stay per source', async () => {
  const peer = await udp();
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: peer.address().port }, payloadTypes: [0, 101], rtcpIntervalMs: 0 });
  try {
    const port = session.localPort;
    const sendAll = async (list: Buffer[]): Promise<void> => {
      let delivered = 0;
      const all = new Promise<void>((resolve) => (session.delegate = { onRtp: () => ++delivered === list.length && resolve() }));
      for (const b of list) peer.send(b, port, '127.0.0.1');
      await all;
    };
    // Audio from SSRC A: 6 packets, seq 100..107 with 102 and 105 lost.
    await sendAll([100, 101, 103, 104, 106, 107].map((q) => packet(q, 0, 0xaaaa)));
    assert.equal(session.stats().inbound.lost, 2);
    // DTMF from SSRC B, its own unrelated sequence numbers: 4 events of 4 bytes.
    await sendAll([5000, 5001, 5002, 5003].map((q) => packet(q, 101, 0xbbbb, 4)));
    let s = session.stats();
    assert.equal(s.packetsReceived, 10, 'every packet of both sources counts');
    assert.equal(s.octetsReceived, 6 * 160 + 4 * 4);
    assert.equal(s.remoteSources, 2);
    assert.equal(s.inbound.lost, 0, "B's statistics are its own: A's loss is not B's, and the SSRC jump is no loss");
    // A comes back: its A.1 state resumes (seq 108 follows 107), the total keeps growing.
    await sendAll([108, 109].map((q) => packet(q, 0, 0xaaaa)));
    s = session.stats();
    assert.equal(s.packetsReceived, 12);
    assert.equal(s.remoteSources, 2);
    assert.equal(s.inbound.lost, 2, "A's own loss, remembered across B's burst");
    assert.equal(s.inbound.highestSequence, 109);
  } finally {
    session.dispose();
    peer.close();
  }
});

test('RTCP is sent periodically (randomised 0.5–1.5 × interval): SR after sending, with CNAME', async () => {
  const { ManualMediaTimer } = await import('../media-timer.js');
  const timer = new ManualMediaTimer();
  const peerRtcp = await udp();
  const got: RtcpPacket[][] = [];
  peerRtcp.on('message', (m: Buffer) => got.push(parseRtcp(m)));
  // SDP says RTP on port P, so RTCP goes to P + 1 (RFC 3550 §11).
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: peerRtcp.address().port - 1 }, rtcpIntervalMs: 5000, timer, cname: 'sb@test' });
  try {
    session.sendFrame(0, new Uint8Array(160).fill(0xff));
    timer.advance(2400);
    assert.equal(timer.pending, 1);
    timer.advance(20000); // 22.4 s: at least 3 reports at ≤ 7.5 s apart
    for (let i = 0; i < 50 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(got.length >= 3, `reports: ${got.length}`);
    assert.equal(got[0][0].type, 'sr');
    assert.equal(got[1][0].type, 'rr', 'nothing sent since the last report: RR');
    const sdes = got[0][1];
    assert.equal(sdes.type === 'sdes' && sdes.cnames.get(session.stream.ssrc), 'sb@test');
  } finally {
    session.dispose();
    peerRtcp.close();
  }
  assert.equal(timer.pending, 0, 'dispose clears the RTCP timer');
});
