import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../platform/clock.js';
import { startSipStack, createRegistrar, registerHandler, LocationService, createDigestServer, AuthThrottle } from './index.js';

void test('one call wires UDP+TCP, registrar with digest and the UA; a second stack reaches it over UDP and TCP', async () => {
  const clock = new VirtualClock();
  const location = new LocationService(clock);
  const auth = createDigestServer({ realm: 'sb.test', clock, lookup: async (u) => (u === '2001' ? { password: 'desk' } : null) });
  const registrar = createRegistrar({ clock, location, auth, throttle: new AuthThrottle({ clock }) });
  const pbx = await startSipStack({
    bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', clock,
    delegate: { onRegister: registerHandler(registrar), onInvite: (s) => s.accept({ body: Buffer.from('v=0\r\n') }) },
  });
  const phone = await startSipStack({ bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', delegate: {} });
  try {
    assert.ok(pbx.ports.udp && pbx.ports.tcp);
    const opt = await phone.ua.options(`sip:pbx@127.0.0.1:${pbx.ports.udp}`);
    assert.equal(opt.status, 200);
    assert.match(opt.headers.getAll('allow').join(', '), /REGISTER/, 'REGISTER is allowed once a registrar is wired');
    const call = phone.ua.invite(`sip:echo@127.0.0.1:${pbx.ports.tcp};transport=tcp`);
    assert.equal(await new Promise<string>((r) => { call.on('answered', () => r('ok')); call.on('failed', (f) => r(String(f.status))); }), 'ok');
    await call.bye();
  } finally {
    await Promise.all([pbx.close(), phone.close()]);
  }
});
