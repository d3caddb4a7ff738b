// The whole server, as `npm start` runs it, answers SIP: SIPp's uac calls the
// echo test on the port the server chose, 20 calls, all completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../helpers/server.js';
import { freePort, peerUnavailable } from './helpers/peers.js';
import { runSipp, sippPath } from './helpers/sipp.js';

void test('the running server answers sip:echo: SIPp uac places 20 calls, all answered, ACKed and hung up', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, sippPath() === '' ? 'sipp not installed (Debian package sip-tester)' : undefined)) return;
  const rtp = 30000 + 2 * Math.floor(Math.random() * 1000);
  const srv = await startTestServer({ SIP_HOST: '127.0.0.1', RTP_PORT_MIN: String(rtp), RTP_PORT_MAX: String(rtp + 199) });
  try {
    const tel = srv.sb.telephony;
    assert.ok(tel, 'telephony starts with the server');
    const port = tel.ports.udp!;
    const r = await runSipp(['-sn', 'uac', '-s', 'echo', '-i', '127.0.0.1', '-p', String(await freePort()), '-m', '20', '-r', '10',
      '-timeout', '30s', '-timeout_error', `127.0.0.1:${port}`]);
    assert.equal(r.code, 0, `sipp failed:\n${r.out.slice(-2000)}`);
    assert.match(r.out, /Successful call\s+\|\s+\d+\s+\|\s+20\b/);
    assert.equal(tel.activeCalls, 0, 'every call released');
    assert.equal(tel.rtpPortsInUse, 0, 'every RTP port released');
  } finally {
    await srv.stop();
  }
});
