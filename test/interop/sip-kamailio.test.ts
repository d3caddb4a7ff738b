// Kamailio as a record-routing proxy between two of our UAs: the callee copies
// Record-Route into its 200 (§12.1.1), the caller builds its route set from it,
// and the caller's ACK and BYE go through the proxy (loose routing, §12.2.1.1).
// Skips with a printed reason when kamailio is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransportLayer } from '../../src/sip/transport/transport-layer.js';
import { listenUdp } from '../../src/sip/transport/udp-transport.js';
import type { Transport } from '../../src/sip/transport/transport.js';
import { createUserAgent } from '../../src/sip/ua/user-agent.js';
import { freePort } from './helpers/peers.js';

const which = (bin: string) => spawnSync('which', [bin], { encoding: 'utf8' }).stdout.trim();
const kamailio = which('kamailio');
const MODULES = ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules', '/usr/lib64/kamailio/modules'];


function config(port: number, mpath: string): string {
  return `#!KAMAILIO
debug=1
log_stderror=yes
children=1
disable_tcp=yes
auto_aliases=no
listen=udp:127.0.0.1:${port}
mpath="${mpath}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "siputils.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
    sl_send_reply("404", "No Route"); exit;
  }
  loose_route();
  if (is_method("INVITE")) { record_route(); }
  t_relay();
}
`;
}

void test('through Kamailio (record-routing): our ACK and BYE follow the route set to the proxy', async (t) => {
  if (kamailio === '') return t.skip('kamailio not installed (Debian package kamailio)');
  const mpath = MODULES.find((m) => spawnSync('test', ['-f', join(m, 'tm.so')]).status === 0);
  if (mpath === undefined) return t.skip('kamailio modules directory not found');
  const dir = mkdtempSync(join(tmpdir(), 'kam-'));
  const kamPort = await freePort();
  writeFileSync(join(dir, 'kamailio.cfg'), config(kamPort, mpath));
  const procs: ChildProcess[] = [];
  const transport = new TransportLayer();
  const udp = await listenUdp({ address: '127.0.0.1', port: 0, sink: transport });
  const sentTo: Array<{ method: string; port: number }> = [];
  const spy: Transport = {
    ...udp, local: udp.local,
    send: (dest, bytes) => {
      const first = bytes.toString('latin1', 0, 40).split(' ')[0];
      sentTo.push({ method: first, port: dest.port });
      return udp.send(dest, bytes);
    },
    close: () => udp.close(),
  };
  transport.add(spy);
  const ua = createUserAgent({ transport, host: '127.0.0.1', delegate: {} });
  const calleeTransport = new TransportLayer();
  calleeTransport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: calleeTransport }));
  const calleePort = calleeTransport.get('UDP')!.local.port;
  let calleeEnded: Promise<{ by: string }> | undefined;
  const callee = createUserAgent({ transport: calleeTransport, host: '127.0.0.1', contactUser: 'agent', delegate: {
    onInvite: (s) => {
      calleeEnded = new Promise((r) => s.on('ended', r));
      s.accept({ body: Buffer.from('v=0\r\n') });
    },
  } });
  try {
    const kam = spawn(kamailio, ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E', '-Y', dir, '-P', join(dir, 'k.pid')], { stdio: ['ignore', 'ignore', 'pipe'] });
    procs.push(kam);
    let kamLog = '';
    kam.stderr.on('data', (d: Buffer) => (kamLog += d.toString()));
    await new Promise((r) => setTimeout(r, 800));

    const call = ua.invite(`sip:agent@127.0.0.1:${calleePort}`, { route: `sip:127.0.0.1:${kamPort};lr`, body: Buffer.from('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n') });
    const outcome = await new Promise<string>((resolve) => {
      call.on('answered', () => resolve('answered'));
      call.on('failed', (f) => resolve(`failed ${f.status}`));
    });
    assert.equal(outcome, 'answered', kamLog.slice(-1500));
    assert.deepEqual(call.dialog?.routeSet.map((r) => r.uri.scheme), ['sip'], 'one Record-Route from Kamailio');
    await call.bye();
    assert.equal((await calleeEnded!).by, 'remote', 'the callee got the BYE through the proxy');
    const inDialog = sentTo.filter((s) => s.method === 'ACK' || s.method === 'BYE');
    assert.deepEqual(inDialog, [{ method: 'ACK', port: kamPort }, { method: 'BYE', port: kamPort }]);
  } finally {
    ua.dispose();
    callee.dispose();
    await Promise.all([transport.close(), calleeTransport.close()]);
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
