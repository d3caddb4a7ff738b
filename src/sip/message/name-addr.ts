import { Scanner, formatParams, quote, unquote } from './scanner.js';
import { type Uri, formatUri, parseUri } from './uri.js';

/**
 * A From / To / Contact / Route / Record-Route value (RFC 3261 §20.10,
 * §25.1 name-addr / addr-spec) with its header parameters (tag, expires, q...).
 */
export interface NameAddr {
  /** Display name, unquoted and unescaped; undefined if absent. */
  readonly displayName?: string;
  readonly uri: Uri;
  readonly params: ReadonlyMap<string, string | null>;
}

/**
 * Parses one name-addr or addr-spec followed by header parameters. In the
 * addr-spec form ";" starts header parameters, and a URI holding "?" or ","
 * must have been written in angle brackets (§20), so it is rejected.
 */
export function parseNameAddr(value: string): NameAddr | null {
  const sc = new Scanner(value);
  sc.skipWs();
  let displayName: string | undefined;
  let uriText: string;
  if (sc.peek() === '"') {
    const raw = sc.quotedRaw();
    if (raw === null) return null;
    displayName = unquote(raw);
    sc.skipWs();
    if (sc.peek() !== '<') return null;
    uriText = angle(sc) ?? '';
  } else if (sc.peek() === '<') {
    uriText = angle(sc) ?? '';
  } else {
    // Either "*(token LWS) <uri>" or a bare addr-spec: look ahead.
    const start = sc.pos;
    let lastEnd = start;
    for (;;) {
      const t = sc.token();
      if (t === '') break;
      lastEnd = sc.pos;
      sc.skipWs();
    }
    if (sc.peek() === '<') {
      displayName = value.slice(start, lastEnd);
      uriText = angle(sc) ?? '';
    } else {
      sc.pos = start;
      while (!sc.eof()) {
        const ch = sc.peek();
        if (ch === ';' || ch === ' ' || ch === '\t') break;
        if (ch === '?' || ch === ',' || ch === '<' || ch === '>' || ch === '"') return null;
        sc.pos++;
      }
      uriText = value.slice(start, sc.pos);
    }
  }
  if (uriText === '') return null;
  const uri = parseUri(uriText);
  if (uri === null) return null;
  const params = sc.params();
  if (params === null) return null;
  sc.skipWs();
  if (!sc.eof()) return null;
  return { displayName, uri, params };
}

/** Reads "<" addr-spec ">" with no whitespace inside (LAQUOT/RAQUOT, §25.1). */
function angle(sc: Scanner): string | null {
  const close = sc.s.indexOf('>', sc.pos);
  if (close === -1) return null;
  const text = sc.s.slice(sc.pos + 1, close);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 60) return null;
  }
  sc.pos = close + 1;
  return text;
}

export function formatNameAddr(na: NameAddr): string {
  const display = na.displayName === undefined || na.displayName === '' ? '' : quote(na.displayName) + ' ';
  return display + '<' + formatUri(na.uri) + '>' + formatParams(na.params);
}

export function paramOf(na: { params: ReadonlyMap<string, string | null> }, name: string): string | undefined {
  const v = na.params.get(name);
  return v === null || v === undefined ? undefined : v;
}
