import { HOST, IPV6, allIn } from './chars.js';
import { Scanner, formatParams } from './scanner.js';

/** One Via value (RFC 3261 §20.42, RFC 3581 rport). */
export interface Via {
  readonly protocol: string;
  readonly version: string;
  /** Upper-cased transport: UDP, TCP, TLS, SCTP, WS... */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: ReadonlyMap<string, string | null>;
}

/** The RFC 3261 magic cookie: a branch starting with it is globally unique (§8.1.1.7). */
export const BRANCH_COOKIE = 'z9hG4bK';

/** True if the branch is an RFC 3261 transaction id (not just the bare cookie, RFC 4475 §3.2.1). */
export function isRfc3261Branch(branch: string | undefined): branch is string {
  return branch !== undefined && branch.length > BRANCH_COOKIE.length && branch.startsWith(BRANCH_COOKIE);
}

/** via-parm = sent-protocol LWS sent-by *( SEMI via-params ), SWS around "/" and ":". */
export function parseVia(value: string): Via | null {
  const sc = new Scanner(value);
  sc.skipWs();
  const protocol = sc.token();
  if (protocol === '' || !sc.accept('/')) return null;
  const version = sc.token();
  if (version === '' || !sc.accept('/')) return null;
  const transport = sc.token();
  if (transport === '') return null;
  const wsStart = sc.pos;
  sc.skipWs();
  if (sc.pos === wsStart) return null;
  let host: string;
  if (sc.peek() === '[') {
    const close = value.indexOf(']', sc.pos);
    if (close === -1 || !allIn(IPV6, value, sc.pos + 1, close)) return null;
    host = value.slice(sc.pos, close + 1);
    sc.pos = close + 1;
  } else {
    const start = sc.pos;
    while (!sc.eof()) {
      const c = value.charCodeAt(sc.pos);
      if (c >= 128 || HOST[c] !== 1) break;
      sc.pos++;
    }
    if (sc.pos === start) return null;
    host = value.slice(start, sc.pos);
  }
  let port: number | undefined;
  if (sc.accept(':')) {
    const digits = sc.token();
    if (!/^\d{1,5}$/.test(digits) || Number(digits) > 65535) return null;
    port = Number(digits);
  }
  const params = sc.params();
  if (params === null) return null;
  sc.skipWs();
  if (!sc.eof()) return null;
  return { protocol: protocol.toUpperCase(), version, transport: transport.toUpperCase(), host, port, params };
}

export function formatVia(v: Via): string {
  const hostport = v.host + (v.port !== undefined ? ':' + v.port : '');
  return `${v.protocol}/${v.version}/${v.transport} ${hostport}${formatParams(v.params)}`;
}

export function viaBranch(v: Via): string | undefined {
  const b = v.params.get('branch');
  return b === null ? undefined : b;
}

/** Returns a copy of `v` with `received` / `rport` set (RFC 3261 §18.2.1, RFC 3581 §4). */
export function withReceived(v: Via, sourceHost: string, sourcePort: number): Via {
  const params = new Map(v.params);
  const wantsRport = params.has('rport');
  if (wantsRport || sourceHost !== v.host) params.set('received', sourceHost);
  if (wantsRport) params.set('rport', String(sourcePort));
  return { ...v, params };
}
