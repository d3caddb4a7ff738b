import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TransportLayer } from '../transport/transport-layer.js';
import type { Endpoint, Transport } from '../transport/transport.js';
import { parseMessage } from '../message/parse-message.js';
import { createResponse } from '../message/response.js';
import type { SipRequest } from '../message/message.js';
import { FakeTimers } from './timers.js';
import { TransactionLayer, type ServerTransaction } from './transaction-layer.js';
import { InviteServerTransaction } from './invite-server-transaction.js';

function setup() {
  const wire: string[] = [];
  const udp: Transport = {
    protocol: 'UDP', reliable: false, local: { address: '127.0.0.1', port: 5060 },
    send: async (_dest, bytes) => void wire.push(bytes.toString()),
    close: async () => undefined,
  };
  const transport = new TransportLayer();
  transport.add(udp);
  const timers = new FakeTimers();
  const layer = new TransactionLayer({ transport, timers });
  const seen: string[] = [];
  const txs: ServerTransaction[] = [];
  layer.setUser({
    onRequest: (req, tx) => {
      seen.push(req.method);
      txs.push(tx);
      tx.respond(createResponse(req, 100));
    },
    onAck: (ack) => seen.push(`stray ${ack.method}`),
    onCancel: (c, inv) => {
      seen.push(`cancel ${inv === undefined ? 'none' : 'matched'}`);
      if (inv !== undefined) inv.respond(createResponse(inv.request, 487, { toTag: 't' }));
    },
  });
  const src: Endpoint = { protocol: 'UDP', address: '192.0.2.1', port: 5060 };
  const inject = (text: string) => transport.onFrame(Buffer.from(text), src, udp);
  return { wire, layer, seen, txs, inject, timers };
}

const msg = (method: string, branch: string, cseq = `1 ${method}`) =>
  `${method} sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=${branch}\r\nFrom: <sip:a@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: ${cseq}\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;

const flush = () => new Promise((r) => setImmediate(r));

void test('a retransmitted INVITE is absorbed and answered with the last provisional', async () => {
  const s = setup();
  s.inject(msg('INVITE', 'z9hG4bK1'));
  s.inject(msg('INVITE', 'z9hG4bK1'));
  await flush();
  assert.deepEqual(s.seen, ['INVITE']);
  assert.equal(s.wire.filter((w) => w.startsWith('SIP/2.0 100')).length, 2);
});

void test('CANCEL matches its INVITE (§9.2): 200 to the CANCEL, 487 to the INVITE; the ACK for 487 is absorbed', async () => {
  const s = setup();
  s.inject(msg('INVITE', 'z9hG4bK2'));
  s.inject(msg('CANCEL', 'z9hG4bK2', '1 CANCEL'));
  await flush();
  assert.deepEqual(s.seen, ['INVITE', 'cancel matched']);
  assert.ok(s.wire.some((w) => w.startsWith('SIP/2.0 200 OK') && w.includes('CSeq: 1 CANCEL')));
  assert.ok(s.wire.some((w) => w.startsWith('SIP/2.0 487') && w.includes('CSeq: 1 INVITE')));
  s.inject(msg('ACK', 'z9hG4bK2', '1 ACK'));
  assert.equal((s.txs[0] as InviteServerTransaction).state, 'confirmed');
  assert.deepEqual(s.seen, ['INVITE', 'cancel matched'], 'the ACK did not reach the TU');
});

void test('a CANCEL for no INVITE gets 481; an ACK with another branch (2xx ACK) goes to the TU', async () => {
  const s = setup();
  s.inject(msg('CANCEL', 'z9hG4bK3', '1 CANCEL'));
  s.inject(msg('ACK', 'z9hG4bK4', '1 ACK'));
  await flush();
  assert.ok(s.wire.some((w) => w.startsWith('SIP/2.0 481')));
  assert.deepEqual(s.seen, ['cancel none', 'stray ACK']);
});

void test('client transactions: responses match by branch and method; timers drop ended transactions', () => {
  const s = setup();
  const r = parseMessage(msg('OPTIONS', 'z9hG4bKc1'));
  assert.ok(r.ok);
  const got: number[] = [];
  s.layer.sendRequest(r.message as SipRequest, { protocol: 'UDP', address: '192.0.2.9', port: 5060 },
    { onResponse: (res) => got.push(res.status), onTimeout: () => got.push(408), onTransportError: () => got.push(503) });
  s.inject(msg('OPTIONS', 'z9hG4bKc1').replace(/^OPTIONS sip:bob@example.com SIP\/2.0/, 'SIP/2.0 200 OK'));
  s.inject(msg('OPTIONS', 'z9hG4bKother').replace(/^OPTIONS sip:bob@example.com SIP\/2.0/, 'SIP/2.0 200 OK'));
  assert.deepEqual(got, [200]);
  s.timers.advance(5000);
  assert.deepEqual(s.layer.counts, { server: 0, client: 0 });
});

void test('RFC 2543 requests without a cookie branch still match their retransmissions', async () => {
  const s = setup();
  const old = msg('OPTIONS', 'x').replace(';branch=x', '');
  s.inject(old);
  s.inject(old);
  await flush();
  assert.deepEqual(s.seen, ['OPTIONS']);
});
