import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { ListenOptions, Transport } from './transport.js';

/** UDP listener (RFC 3261 §18.1.1, §18.2.1): one datagram is one message. */
export async function listenUdp(opts: ListenOptions): Promise<Transport> {
  const socket = createSocket({ type: isIPv6(opts.address) ? 'udp6' : 'udp4', reuseAddr: false });
  const max = opts.maxMessageBytes ?? 65535;
  let closed = false;
  const transport: Transport = {
    protocol: 'UDP',
    reliable: false,
    local: { address: opts.address, port: 0 },
    send(dest, bytes) {
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        socket.send(bytes, dest.port, dest.address, (err) => (err ? reject(err) : resolve()));
      });
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
  socket.on('message', (msg, rinfo) => {
    if (msg.length > max) return;
    const source = { protocol: 'UDP' as const, address: rinfo.address, port: rinfo.port };
    if (opts.admit !== undefined && !opts.admit(source)) return;
    opts.sink.onFrame(msg, source, transport);
  });
  // A send to an unreachable peer surfaces as an error event: never crash on it.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  (transport.local as { port: number }).port = socket.address().port;
  return transport;
}
