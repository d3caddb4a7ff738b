// Perl's Net::SIP (Debian libnet-sip-perl) as caller and as callee against our UA.
// Skips with a printed reason when perl or Net::SIP is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSipStack } from '../../src/sip/sip-stack.js';

const fixtures = fileURLToPath(new URL('../sip-fixtures/', import.meta.url));
const hasNetSip = spawnSync('perl', ['-MNet::SIP', '-e', '1']).status === 0;
const SDP = Buffer.from('v=0\r\no=switchboard 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n');

function perl(script: string, args: string[], onLine?: (line: string) => void): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('perl', [fixtures + script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => p.kill('SIGTERM'), 30_000);
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of d.toString().split('\n')) if (line !== '') onLine?.(line);
    });
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

void test('Net::SIP calls us: answered with SDP, then hangs up with BYE', async (t) => {
  if (!hasNetSip) return t.skip('perl Net::SIP not installed (Debian package libnet-sip-perl)');
  const ended: string[] = [];
  const stack = await startSipStack({
    bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', admission: false,
    delegate: { onInvite: (s) => { s.on('ended', (e) => ended.push(e.by)); s.accept({ body: SDP }); } },
  });
  try {
    const r = await perl('netsip-caller.pl', [`sip:echo@127.0.0.1:${stack.ports.udp}`]);
    assert.match(r.out, /CALL-OK/, r.out);
    assert.deepEqual(ended, ['remote']);
  } finally {
    await stack.close();
  }
});

void test('we call Net::SIP: it answers, our BYE ends its call', async (t) => {
  if (!hasNetSip) return t.skip('perl Net::SIP not installed (Debian package libnet-sip-perl)');
  const stack = await startSipStack({ bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', admission: false, delegate: {} });
  let port: (v: number) => void = () => undefined;
  const portKnown = new Promise<number>((r) => (port = r));
  try {
    const run = perl('netsip-callee.pl', [], (line) => {
      const m = /^PORT (\d+)/.exec(line);
      if (m !== null) port(Number(m[1]));
    });
    const call = stack.ua.invite(`sip:callee@127.0.0.1:${await portKnown}`, { body: SDP });
    const outcome = await new Promise<string>((r) => { call.on('answered', () => r('answered')); call.on('failed', (f) => r(`failed ${f.status}`)); });
    assert.equal(outcome, 'answered');
    await new Promise((r) => setTimeout(r, 200));
    await call.bye();
    const r = await run;
    assert.match(r.out, /ESTABLISHED\nHUNGUP/, r.out);
  } finally {
    await stack.close();
  }
});
