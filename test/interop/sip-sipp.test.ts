// SIPp (Debian sip-tester) against our SIP stack: its built-in uac calls us, and
// we call its built-in uas. Skips with a printed reason when sipp is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { TransportLayer } from '../../src/sip/transport/transport-layer.js';
import { listenUdp } from '../../src/sip/transport/udp-transport.js';
import { listenTcp } from '../../src/sip/transport/tcp-transport.js';
import { createUserAgent } from '../../src/sip/ua/user-agent.js';
import { freePort } from './helpers/peers.js';

const sipp = spawnSync('which', ['sipp'], { encoding: 'utf8' }).stdout.trim();
const SDP = Buffer.from('v=0\r\no=switchboard 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n');

/** A free port (UDP and TCP share the number space we probe). */

function runSipp(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(sipp, ['-nostdin', '-timeout', '20s', '-timeout_error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => resolve({ code, out }));
  });
}

async function stack(onInvite?: Parameters<typeof createUserAgent>[0]['delegate']['onInvite']) {
  const transport = new TransportLayer();
  transport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: transport }));
  transport.add(await listenTcp({ address: '127.0.0.1', port: transport.get('UDP')!.local.port, sink: transport }).catch(async () => listenTcp({ address: '127.0.0.1', port: 0, sink: transport })));
  const ua = createUserAgent({ transport, host: '127.0.0.1', delegate: { onInvite } });
  return { ua, transport, port: transport.get('UDP')!.local.port };
}

void test('SIPp uac calls us 10 times over UDP: all answered with SDP, ACKed and hung up', async (t) => {
  if (sipp === '') return t.skip('sipp not installed (Debian package sip-tester)');
  let calls = 0;
  const s = await stack((session) => {
    calls++;
    session.progress(180);
    session.accept({ body: SDP });
  });
  try {
    const r = await runSipp(['-sn', 'uac', `127.0.0.1:${s.port}`, '-i', '127.0.0.1', '-p', String(await freePort()), '-m', '10', '-r', '10', '-l', '10', '-d', '100']);
    assert.equal(r.code, 0, `sipp failed:\n${r.out.slice(-2000)}`);
    assert.equal(calls, 10);
    assert.equal(s.ua.sessionCount, 0, 'every call ended with BYE');
  } finally {
    s.ua.dispose();
    await s.transport.close();
  }
});

void test('SIPp uac over TCP (-t t1): Content-Length framing and connection reuse', async (t) => {
  if (sipp === '') return t.skip('sipp not installed (Debian package sip-tester)');
  let calls = 0;
  const s = await stack((session) => {
    calls++;
    session.accept({ body: SDP });
  });
  try {
    const tcpPort = s.transport.get('TCP')!.local.port;
    const r = await runSipp(['-sn', 'uac', `127.0.0.1:${tcpPort}`, '-t', 't1', '-i', '127.0.0.1', '-p', String(await freePort()), '-m', '5', '-r', '10', '-d', '100']);
    assert.equal(r.code, 0, `sipp failed:\n${r.out.slice(-2000)}`);
    assert.equal(calls, 5);
  } finally {
    s.ua.dispose();
    await s.transport.close();
  }
});

void test('we call SIPp uas: 180, 200 with SDP, our ACK and BYE complete its scenario', async (t) => {
  if (sipp === '') return t.skip('sipp not installed (Debian package sip-tester)');
  const s = await stack();
  const sippPort = await freePort();
  const run = runSipp(['-sn', 'uas', '-i', '127.0.0.1', '-p', String(sippPort), '-m', '3']);
  try {
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 3; i++) {
      const call = s.ua.invite(`sip:service@127.0.0.1:${sippPort}`, { body: SDP });
      const outcome = await new Promise<string>((resolve) => {
        call.on('answered', () => resolve('answered'));
        call.on('failed', (f) => resolve(`failed ${f.status}`));
      });
      assert.equal(outcome, 'answered');
      await call.bye();
    }
    const r = await run;
    assert.equal(r.code, 0, `sipp failed:\n${r.out.slice(-2000)}`);
  } finally {
    s.ua.dispose();
    await s.transport.close();
  }
});
