import { TOKEN } from './chars.js';

/**
 * A cursor over one (already unfolded) header value, implementing the
 * separators of RFC 3261 §25.1: SWS around "/", ";", "=", ":" and quoted
 * strings with quoted-pair escapes. Linear time, no regular expressions.
 */
export class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  eof(): boolean {
    return this.pos >= this.s.length;
  }

  peek(): string {
    return this.s[this.pos] ?? '';
  }

  skipWs(): void {
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c !== 32 && c !== 9) break;
      this.pos++;
    }
  }

  /** Consumes `ch` (after optional whitespace) or returns false. */
  accept(ch: string): boolean {
    const save = this.pos;
    this.skipWs();
    if (this.s[this.pos] === ch) {
      this.pos++;
      this.skipWs();
      return true;
    }
    this.pos = save;
    return false;
  }

  token(): string {
    const start = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c >= 128 || TOKEN[c] !== 1) break;
      this.pos++;
    }
    return this.s.slice(start, this.pos);
  }

  /** Reads a quoted-string; returns its raw text (with quotes) or null if unterminated. */
  quotedRaw(): string | null {
    const start = this.pos;
    if (this.s[this.pos] !== '"') return null;
    this.pos++;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos];
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') {
        this.pos++;
        return this.s.slice(start, this.pos);
      } else this.pos++;
    }
    this.pos = start;
    return null;
  }

  /**
   * `*( SEMI generic-param )` where gen-value = token / host / quoted-string.
   * Returns null on a malformed parameter (e.g. ";;" or ";=x").
   */
  params(): Map<string, string | null> | null {
    const out = new Map<string, string | null>();
    for (;;) {
      const save = this.pos;
      this.skipWs();
      if (this.s[this.pos] !== ';') {
        this.pos = save;
        return out;
      }
      this.pos++;
      this.skipWs();
      const name = this.token();
      if (name === '') return null;
      let value: string | null = null;
      if (this.accept('=')) {
        if (this.peek() === '"') {
          value = this.quotedRaw();
          if (value === null) return null;
        } else if (this.peek() === '[') {
          const close = this.s.indexOf(']', this.pos);
          if (close === -1) return null;
          value = this.s.slice(this.pos, close + 1);
          this.pos = close + 1;
        } else {
          // token, or an IPv6address for received= / maddr= (RFC 3261 §20.42).
          const start = this.pos;
          while (this.token() !== '' || this.s[this.pos] === ':') if (this.s[this.pos] === ':') this.pos++;
          if (this.pos === start) return null;
          value = this.s.slice(start, this.pos);
        }
      }
      out.set(name.toLowerCase(), value);
    }
  }
}

/** Removes the quotes and quoted-pair escapes of a quoted-string (§25.1). */
export function unquote(raw: string): string {
  if (raw.length < 2 || raw[0] !== '"') return raw;
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    if (raw[i] === '\\' && i + 1 < raw.length - 1) i++;
    out += raw[i];
  }
  return out;
}

/** Quotes a string for use as a quoted-string, escaping `"` and `\`. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  return out + '"';
}

export function formatParams(params: ReadonlyMap<string, string | null>): string {
  let out = '';
  for (const [k, v] of params) out += ';' + k + (v === null ? '' : '=' + v);
  return out;
}

/**
 * Splits a list header value at top-level commas: not inside quoted strings
 * or angle brackets (RFC 3261 §7.3.1).
 */
export function splitComma(value: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (inQuote) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') inQuote = true;
    else if (ch === '<') inAngle = true;
    else if (ch === '>') inAngle = false;
    else if (ch === ',' && !inAngle) {
      out.push(trimSp(value.slice(start, i)));
      start = i + 1;
    }
  }
  out.push(trimSp(value.slice(start)));
  return out;
}

function trimSp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return s.slice(a, b);
}
