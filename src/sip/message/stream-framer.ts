import { headerKey } from './header-names.js';
import { trimLws } from './parse-message.js';

export interface FramerLimits {
  /** Largest header section plus body; beyond it the stream is closed. Default 65535. */
  readonly maxMessageBytes?: number;
}

export type FrameEvent =
  | { readonly type: 'message'; readonly bytes: Buffer }
  /** RFC 5626 §4.4.1 CRLFCRLF ping: answer with a CRLF pong. */
  | { readonly type: 'ping' }
  | { readonly type: 'error'; readonly reason: 'missing-content-length' | 'bad-content-length' | 'too-large' };

const DOUBLE_CRLF = Buffer.from('\r\n\r\n');

/**
 * Splits a byte stream (TCP/TLS) into SIP messages by Content-Length
 * (RFC 3261 §18.3). A framing error is not recoverable: the caller closes the
 * connection. Work per byte is constant: the header search resumes where it
 * stopped, so a slow sender cannot cause quadratic rescans.
 */
export class StreamFramer {
  #buf: Buffer = Buffer.alloc(0);
  #searchFrom = 0;
  #failed = false;
  readonly #max: number;

  constructor(limits: FramerLimits = {}) {
    this.#max = limits.maxMessageBytes ?? 65535;
  }

  get buffered(): number {
    return this.#buf.length;
  }

  push(chunk: Buffer): FrameEvent[] {
    if (this.#failed) return [];
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const out: FrameEvent[] = [];
    for (;;) {
      // Leading CRLFs are keep-alives (§7.5); a double CRLF alone is a ping.
      let skip = 0;
      while (skip + 1 < this.#buf.length && this.#buf[skip] === 13 && this.#buf[skip + 1] === 10) skip += 2;
      if (skip > 0) {
        if (skip >= 4) out.push({ type: 'ping' });
        this.#buf = this.#buf.subarray(skip);
        this.#searchFrom = 0;
      }
      const end = this.#buf.indexOf(DOUBLE_CRLF, this.#searchFrom);
      if (end === -1) {
        if (this.#buf.length > this.#max) return this.#fail(out, 'too-large');
        this.#searchFrom = Math.max(0, this.#buf.length - 3);
        return out;
      }
      const cl = contentLength(this.#buf.toString('latin1', 0, end));
      if (cl === 'missing') return this.#fail(out, 'missing-content-length');
      if (cl === 'bad') return this.#fail(out, 'bad-content-length');
      const total = end + 4 + cl;
      if (total > this.#max) return this.#fail(out, 'too-large');
      if (this.#buf.length < total) {
        this.#searchFrom = end;
        return out;
      }
      out.push({ type: 'message', bytes: Buffer.from(this.#buf.subarray(0, total)) });
      this.#buf = this.#buf.subarray(total);
      this.#searchFrom = 0;
      if (this.#buf.length === 0) return out;
    }
  }

  #fail(out: FrameEvent[], reason: 'missing-content-length' | 'bad-content-length' | 'too-large'): FrameEvent[] {
    this.#failed = true;
    this.#buf = Buffer.alloc(0);
    out.push({ type: 'error', reason });
    return out;
  }
}

/** Finds Content-Length (or "l") in a header section; several values are an error. */
function contentLength(head: string): number | 'missing' | 'bad' {
  let found: number | 'missing' | 'bad' = 'missing';
  let pos = head.indexOf('\r\n') + 2;
  if (pos === 1) return 'missing';
  while (pos < head.length) {
    let end = head.indexOf('\r\n', pos);
    if (end === -1) end = head.length;
    const colon = head.indexOf(':', pos);
    if (colon !== -1 && colon < end && head.charCodeAt(pos) !== 32 && head.charCodeAt(pos) !== 9) {
      const key = headerKey(trimLws(head.slice(pos, colon)));
      if (key === 'content-length') {
        if (found !== 'missing') return 'bad';
        const v = trimLws(head.slice(colon + 1, end));
        found = /^\d{1,9}$/.test(v) ? Number(v) : 'bad';
      }
    }
    pos = end + 2;
  }
  return found;
}
