// baresip as an agent's desk phone: it registers with digest auth to our
// registrar, then we call the contact it registered and it auto-answers.
// Skips with a printed reason when baresip is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/platform/clock.js';
import { AuthThrottle, LocationService, createDigestServer, createRegistrar, registerHandler, startSipStack } from '../../src/sip/index.js';
import { freePort } from './helpers/peers.js';

const baresip = spawnSync('which', ['baresip'], { encoding: 'utf8' }).stdout.trim();
const MODULE_DIRS = ['/usr/lib/baresip/modules', '/usr/lib/x86_64-linux-gnu/baresip/modules', '/usr/local/lib/baresip/modules'];


/** A mono 16-bit 8 kHz WAV tone (baresip's ausine only runs at 48 kHz). */
function wav8k(freq: number, seconds: number): Buffer {
  const n = 8000 * seconds;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0); b.writeUInt32LE(36 + n * 2, 4); b.write('WAVEfmt ', 8); b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(8000, 24); b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34); b.write('data', 36); b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * freq * i) / 8000)), 44 + i * 2);
  return b;
}

async function until(cond: () => boolean, maxMs: number): Promise<boolean> {
  for (let waited = 0; waited < maxMs && !cond(); waited += 100) await new Promise((r) => setTimeout(r, 100));
  return cond();
}

void test('baresip registers with digest (401 then 200) and auto-answers our call', async (t) => {
  if (baresip === '') return t.skip('baresip not installed (Debian package baresip-core)');
  const modules = MODULE_DIRS.find((d) => existsSync(join(d, 'g711.so')));
  if (modules === undefined) return t.skip('baresip modules directory not found');
  const location = new LocationService(systemClock);
  // baresip 1.0 (libre) fails with ENOSYS on a SHA-256 challenge instead of taking the
  // MD5 one offered next, so this phone's realm offers MD5 only (RFC 8760 allows the choice).
  const auth = createDigestServer({ realm: 'switchboard.test', clock: systemClock, algorithms: ['MD5'], lookup: async (u) => (u === '2001' ? { password: 'desk-pw' } : null) });
  const registerStatuses: number[] = [];
  const registrar = createRegistrar({ clock: systemClock, location, auth, throttle: new AuthThrottle({ clock: systemClock }) });
  const handler = registerHandler(registrar);
  const stack = await startSipStack({
    bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', admission: false,
    delegate: { onRegister: (req, reply, from) => handler(req, (status, o) => { registerStatuses.push(status); reply(status, o); }, from) },
  });
  const dir = mkdtempSync(join(tmpdir(), 'baresip-'));
  const phonePort = await freePort();
  writeFileSync(join(dir, 'accounts'), `<sip:2001@127.0.0.1:${stack.ports.udp};transport=udp>;auth_pass=desk-pw;answermode=auto;regint=600;audio_codecs=PCMU\n`);
  writeFileSync(join(dir, 'tone.wav'), wav8k(400, 2));
  writeFileSync(join(dir, 'config'), [
    `module_path ${modules}`, 'module g711.so', 'module aufile.so', 'module account.so',
    `sip_listen 127.0.0.1:${phonePort}`, 'audio_player aufile,/dev/null', `audio_source aufile,${join(dir, 'tone.wav')}`, 'audio_alert aufile,/dev/null',
    'net_interface 127.0.0.1', 'sip_transports udp', '',
  ].join('\n'));
  const phone = spawn(baresip, ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const phoneClosed = new Promise((r) => phone.once('close', r));
  let log = '';
  phone.stdout.on('data', (d: Buffer) => (log += d.toString()));
  phone.stderr.on('data', (d: Buffer) => (log += d.toString()));
  try {
    assert.ok(await until(() => location.lookup('sip:2001@127.0.0.1').length > 0, 10_000), `no registration:\n${log.slice(-2000)}`);
    assert.deepEqual(registerStatuses.slice(0, 2), [401, 200], 'challenged, then accepted');
    const contact = location.lookup('sip:2001@127.0.0.1')[0].uri;
    const call = stack.ua.invite(contact, { body: Buffer.from('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 42000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n') });
    const outcome = await new Promise<string>((r) => {
      call.on('answered', () => r('answered'));
      call.on('failed', (f) => r(`failed ${f.status}`));
      setTimeout(() => r('no answer within 15 s'), 15_000).unref();
    });
    assert.equal(outcome, 'answered', log.slice(-2000));
    await call.bye();
  } finally {
    if (phone.exitCode === null) phone.kill('SIGTERM');
    await phoneClosed;
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
