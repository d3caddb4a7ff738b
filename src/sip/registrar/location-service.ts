import type { Clock } from '../../platform/clock.js';

/** One registered contact of an address-of-record (RFC 3261 §10.3). */
export interface Binding {
  readonly aor: string;
  /** The Contact URI as registered (with its URI parameters). */
  readonly uri: string;
  readonly expiresAt: number;
  readonly callId: string;
  readonly cseq: number;
  readonly q: number | undefined;
  /** Where the REGISTER came from (for NAT: send requests there). */
  readonly source: { readonly protocol: string; readonly address: string; readonly port: number };
}

/**
 * In-memory location service with an injected clock; expired bindings are
 * invisible and purged lazily. The host persists bindings if it wants to.
 */
export class LocationService {
  readonly #byAor = new Map<string, Map<string, Binding>>();

  constructor(private readonly clock: Clock) {}

  /** Live bindings of an AOR, highest q first. */
  lookup(aor: string): Binding[] {
    const now = this.clock.now();
    const m = this.#byAor.get(aor);
    if (m === undefined) return [];
    const out: Binding[] = [];
    for (const [k, b] of m) {
      if (b.expiresAt <= now) m.delete(k);
      else out.push(b);
    }
    if (m.size === 0) this.#byAor.delete(aor);
    return out.sort((a, b) => (b.q ?? 1) - (a.q ?? 1));
  }

  /**
   * Live bindings of every AOR whose user part is `user`, whatever host it
   * was registered under (a phone registers with the address it was given:
   * an IP, a host name), highest q first.
   */
  lookupUser(user: string): Binding[] {
    const out: Binding[] = [];
    for (const aor of [...this.#byAor.keys()]) {
      const at = aor.indexOf('@');
      if (at !== -1 && aor.slice(aor.indexOf(':') + 1, at) === user) out.push(...this.lookup(aor));
    }
    return out.sort((a, b) => (b.q ?? 1) - (a.q ?? 1));
  }

  get(aor: string, uri: string): Binding | undefined {
    const b = this.#byAor.get(aor)?.get(uriKey(uri));
    return b !== undefined && b.expiresAt > this.clock.now() ? b : undefined;
  }

  put(b: Binding): void {
    let m = this.#byAor.get(b.aor);
    if (m === undefined) this.#byAor.set(b.aor, (m = new Map()));
    m.set(uriKey(b.uri), b);
  }

  remove(aor: string, uri: string): void {
    const m = this.#byAor.get(aor);
    m?.delete(uriKey(uri));
    if (m?.size === 0) this.#byAor.delete(aor);
  }

  removeAll(aor: string): void {
    this.#byAor.delete(aor);
  }

  /** Drops every expired binding; call from a periodic task. */
  purge(): void {
    for (const aor of [...this.#byAor.keys()]) this.lookup(aor);
  }

  get aorCount(): number {
    return this.#byAor.size;
  }
}

/** Bindings are compared by URI (§10.3 step 7, simplified: scheme/host case-insensitive). */
function uriKey(uri: string): string {
  const at = uri.indexOf('@');
  return at === -1 ? uri.toLowerCase() : uri.slice(0, at) + uri.slice(at).toLowerCase();
}
