import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { once } from 'node:events';
import { TransportLayer, type Inbound } from './transport-layer.js';
import { listenUdp } from './udp-transport.js';
import { listenTcp } from './tcp-transport.js';
import { responseDestination } from './response-destination.js';
import { createResponse } from '../message/response.js';
import { type SipRequest, topVia } from '../message/message.js';
import { parseVia } from '../message/via.js';

const options = (via: string, extra = '') =>
  `OPTIONS sip:pbx@127.0.0.1 SIP/2.0\r\nVia: ${via}\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:pbx@h>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: 0\r\n\r\n`;

async function stack() {
  const layer = new TransportLayer();
  const got: Array<{ req: SipRequest; from: Inbound }> = [];
  layer.setDelegate({
    onRequest: (req, from) => {
      got.push({ req, from });
      void layer.sendResponse(createResponse(req, 200, { toTag: 'x' }), from);
    },
    onResponse: () => undefined,
  });
  layer.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: layer }));
  layer.add(await listenTcp({ address: '127.0.0.1', port: 0, sink: layer, maxMessageBytes: 4096 }));
  return { layer, got };
}

void test('§18.2.2 / RFC 3581: response destination from received, rport and maddr', () => {
  assert.deepEqual(responseDestination(parseVia('SIP/2.0/UDP pc.example.com:5062;received=192.0.2.1;rport=9988')!), { protocol: 'UDP', address: '192.0.2.1', port: 9988 });
  assert.deepEqual(responseDestination(parseVia('SIP/2.0/UDP pc.example.com;received=192.0.2.1')!), { protocol: 'UDP', address: '192.0.2.1', port: 5060 });
  assert.deepEqual(responseDestination(parseVia('SIP/2.0/UDP [2001:db8::9]:5070')!), { protocol: 'UDP', address: '2001:db8::9', port: 5070 });
  assert.deepEqual(responseDestination(parseVia('SIP/2.0/UDP h;maddr=239.1.1.1')!), { protocol: 'UDP', address: '239.1.1.1', port: 5060 });
  assert.equal(responseDestination(parseVia('SIP/2.0/TCP h:5080')!).protocol, 'TCP');
});

void test('UDP: received/rport stamped, response sent to the source port, malformed request answered 400', async () => {
  const { layer, got } = await stack();
  const client = createSocket('udp4');
  await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
  try {
    const port = layer.get('UDP')!.local.port;
    client.send(options('SIP/2.0/UDP client.invalid:5999;branch=z9hG4bKu1;rport'), port, '127.0.0.1');
    const [reply] = (await once(client, 'message')) as [Buffer];
    assert.match(reply.toString(), /^SIP\/2\.0 200 OK\r\n/);
    const via = topVia(got[0].req);
    assert.equal(via.params.get('received'), '127.0.0.1');
    assert.equal(via.params.get('rport'), String(client.address().port));
    client.send('OPTIONS sip:pbx@127.0.0.1 SIP/7.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKu2\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n', port, '127.0.0.1');
    const [bad] = (await once(client, 'message')) as [Buffer];
    assert.match(bad.toString(), /^SIP\/2\.0 505 Version Not Supported\r\n/);
    assert.equal(got.length, 1);
  } finally {
    client.close();
    await layer.close();
  }
});

void test('TCP: pipelined requests answered on the same connection; a bad Content-Length closes it', async () => {
  const { layer, got } = await stack();
  try {
    const port = layer.get('TCP')!.local.port;
    const sock = connect(port, '127.0.0.1');
    await once(sock, 'connect');
    let text = '';
    sock.on('data', (d: Buffer) => (text += d.toString()));
    sock.write(options('SIP/2.0/TCP c.invalid;branch=z9hG4bKt1') + options('SIP/2.0/TCP c.invalid;branch=z9hG4bKt2').replace('CSeq: 1', 'CSeq: 2'));
    while ((text.match(/SIP\/2\.0 200 OK/g) ?? []).length < 2) await once(sock, 'data');
    assert.equal(got.length, 2);
    assert.equal(got[0].from.source.port, sock.localPort);
    sock.write('OPTIONS sip:x@h SIP/2.0\r\nContent-Length: nope\r\n\r\n');
    await once(sock, 'close');
  } finally {
    await layer.close();
  }
});
