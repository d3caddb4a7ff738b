/**
 * Header names: compact forms (RFC 3261 §7.3.3 and later RFCs), canonical
 * spelling for serialization, and which headers are comma-separated lists.
 */
const COMPACT: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  'rack': 'RAck',
  'rseq': 'RSeq',
  'p-asserted-identity': 'P-Asserted-Identity',
  'p-preferred-identity': 'P-Preferred-Identity',
};

/** Headers whose value is a comma-separated list (§7.3.1); split into one entry per value. */
export const LIST_HEADERS: ReadonlySet<string> = new Set([
  'via', 'contact', 'route', 'record-route', 'path', 'service-route',
  'allow', 'supported', 'require', 'proxy-require', 'unsupported', 'allow-events',
  'accept', 'accept-encoding', 'accept-language', 'content-encoding', 'content-language',
  'in-reply-to', 'alert-info', 'call-info', 'error-info', 'warning', 'p-asserted-identity',
]);

/** Lists of tokens, where empty elements carry no meaning and are dropped. */
export const TOKEN_LIST_HEADERS: ReadonlySet<string> = new Set([
  'allow', 'supported', 'require', 'proxy-require', 'unsupported', 'allow-events',
  'accept-encoding', 'accept-language', 'content-encoding', 'content-language',
]);

/** Headers that may appear at most once (§20, Table 2 and 3). */
export const SINGLE_HEADERS: ReadonlySet<string> = new Set([
  'to', 'from', 'call-id', 'cseq', 'max-forwards', 'content-length', 'content-type',
  'expires', 'date', 'min-expires', 'retry-after', 'timestamp',
]);

/** Lower-case long form of a header name as received (compact forms expanded). */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  if (lower.length === 1) return COMPACT[lower] ?? lower;
  return lower;
}

/** The spelling used when writing a header: Title-Case, with the RFC's exceptions. */
export function canonicalName(key: string): string {
  const known = CANONICAL[key];
  if (known !== undefined) return known;
  let out = '';
  let upper = true;
  for (const ch of key) {
    out += upper ? ch.toUpperCase() : ch;
    upper = ch === '-';
  }
  return out;
}
