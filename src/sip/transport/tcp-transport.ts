import { type Socket, createConnection, createServer } from 'node:net';
import { StreamFramer } from '../message/stream-framer.js';
import type { Endpoint, ListenOptions, Transport } from './transport.js';

export interface TcpOptions extends ListenOptions {
  /** Idle connections are closed after this long (ms). */
  readonly idleTimeoutMs?: number;
  readonly maxConnections?: number;
}

const key = (address: string, port: number): string => `${address}|${port}`;

/**
 * TCP listener and connector (RFC 3261 §18.3): Content-Length framing, one
 * connection per peer reused in both directions (responses go back on the
 * request's connection, §18.2.2), bounded frame size and connection count.
 */
export async function listenTcp(opts: TcpOptions): Promise<Transport> {
  const conns = new Map<string, Socket>();
  const pending = new Map<string, Promise<Socket>>();
  const idle = opts.idleTimeoutMs ?? 120_000;
  const maxConns = opts.maxConnections ?? 2000;
  let closed = false;

  const server = createServer((socket) => {
    if (conns.size >= maxConns || socket.remoteAddress === undefined || socket.remotePort === undefined) {
      socket.destroy();
      return;
    }
    adopt(socket, socket.remoteAddress, socket.remotePort);
  });
  server.on('error', () => undefined);

  function adopt(socket: Socket, address: string, port: number): void {
    const id = key(address, port);
    const source: Endpoint = { protocol: 'TCP', address, port };
    conns.set(id, socket);
    socket.setNoDelay(true);
    socket.setTimeout(idle, () => socket.destroy());
    const framer = new StreamFramer({ maxMessageBytes: opts.maxMessageBytes });
    socket.on('data', (chunk: Buffer) => {
      if (opts.admit !== undefined && !opts.admit(source)) {
        socket.destroy();
        return;
      }
      for (const ev of framer.push(chunk)) {
        if (ev.type === 'message') opts.sink.onFrame(ev.bytes, source, transport);
        else if (ev.type === 'ping') socket.write('\r\n');
        else {
          opts.sink.onFramingError?.(source, ev.reason);
          socket.destroy();
          return;
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (conns.get(id) === socket) conns.delete(id);
    });
  }

  function connect(address: string, port: number): Promise<Socket> {
    const id = key(address, port);
    const open = conns.get(id);
    if (open !== undefined && !open.destroyed) return Promise.resolve(open);
    const inflight = pending.get(id);
    if (inflight !== undefined) return inflight;
    const p = new Promise<Socket>((resolve, reject) => {
      const s = createConnection({ host: address, port });
      s.once('connect', () => {
        s.off('error', reject);
        adopt(s, address, port);
        resolve(s);
      });
      s.once('error', reject);
    }).finally(() => pending.delete(id));
    pending.set(id, p);
    return p;
  }

  const transport: Transport = {
    protocol: 'TCP',
    reliable: true,
    local: { address: opts.address, port: 0 },
    async send(dest, bytes) {
      if (closed) return;
      const s = await connect(dest.address, dest.port);
      await new Promise<void>((resolve, reject) => s.write(bytes, (err) => (err ? reject(err) : resolve())));
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of conns.values()) s.destroy();
      conns.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  (transport.local as { port: number }).port = typeof addr === 'object' && addr !== null ? addr.port : opts.port;
  return transport;
}
