import { defineErrors } from '../../platform/errors.js';
import { canonicalName, headerKey } from './header-names.js';
import { type NameAddr, parseNameAddr } from './name-addr.js';
import { type Uri } from './uri.js';
import { type Via, parseVia } from './via.js';

export const SipMessageErrors = defineErrors({
  SIP_HEADER_INVALID: { status: 500, message: 'header value is not well formed' },
  SIP_HEADER_MISSING: { status: 500, message: 'required header is missing' },
});

export interface HeaderEntry {
  /** Lower-case long name (compact forms expanded). */
  key: string;
  value: string;
}

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/**
 * The ordered header list of a message. List headers hold one entry per
 * value. Typed views (Via, From, To, CSeq...) are parsed on first use and
 * cached until the header changes.
 */
export class Headers {
  readonly entries: HeaderEntry[];
  #cache = new Map<string, unknown>();

  constructor(entries: HeaderEntry[] = []) {
    this.entries = entries;
  }

  get(name: string): string | undefined {
    const key = headerKey(name);
    for (const e of this.entries) if (e.key === key) return e.value;
    return undefined;
  }

  getAll(name: string): string[] {
    const key = headerKey(name);
    const out: string[] = [];
    for (const e of this.entries) if (e.key === key) out.push(e.value);
    return out;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Replaces every entry of `name` with the given values (at the first one's place). */
  set(name: string, values: string | readonly string[]): void {
    const key = headerKey(name);
    const list = typeof values === 'string' ? [values] : values;
    const at = this.entries.findIndex((e) => e.key === key);
    this.remove(key);
    const fresh = list.map((value) => ({ key, value }));
    this.entries.splice(at === -1 ? this.entries.length : at, 0, ...fresh);
  }

  append(name: string, value: string): void {
    const key = headerKey(name);
    this.#cache.delete(key);
    this.entries.push({ key, value });
  }

  /** Inserts before any existing entry of the same header (top Via, §18.1.1). */
  prepend(name: string, value: string): void {
    const key = headerKey(name);
    this.#cache.delete(key);
    const at = this.entries.findIndex((e) => e.key === key);
    this.entries.splice(at === -1 ? this.entries.length : at, 0, { key, value });
  }

  remove(name: string): void {
    const key = headerKey(name);
    this.#cache.delete(key);
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].key === key) this.entries.splice(i, 1);
  }

  /** Removes the first entry of `name` (a proxy popping its Via / Route). */
  shift(name: string): string | undefined {
    const key = headerKey(name);
    const at = this.entries.findIndex((e) => e.key === key);
    if (at === -1) return undefined;
    this.#cache.delete(key);
    return this.entries.splice(at, 1)[0].value;
  }

  /** Parses every value of `key` with `parse`, caching; throws SIP_HEADER_INVALID on a bad value. */
  parsedAll<T>(key: string, parse: (v: string) => T | null): T[] {
    const hit = this.#cache.get(key) as T[] | undefined;
    if (hit !== undefined) return hit;
    const out: T[] = [];
    for (const e of this.entries) {
      if (e.key !== key) continue;
      const v = parse(e.value);
      if (v === null) throw SipMessageErrors.create('SIP_HEADER_INVALID', { header: canonicalName(key) });
      out.push(v);
    }
    this.#cache.set(key, out);
    return out;
  }

  parsedOne<T>(key: string, parse: (v: string) => T | null): T {
    const all = this.parsedAll(key, parse);
    if (all.length === 0) throw SipMessageErrors.create('SIP_HEADER_MISSING', { header: canonicalName(key) });
    return all[0];
  }

  clone(): Headers {
    return new Headers(this.entries.map((e) => ({ ...e })));
  }
}

interface MessageBase {
  readonly headers: Headers;
  body: Buffer;
}

export interface SipRequest extends MessageBase {
  readonly kind: 'request';
  readonly method: string;
  uri: Uri;
}

export interface SipResponse extends MessageBase {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

export function parseCSeq(v: string): CSeq | null {
  const m = /^(\d{1,10})[ \t]+([^ \t]+)$/.exec(v);
  if (m === null) return null;
  const seq = Number(m[1]);
  // §8.1.1.5: the sequence number MUST be less than 2**31.
  if (seq >= 2 ** 31) return null;
  return { seq, method: m[2] };
}

/** Typed views of the headers every transaction and dialog needs. */
export const vias = (m: SipMessage): Via[] => m.headers.parsedAll('via', parseVia);
export const topVia = (m: SipMessage): Via => m.headers.parsedOne('via', parseVia);
export const fromOf = (m: SipMessage): NameAddr => m.headers.parsedOne('from', parseNameAddr);
export const toOf = (m: SipMessage): NameAddr => m.headers.parsedOne('to', parseNameAddr);
export const cseqOf = (m: SipMessage): CSeq => m.headers.parsedOne('cseq', parseCSeq);
export const contactsOf = (m: SipMessage): NameAddr[] =>
  m.headers.get('contact') === '*' ? [] : m.headers.parsedAll('contact', parseNameAddr);
export const routesOf = (m: SipMessage): NameAddr[] => m.headers.parsedAll('route', parseNameAddr);
export const recordRoutesOf = (m: SipMessage): NameAddr[] => m.headers.parsedAll('record-route', parseNameAddr);

export function callIdOf(m: SipMessage): string {
  const v = m.headers.get('call-id');
  if (v === undefined) throw SipMessageErrors.create('SIP_HEADER_MISSING', { header: 'Call-ID' });
  return v;
}
