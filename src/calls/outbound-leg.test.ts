import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { PortAllocator } from '../media/rtp/port-allocator.js';
import { createLogger } from '../platform/logger.js';
import { TransportLayer } from '../sip/transport/transport-layer.js';
import { listenUdp } from '../sip/transport/udp-transport.js';
import { createUserAgent } from '../sip/ua/user-agent.js';
import { OutboundLeg } from './outbound-leg.js';
import { until } from './test-phone.test-helper.js';

/**
 * A phone written by hand on a bare socket, so it can do what a phone does
 * in a race: answer with 200 although our CANCEL is on its way (§9.1 glare).
 */
async function glarePhone() {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  const got: string[] = [];
  const reply = (req: string, status: string, to: RemoteInfo, extra = '', sdp = '') => {
    const h = (name: string) => req.split('\r\n').filter((l) => l.toLowerCase().startsWith(`${name}:`)).join('\r\n');
    const toLine = /;tag=/.test(h('to')) ? h('to') : `${h('to')};tag=phone1`;
    const msg = `SIP/2.0 ${status}\r\n${h('via')}\r\n${h('from')}\r\n${toLine}\r\n${h('call-id')}\r\n${h('cseq')}\r\n${extra}Content-Length: ${sdp.length}\r\n\r\n${sdp}`;
    sock.send(msg, to.port, to.address);
  };
  const port = sock.address().port;
  const sdp = `v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`;
  let invite = '';
  sock.on('message', (m, from) => {
    const text = m.toString();
    got.push(text.split('\r\n')[0]);
    if (text.startsWith('INVITE')) {
      invite = text;
      reply(text, '100 Trying', from);
      reply(text, '180 Ringing', from);
    } else if (text.startsWith('CANCEL')) {
      // Answered just before the CANCEL arrived: 200 to the INVITE, then 200 to the CANCEL.
      reply(invite, '200 OK', from, `Contact: <sip:phone@127.0.0.1:${port}>\r\nContent-Type: application/sdp\r\n`, sdp);
      reply(text, '200 OK', from);
    } else if (text.startsWith('BYE')) {
      reply(text, '200 OK', from);
    }
  });
  return { port, got, close: () => sock.close() };
}

void test('a phone that answers as we cancel is hung up at once, and the call\'s RTP ports are released', async () => {
  const transport = new TransportLayer();
  transport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: transport }));
  const ua = createUserAgent({ transport, host: '127.0.0.1', delegate: {} });
  const allocator = new PortAllocator({ min: 41000, max: 41099 }, '127.0.0.1');
  const phone = await glarePhone();
  try {
    let created: OutboundLeg | undefined;
    const dialing = OutboundLeg.dial({ ua, allocator, address: '127.0.0.1', target: `sip:agent@127.0.0.1:${phone.port}`, ringTimeoutMs: 10_000,
      log: createLogger('silent'), onCreated: (l) => (created = l) });
    assert.ok(await until(() => phone.got.includes('INVITE sip:agent@127.0.0.1:' + phone.port + ' SIP/2.0') && created?.state === 'ringing'), 'ringing');
    assert.equal(allocator.inUse, 1, 'the offer holds an RTP port while it rings');
    created!.cancel();
    const leg = await dialing;
    assert.deepEqual(leg.failure, { reason: 'cancelled' }, 'the dial still failed: the caller gave up first');
    assert.equal(leg.ended, true);
    assert.ok(await until(() => phone.got.some((l) => l.startsWith('BYE'))), `the answered phone was hung up: ${phone.got.join(' | ')}`);
    assert.ok(phone.got.some((l) => l.startsWith('ACK')), 'its 200 was acknowledged first');
    assert.equal(allocator.inUse, 0, 'no RTP port left behind');
  } finally {
    phone.close();
    ua.dispose();
    await transport.close();
  }
});
