import type { Clock } from '../../platform/clock.js';
import type { SipRequest } from '../message/message.js';
import type { AdmitRequest } from './user-agent.js';

export interface TokenBucketOptions {
  readonly clock: Clock;
  /** Tokens added per second per key. */
  readonly ratePerSec: number;
  /** Bucket size: the burst a key may send at once. */
  readonly burst: number;
  /** Keys tracked at most (least recently used forgotten), bounding memory under spoofed floods. */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** Rejections since the bucket last had a token: past `burst` we stop answering. */
  refused: number;
}

/** Per-key token bucket. Pure: time comes from the injected clock, no timers. */
export class TokenBucket {
  readonly #b = new Map<string, Bucket>();
  readonly #max: number;

  constructor(private readonly o: TokenBucketOptions) {
    this.#max = o.maxKeys ?? 50_000;
  }

  /** Takes a token; returns the wait in ms until one is available if none is (0 = taken). */
  take(key: string): { ok: true } | { ok: false; waitMs: number; refused: number } {
    const now = this.o.clock.now();
    let b = this.#b.get(key);
    if (b === undefined) b = { tokens: this.o.burst, at: now, refused: 0 };
    else this.#b.delete(key);
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 1000) * this.o.ratePerSec);
    b.at = now;
    this.#b.set(key, b);
    if (this.#b.size > this.#max) this.#b.delete(this.#b.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.refused = 0;
      return { ok: true };
    }
    b.refused++;
    return { ok: false, waitMs: Math.ceil(((1 - b.tokens) / this.o.ratePerSec) * 1000), refused: b.refused };
  }

  get size(): number {
    return this.#b.size;
  }
}

export interface AdmissionOptions {
  readonly clock: Clock;
  /** Sustained INVITE+REGISTER rate allowed per source address. Default 20/s. */
  readonly ratePerSec?: number;
  readonly burst?: number;
  /** Methods that cost a token (others pass: in-dialog BYE/ACK must never be starved). */
  readonly methods?: readonly string[];
}

/**
 * Per-source admission for the UA core: an INVITE/REGISTER flood from one
 * address is answered 503 with Retry-After, and once it keeps going it is
 * dropped silently (no amplification); other addresses are unaffected.
 */
export type SourceAdmission = ((req: SipRequest, from: { readonly source: { readonly address: string } }) => ReturnType<AdmitRequest>) & {
  readonly bucket: TokenBucket;
};

export function createAdmission(opts: AdmissionOptions): SourceAdmission {
  const burst = opts.burst ?? 40;
  const bucket = new TokenBucket({ clock: opts.clock, ratePerSec: opts.ratePerSec ?? 20, burst });
  const methods = opts.methods ?? ['INVITE', 'REGISTER', 'SUBSCRIBE', 'MESSAGE'];
  const admit = (req: SipRequest, from: { readonly source: { readonly address: string } }): ReturnType<AdmitRequest> => {
    if (!methods.includes(req.method) || hasToTag(req)) return { verdict: 'accept' };
    const r = bucket.take(from.source.address);
    if (r.ok) return { verdict: 'accept' };
    if (r.refused > burst) return { verdict: 'drop' };
    return { verdict: 'reject', retryAfterS: Math.max(1, Math.ceil(r.waitMs / 1000)) };
  };
  return Object.assign(admit, { bucket });
}

function hasToTag(req: SipRequest): boolean {
  return /;\s*tag\s*=/i.test(req.headers.get('to') ?? '');
}
