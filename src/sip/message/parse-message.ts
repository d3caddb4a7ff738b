import { TOKEN, allIn, isDigits } from './chars.js';
import { type SipParseErrorCode, type SipParseFailure, parseFailure } from './errors.js';
import { LIST_HEADERS, SINGLE_HEADERS, TOKEN_LIST_HEADERS, canonicalName, headerKey } from './header-names.js';
import { type HeaderEntry, Headers, type SipMessage, parseCSeq } from './message.js';
import { parseNameAddr } from './name-addr.js';
import { Scanner, splitComma } from './scanner.js';
import { isSipUri, parseUri } from './uri.js';
import { parseVia } from './via.js';

export interface ParseOptions {
  /** Largest accepted message in bytes (header section + body). Default 65535. */
  readonly maxMessageBytes?: number;
  /** Largest number of header lines. Default 256. */
  readonly maxHeaders?: number;
  /** Request-URI schemes we serve; others get 416 (RFC 3261 §8.2.2.1). */
  readonly supportedSchemes?: readonly string[];
}

export type ParseResult =
  | { readonly ok: true; readonly message: SipMessage }
  | { readonly ok: false; readonly error: SipParseFailure };

const DEFAULT_SCHEMES = ['sip', 'sips', 'tel'];
const CRLF = 0x0a0d;

/**
 * Parses one SIP message (RFC 3261 §7, §20, §25). A datagram may carry bytes
 * after the body: they are discarded (§18.3). Never throws: every failure is
 * a coded `SipParseFailure` saying which response to send, or to drop.
 */
export function parseMessage(input: Buffer | string, opts: ParseOptions = {}): ParseResult {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const maxBytes = opts.maxMessageBytes ?? 65535;
  let start = 0;
  // §7.5: ignore CRLFs before the start line (stream keep-alives).
  while (start + 1 < buf.length && buf.readUInt16LE(start) === CRLF) start += 2;
  if (start >= buf.length - 1) return fail('SIP_EMPTY', 'empty message', true);
  let headerEnd = buf.indexOf('\r\n\r\n', start);
  // A datagram ends the message: tolerate a missing empty line after the last header.
  if (headerEnd === -1 && buf.length - start >= 2 && buf.readUInt16LE(buf.length - 2) === CRLF) headerEnd = buf.length - 2;
  if (headerEnd === -1 || headerEnd - start > maxBytes) {
    const isResponse = buf.subarray(start, start + 4).toString('latin1') === 'SIP/';
    return headerEnd === -1
      ? fail('SIP_NO_HEADER_END', 'Header Section Not Terminated', isResponse)
      : fail('SIP_TOO_LARGE', 'Message Too Large', isResponse);
  }
  const text = buf.toString('utf8', start, headerEnd);
  const lineEnd = text.indexOf('\r\n');
  const startLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  const head = parseStartLine(startLine, opts.supportedSchemes ?? DEFAULT_SCHEMES);
  if ('error' in head) {
    if (head.error.action === 'drop') return { ok: false, error: head.error };
    // Keep the headers read so far: the 400/505/416 must copy Via, From, To, Call-ID, CSeq.
    const lines = readHeaderLines(text, lineEnd === -1 ? text.length : lineEnd + 2, opts.maxHeaders ?? 256);
    return { ok: false, error: typeof lines === 'string' ? head.error : { ...head.error, rawHeaders: expandLists(lines) } };
  }
  const isResponse = head.kind === 'response';
  const method = head.kind === 'request' ? head.method : undefined;

  const lines = readHeaderLines(text, lineEnd === -1 ? text.length : lineEnd + 2, opts.maxHeaders ?? 256);
  if (typeof lines === 'string') {
    const code: SipParseErrorCode = lines === 'too-many' ? 'SIP_TOO_MANY_HEADERS' : 'SIP_BAD_HEADER';
    return fail(code, code === 'SIP_BAD_HEADER' ? 'Bad Header Line' : 'Too Many Headers', isResponse, method);
  }
  const entries = expandLists(lines);
  const problem = validateHeaders(entries, method);
  if (problem !== null) return fail(problem[0], problem[1], isResponse, method, lines);

  const bodyStart = Math.min(headerEnd + 4, buf.length);
  const clText = firstValue(entries, 'content-length');
  const available = buf.length - bodyStart;
  const cl = clText === undefined ? available : Number(clText);
  if (cl > available) return fail('SIP_INCOMPLETE_BODY', 'Body Shorter Than Content-Length', isResponse, method, lines);
  if (bodyStart + cl - start > maxBytes) return fail('SIP_TOO_LARGE', 'Message Too Large', isResponse, method, lines);
  const body = Buffer.from(buf.subarray(bodyStart, bodyStart + cl));
  const headers = new Headers(entries);
  const message: SipMessage =
    head.kind === 'request'
      ? { kind: 'request', method: head.method, uri: head.uri, headers, body }
      : { kind: 'response', status: head.status, reason: head.reason, headers, body };
  return { ok: true, message };
}

function fail(
  code: SipParseErrorCode,
  reason: string,
  isResponse: boolean,
  method?: string,
  rawHeaders?: HeaderEntry[],
): ParseResult {
  return { ok: false, error: parseFailure(code, reason, { isResponse, method, rawHeaders }) };
}

type StartLine =
  | { kind: 'request'; method: string; uri: NonNullable<ReturnType<typeof parseUri>> }
  | { kind: 'response'; status: number; reason: string }
  | { error: SipParseFailure };

/** Request-Line = Method SP Request-URI SP SIP-Version (exactly single spaces, §7.1). */
function parseStartLine(line: string, schemes: readonly string[]): StartLine {
  if (line.startsWith('SIP/')) {
    const m = /^SIP\/(\d{1,3}\.\d{1,3}) (\d{3}) ([^\r\n]*)$/.exec(line);
    if (m === null || m[1] !== '2.0') return { error: parseFailure('SIP_BAD_STATUS_LINE', 'Bad Status Line', { isResponse: true }) };
    const status = Number(m[2]);
    if (status < 100 || status > 699) return { error: parseFailure('SIP_BAD_STATUS_LINE', 'Bad Status Code', { isResponse: true }) };
    return { kind: 'response', status, reason: m[3] };
  }
  const parts = line.split(' ');
  const method = parts[0];
  if (!allIn(TOKEN, method)) return { error: parseFailure('SIP_BAD_START_LINE', 'Bad Request Line', { isResponse: true }) };
  if (parts.length !== 3 || parts[1] === '' || parts[2] === '') {
    return { error: parseFailure('SIP_BAD_START_LINE', 'Bad Request Line', { method }) };
  }
  const version = parts[2];
  if (version.toUpperCase() !== 'SIP/2.0') {
    const code = /^SIP\/\d+\.\d+$/i.test(version) ? 'SIP_BAD_VERSION' : 'SIP_BAD_START_LINE';
    return { error: parseFailure(code, code === 'SIP_BAD_VERSION' ? 'Version Not Supported' : 'Bad Request Line', { method }) };
  }
  const uri = parseUri(parts[1]);
  if (uri === null) return { error: parseFailure('SIP_BAD_REQUEST_URI', 'Bad Request-URI', { method }) };
  if (!schemes.includes(uri.scheme)) {
    return { error: parseFailure('SIP_UNSUPPORTED_URI_SCHEME', 'Unsupported URI Scheme', { method }) };
  }
  // §19.1.1 table 1: headers are not allowed in a Request-URI.
  if (isSipUri(uri) && uri.headers.size > 0) {
    return { error: parseFailure('SIP_BAD_REQUEST_URI', 'Bad Request-URI: headers not allowed', { method }) };
  }
  return { kind: 'request', method, uri };
}

/** Reads header lines, unfolding continuation lines (LWS, §7.3.1). */
function readHeaderLines(text: string, from: number, max: number): HeaderEntry[] | 'bad' | 'too-many' {
  const out: HeaderEntry[] = [];
  let pos = from;
  while (pos < text.length) {
    let end = text.indexOf('\r\n', pos);
    if (end === -1) end = text.length;
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9) {
      if (out.length === 0) return 'bad';
      const more = trimLws(text.slice(pos, end));
      const prev = out[out.length - 1];
      if (more !== '') prev.value = prev.value === '' ? more : prev.value + ' ' + more;
    } else {
      if (out.length >= max) return 'too-many';
      const colon = text.indexOf(':', pos);
      if (colon === -1 || colon > end) return 'bad';
      let nameEnd = colon;
      while (nameEnd > pos && (text.charCodeAt(nameEnd - 1) === 32 || text.charCodeAt(nameEnd - 1) === 9)) nameEnd--;
      if (!allIn(TOKEN, text, pos, nameEnd)) return 'bad';
      out.push({ key: headerKey(text.slice(pos, nameEnd)), value: trimLws(text.slice(colon + 1, end)) });
    }
    pos = end + 2;
  }
  return out;
}

/** Trims SP and HTAB only: String#trim would also eat U+FEFF and other Unicode spaces. */
export function trimLws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function expandLists(lines: HeaderEntry[]): HeaderEntry[] {
  const out: HeaderEntry[] = [];
  for (const { key, value } of lines) {
    if (!LIST_HEADERS.has(key) || value.indexOf(',') === -1) {
      if (!(value === '' && TOKEN_LIST_HEADERS.has(key))) out.push({ key, value });
      continue;
    }
    for (const part of splitComma(value)) {
      if (part === '' && TOKEN_LIST_HEADERS.has(key)) continue;
      out.push({ key, value: part });
    }
  }
  return out;
}

function firstValue(entries: HeaderEntry[], key: string): string | undefined {
  for (const e of entries) if (e.key === key) return e.value;
  return undefined;
}

type Problem = [SipParseErrorCode, string];

const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'];

/** The checks of §8.2 / §20 that make a message unusable, with their 400 reason phrases. */
function validateHeaders(entries: HeaderEntry[], method: string | undefined): Problem | null {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  for (const key of REQUIRED) if (!counts.has(key)) return ['SIP_MISSING_HEADER', `Missing Header: ${canonicalName(key)}`];
  for (const key of SINGLE_HEADERS) {
    if ((counts.get(key) ?? 0) > 1) return ['SIP_MULTIPLE_VALUES', `Multiple Values: ${canonicalName(key)}`];
  }
  for (const e of entries) {
    if (!valueOk(e.key, e.value)) {
      const code = e.key === 'content-length' ? 'SIP_BAD_CONTENT_LENGTH' : 'SIP_BAD_HEADER';
      return [code, `Bad Header: ${canonicalName(e.key)}`];
    }
  }
  if (method !== undefined) {
    const cseq = parseCSeq(firstValue(entries, 'cseq') ?? '');
    if (cseq !== null && cseq.method !== method) return ['SIP_METHOD_MISMATCH', 'CSeq Method Mismatch'];
  }
  if ((counts.get('contact') ?? 0) > 1 && entries.some((e) => e.key === 'contact' && e.value === '*')) {
    return ['SIP_BAD_HEADER', 'Bad Header: Contact'];
  }
  return null;
}

const DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function valueOk(key: string, value: string): boolean {
  switch (key) {
    case 'via': {
      const v = parseVia(value);
      return v !== null && v.protocol === 'SIP' && v.version === '2.0';
    }
    case 'from':
    case 'to':
    case 'route':
    case 'record-route':
    case 'reply-to':
    case 'refer-to':
      return parseNameAddr(value) !== null;
    case 'contact':
      return value === '*' || parseNameAddr(value) !== null;
    case 'call-id':
      return value !== '' && !/[\s]/.test(value);
    case 'cseq':
      return parseCSeq(value) !== null;
    case 'max-forwards':
      return isDigits(value) && value.length <= 5 && Number(value) <= 255;
    case 'content-length':
      return isDigits(value) && value.length <= 9;
    case 'expires':
    case 'min-expires':
      // delta-seconds, at most 2**32-1 (§20.19; RFC 4475 §3.1.2.4).
      return isDigits(value) && value.length <= 10 && Number(value) <= 0xffffffff;
    case 'date':
      return DATE.test(value);
    case 'content-type':
      return mediaTypeOk(value);
    default:
      return true;
  }
}

/** media-type = m-type SLASH m-subtype *(SEMI m-parameter) (§20.15). */
function mediaTypeOk(value: string): boolean {
  const sc = new Scanner(value);
  if (sc.token() === '' || !sc.accept('/') || sc.token() === '') return false;
  if (sc.params() === null) return false;
  sc.skipWs();
  return sc.eof();
}
