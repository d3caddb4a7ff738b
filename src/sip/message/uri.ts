import { HNV, HOST, IPV6, PARAMCHAR, PASSWORD, SCHEME, USER, allIn, escapesValid, isDigits } from './chars.js';

/** A SIP or SIPS URI (RFC 3261 §19.1). Values keep their %-escapes; see `unescapeUri`. */
export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  /** Host as written; IPv6 references keep their brackets. */
  readonly host: string;
  readonly port?: number;
  /** uri-parameters, names lower-cased; `null` for a parameter without a value. */
  readonly params: ReadonlyMap<string, string | null>;
  readonly headers: ReadonlyMap<string, string>;
}

/** Any other URI (tel:, http:, urn:...): kept opaque, RFC 3261 §19.1 absoluteURI. */
export interface OpaqueUri {
  readonly scheme: string;
  readonly raw: string;
}

export type Uri = SipUri | OpaqueUri;

export function isSipUri(u: Uri): u is SipUri {
  return u.scheme === 'sip' || u.scheme === 'sips';
}

/** Parses a URI; returns null when it is not well formed. */
export function parseUri(s: string): Uri | null {
  const colon = s.indexOf(':');
  if (colon <= 0 || !allIn(SCHEME, s, 0, colon)) return null;
  const c0 = s.charCodeAt(0) | 0x20;
  if (c0 < 97 || c0 > 122) return null;
  const scheme = s.slice(0, colon).toLowerCase();
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(scheme, s, colon + 1);
  // absoluteURI: anything printable without spaces, quotes or angle brackets.
  if (colon + 1 >= s.length) return null;
  for (let i = colon + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === 34 || c === 60 || c === 62) return null;
  }
  return { scheme, raw: s };
}

function parseSipUri(scheme: 'sip' | 'sips', s: string, start: number): SipUri | null {
  let user: string | undefined;
  let password: string | undefined;
  let pos = start;
  // '@' cannot appear unescaped in host, params or headers: the first one ends userinfo.
  const at = s.indexOf('@', start);
  if (at !== -1) {
    const pw = s.indexOf(':', start);
    const userEnd = pw !== -1 && pw < at ? pw : at;
    if (!allIn(USER, s, start, userEnd)) return null;
    user = s.slice(start, userEnd);
    if (userEnd < at) {
      if (at > userEnd + 1 && !allIn(PASSWORD, s, userEnd + 1, at)) return null;
      password = s.slice(userEnd + 1, at);
    }
    if (!escapesValid(user) || (password !== undefined && !escapesValid(password))) return null;
    pos = at + 1;
  }
  let hostEnd: number;
  if (s.charCodeAt(pos) === 91 /* [ */) {
    const close = s.indexOf(']', pos);
    if (close === -1 || !allIn(IPV6, s, pos + 1, close)) return null;
    hostEnd = close + 1;
  } else {
    hostEnd = pos;
    while (hostEnd < s.length) {
      const c = s.charCodeAt(hostEnd);
      if (c >= 128 || HOST[c] !== 1) break;
      hostEnd++;
    }
    if (hostEnd === pos) return null;
  }
  const host = s.slice(pos, hostEnd);
  pos = hostEnd;
  let port: number | undefined;
  if (s[pos] === ':') {
    let end = pos + 1;
    while (end < s.length && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
    const digits = s.slice(pos + 1, end);
    if (!isDigits(digits) || digits.length > 5 || Number(digits) > 65535) return null;
    port = Number(digits);
    pos = end;
  }
  const params = new Map<string, string | null>();
  while (s[pos] === ';') {
    let end = pos + 1;
    while (end < s.length && s[end] !== ';' && s[end] !== '?') end++;
    const eq = s.indexOf('=', pos + 1);
    const nameEnd = eq !== -1 && eq < end ? eq : end;
    if (!allIn(PARAMCHAR, s, pos + 1, nameEnd)) return null;
    if (nameEnd < end && !allIn(PARAMCHAR, s, nameEnd + 1, end)) return null;
    const segment = s.slice(pos + 1, end);
    if (!escapesValid(segment)) return null;
    params.set(s.slice(pos + 1, nameEnd).toLowerCase(), nameEnd < end ? s.slice(nameEnd + 1, end) : null);
    pos = end;
  }
  const headers = new Map<string, string>();
  if (s[pos] === '?') {
    for (const pair of s.slice(pos + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0 || !allIn(HNV, pair, 0, eq) || (eq + 1 < pair.length && !allIn(HNV, pair, eq + 1))) return null;
      if (!escapesValid(pair)) return null;
      headers.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    pos = s.length;
  }
  if (pos !== s.length) return null;
  return { scheme, user, password, host, port, params, headers };
}

export function formatUri(u: Uri): string {
  if (!isSipUri(u)) return u.raw;
  let out = u.scheme + ':';
  if (u.user !== undefined) out += u.user + (u.password !== undefined ? ':' + u.password : '') + '@';
  out += u.host;
  if (u.port !== undefined) out += ':' + u.port;
  for (const [k, v] of u.params) out += ';' + k + (v === null ? '' : '=' + v);
  let first = true;
  for (const [k, v] of u.headers) {
    out += (first ? '?' : '&') + k + '=' + v;
    first = false;
  }
  return out;
}

/** A host as written in a URI or Via: an IPv6 literal in brackets (RFC 3261 §25.1 IPv6reference). */
export function hostForUri(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Builds a SIP URI from parts (for code that originates requests). */
export function sipUri(parts: Partial<SipUri> & { host: string }): SipUri {
  return {
    scheme: parts.scheme ?? 'sip',
    user: parts.user,
    password: parts.password,
    host: parts.host,
    port: parts.port,
    params: parts.params ?? new Map(),
    headers: parts.headers ?? new Map(),
  };
}
