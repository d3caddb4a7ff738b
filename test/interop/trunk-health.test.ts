// Trunk health against a real carrier stand-in: SIPp as a UAS that answers
// OPTIONS. The trunk shows up (with a round trip) in the admin API and the
// metrics; once SIPp is killed, the next ping times out (Timer F, 64·T1 =
// 32 s) and the trunk shows down. Skips with a printed reason without sipp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '../../src/platform/event-bus.js';
import { loggedIn } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { freePort, peerUnavailable } from './helpers/peers.js';
import { sippPath } from './helpers/sipp.js';
import { eventually } from './helpers/voice-rig.js';

/** Answers every OPTIONS with 200 (a new Call-ID per ping is a new SIPp "call"). */
const OPTIONS_UAS = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="options uas">
  <recv request="OPTIONS" crlf="true"/>
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Allow: INVITE, ACK, CANCEL, BYE, OPTIONS
      Accept: application/sdp
      Content-Length: 0

    ]]>
  </send>
</scenario>
`;

interface Health { status: string; checked_at: string | null; response_code: number | null; rtt_ms: number | null; since: string | null }

void test('a trunk answering OPTIONS shows up with its round trip; killed, it shows down after the timeout', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, sippPath() === '' ? 'sipp not installed (Debian package sip-tester)' : undefined)) return;
  const dir = mkdtempSync(join(tmpdir(), 'trunk-health-'));
  writeFileSync(join(dir, 'options-uas.xml'), OPTIONS_UAS);
  const sippPort = await freePort();
  const sipp = spawn(sippPath(), ['-nostdin', '-sf', join(dir, 'options-uas.xml'), '-i', '127.0.0.1', '-p', String(sippPort), '-m', '100000'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let sippOut = '';
  sipp.stdout.on('data', (d: Buffer) => (sippOut = (sippOut + d.toString()).slice(-4000)));
  sipp.stderr.on('data', (d: Buffer) => (sippOut = (sippOut + d.toString()).slice(-4000)));
  const server = await startTestServer({ SIP_HOST: '127.0.0.1', TRUNK_OPTIONS_INTERVAL_S: '1' });
  const events: LiveEvent[] = [];
  const unsubscribe = server.sb.bus.subscribe((e) => { if (e.type === 'trunk.status') events.push(e); });
  try {
    const api = await loggedIn(server.url, server.adminEmail, server.adminPassword);
    const created = await api.req('POST', '/api/v1/trunks', { name: 'SIPp carrier', host: '127.0.0.1', port: sippPort });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.equal((created.body.health as Health).status, 'unknown', 'a new trunk is not checked yet');

    const health = async (): Promise<Health> => (await api.req('GET', `/api/v1/trunks/${id}`)).body.health as Health;
    const up = await eventually(health, (h) => h.status === 'up', 10_000);
    assert.equal(up.status, 'up', `trunk up:\n${sippOut}`);
    assert.equal(up.response_code, 200);
    assert.ok(up.rtt_ms !== null && up.rtt_ms >= 0 && up.rtt_ms < 1000, `round trip ${up.rtt_ms} ms`);
    const listed = (await api.req('GET', '/api/v1/trunks')).body.items as Array<{ id: string; health: Health }>;
    assert.equal(listed.find((r) => r.id === id)?.health.status, 'up', 'the list shows it too');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /switchboard_trunk_up\{trunk_id="[0-9a-f-]{36}",trunk="SIPp carrier"\} 1/);

    sipp.kill('SIGKILL');
    const down = await eventually(health, (h) => h.status === 'down', 45_000);
    assert.equal(down.status, 'down', 'no answer within Timer F: down');
    assert.equal(down.response_code, null);
    assert.equal(down.rtt_ms, null);
    assert.ok(down.since !== null && up.since !== null && down.since > up.since, 'down since the failed check');
    assert.match(await (await fetch(`${server.url}/metrics`)).text(), /switchboard_trunk_up\{trunk_id="[0-9a-f-]{36}",trunk="SIPp carrier"\} 0/);
    assert.deepEqual(events.filter((e) => e.data.id === id).map((e) => e.data.status), ['up', 'down'], 'one event per change');
  } finally {
    unsubscribe();
    sipp.kill('SIGKILL');
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
