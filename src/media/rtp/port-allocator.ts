import { createSocket, type Socket } from 'node:dgram';
import { MediaErrors } from '../errors.js';

/**
 * Hands out RTP/RTCP socket pairs from the configured range
 * (RTP_PORT_MIN / RTP_PORT_MAX): RTP on an even port, RTCP on port + 1
 * (RFC 3550 §11). A port another process holds is skipped (bind fails
 * with EADDRINUSE) rather than treated as fatal.
 */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

export interface SocketPair {
  readonly port: number;
  readonly rtp: Socket;
  readonly rtcp: Socket;
}

function bind(port: number, address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = createSocket({ type: 'udp4', reuseAddr: false });
    const onError = (err: Error): void => {
      s.close();
      reject(err);
    };
    s.once('error', onError);
    s.bind(port, address, () => {
      s.off('error', onError);
      resolve(s);
    });
  });
}

export class PortAllocator {
  readonly #inUse = new Set<number>();
  readonly #first: number;
  readonly #count: number;
  #next: number;

  constructor(range: PortRange, private readonly bindAddress = '0.0.0.0') {
    const first = range.min % 2 === 0 ? range.min : range.min + 1;
    if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || first < 1024 || range.max > 65535 || first + 1 > range.max) {
      throw MediaErrors.create('RTP_BAD_PORT_RANGE', { min: range.min, max: range.max });
    }
    this.#first = first;
    this.#count = Math.floor((range.max - first + 1) / 2);
    // Start at a random slot so two processes sharing a range rarely collide.
    this.#next = Math.floor(Math.random() * this.#count);
  }

  get inUse(): number {
    return this.#inUse.size;
  }

  /** Binds the next free even/odd pair; throws RTP_NO_PORT when the range is exhausted. */
  async allocate(): Promise<SocketPair> {
    for (let tried = 0; tried < this.#count; tried++) {
      const port = this.#first + 2 * this.#next;
      this.#next = (this.#next + 1) % this.#count;
      if (this.#inUse.has(port)) continue;
      this.#inUse.add(port);
      let rtp: Socket | undefined;
      try {
        rtp = await bind(port, this.bindAddress);
        const rtcp = await bind(port + 1, this.bindAddress);
        return { port, rtp, rtcp };
      } catch {
        rtp?.close();
        this.#inUse.delete(port);
      }
    }
    throw MediaErrors.create('RTP_NO_PORT', { inUse: this.#inUse.size, capacity: this.#count });
  }

  /** Returns a port to the pool; the caller has already closed both sockets. */
  release(port: number): void {
    this.#inUse.delete(port);
  }
}
