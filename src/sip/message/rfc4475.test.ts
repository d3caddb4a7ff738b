// RFC 4475 torture messages: one test per message, with the outcome the RFC
// gives for it (§3.1.1 valid, §3.1.2 invalid, §3.2 transaction, §3.3 application, §3.4 compatibility).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseMessage, type ParseResult } from './parse-message.js';
import { serializeMessage } from './serialize.js';
import { type SipMessage, type SipRequest, callIdOf, contactsOf, cseqOf, fromOf, routesOf, toOf, vias } from './message.js';
import { isSipUri, type SipUri } from './uri.js';
import { unescapeUri } from './chars.js';
import { isRfc3261Branch, viaBranch } from './via.js';
import { paramOf } from './name-addr.js';
import { checkRequest } from '../ua/request-checks.js';
import { responseForParseFailure } from './response.js';

const dir = new URL('../../../../shared/fixtures/sip/rfc4475/', import.meta.url);
const present = existsSync(dir);
const NUL_FILES = new Set(['intmeth.dat', 'mpart01.dat']);

function load(name: string): Buffer {
  const raw = readFileSync(new URL(name, dir));
  if (NUL_FILES.has(name)) return raw;
  // The archive stores LF; the RFC's messages use CRLF (see the fixture README).
  return Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

function parse(name: string): ParseResult {
  return parseMessage(load(name));
}

function ok(name: string): SipMessage {
  const r = parse(name);
  if (!r.ok) assert.fail(`${name} should parse, got ${r.error.code} (${r.error.reason})`);
  // A valid message survives a round trip unchanged in meaning.
  const again = parseMessage(serializeMessage(r.message));
  assert.ok(again.ok, `${name} round trip`);
  assert.deepEqual(again.message.headers.entries.filter((e) => e.key !== 'content-length'),
    r.message.headers.entries.filter((e) => e.key !== 'content-length'));
  assert.deepEqual(again.message.body, r.message.body);
  return r.message;
}

function rejected(name: string, status: number, reasonPart?: string): void {
  const r = parse(name);
  if (r.ok) assert.fail(`${name} should be rejected with ${status}`);
  assert.equal(r.error.action, 'respond');
  assert.equal(r.error.status, status);
  if (reasonPart !== undefined) assert.match(r.error.reason, new RegExp(reasonPart));
  const resp = responseForParseFailure(r.error, 'tag1');
  assert.ok(resp, 'a response can be built');
  assert.equal(resp.status, status);
}

function dropped(name: string): void {
  const r = parse(name);
  if (r.ok) assert.fail(`${name} should be dropped`);
  assert.equal(r.error.action, 'drop');
}

const policy = { allow: ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'REGISTER', 'INFO', 'REFER', 'NOTIFY'], supported: ['replaces', 'timer'], accept: ['application/sdp'] };

const req = (m: SipMessage): SipRequest => {
  assert.equal(m.kind, 'request');
  return m;
};
const sipUriOf = (u: unknown): SipUri => {
  assert.ok(isSipUri(u as SipUri));
  return u as SipUri;
};

type Case = [file: string, section: string, check: () => void];

const cases: Case[] = [
  // §3.1.1 valid messages
  ['wsinv.dat', '3.1.1.1 short tortuous INVITE', () => {
    const m = req(ok('wsinv.dat'));
    assert.equal(m.method, 'INVITE');
    assert.equal(paramOf(toOf(m), 'tag'), '1918181833n');
    assert.equal(fromOf(m).displayName, 'J Rosenberg \\"');
    assert.equal(paramOf(fromOf(m), 'tag'), '98asjd8');
    assert.equal(m.headers.get('max-forwards'), '0068');
    assert.deepEqual(cseqOf(m), { seq: 9, method: 'INVITE' });
    assert.deepEqual(vias(m).map((v) => [v.transport, v.host, viaBranch(v)]), [
      ['UDP', '192.0.2.2', '390skdjuw'], ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'], ['UDP', '192.168.255.111', 'z9hG4bK30239']]);
    assert.equal(m.headers.get('subject'), '');
    assert.equal(m.headers.get('newfangledheader'), 'newfangled value continued newfangled value');
    assert.equal(m.headers.get('unknownheaderwithunusualvalue'), ';;,,;;,;');
    assert.ok(sipUriOf(routesOf(m)[0].uri).params.has('lr'));
    const c = contactsOf(m)[0];
    assert.equal(c.displayName, 'Quoted string ""');
    assert.equal(paramOf(c, 'newparam'), 'newvalue');
    assert.ok(c.params.has('secondparam'));
    assert.equal(paramOf(c, 'q'), '0.33');
    assert.equal(m.body.length, 150);
  }],
  ['intmeth.dat', '3.1.1.2 wide range of valid characters', () => {
    const m = req(ok('intmeth.dat'));
    assert.equal(m.method, "!interesting-Method0123456789_*+`.%indeed'~");
    const u = sipUriOf(m.uri);
    assert.equal(u.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    assert.equal(u.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    assert.equal(toOf(m).displayName, 'BEL:\x07 NUL:\x00 DEL:\x7f');
    assert.equal(fromOf(m).displayName, "token1~` token2'+_ token3*%!.-");
    assert.equal(callIdOf(m), 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
    assert.equal(viaBranch(vias(m)[0]), "z9hG4bK-.!%66*_+`'~");
    assert.equal(m.headers.get("extensionHeader-!.%*+_`'~"), '\ufeff大停電');
  }],
  ['esc01.dat', '3.1.1.3 valid use of the % escaping mechanism', () => {
    const m = req(ok('esc01.dat'));
    assert.equal(unescapeUri(sipUriOf(m.uri).user ?? ''), 'sips:user@example.com');
    assert.equal(unescapeUri(sipUriOf(toOf(m).uri).user ?? ''), 'user');
    assert.equal(unescapeUri(sipUriOf(fromOf(m).uri).user ?? ''), 'I have spaces');
    const contact = sipUriOf(contactsOf(m)[0].uri);
    assert.equal(unescapeUri(contact.user ?? ''), 'caller');
    const params = [...contact.params].map(([k, v]) => [unescapeUri(k), v === null ? null : unescapeUri(v)]);
    assert.deepEqual(params, [['lr', null], ['name', 'value%41']]);
  }],
  ['escnull.dat', '3.1.1.4 escaped nulls in URIs', () => {
    const m = req(ok('escnull.dat'));
    assert.equal(unescapeUri(sipUriOf(toOf(m).uri).user ?? ''), 'null-\x00-null');
    assert.deepEqual(contactsOf(m).map((c) => unescapeUri(sipUriOf(c.uri).user ?? '')), ['\x00', '\x00\x00']);
  }],
  ['esc02.dat', '3.1.1.5 use of % when it is not an escape', () => {
    const m = req(ok('esc02.dat'));
    assert.equal(m.method, 'RE%47IST%45R');
    assert.equal(toOf(m).displayName, '%Z%45');
    assert.equal(viaBranch(vias(m)[0]), 'z9hG4bK209%fzsnel234');
    // "C%6Fntact" is an extension header, not Contact.
    assert.equal(contactsOf(m).length, 2);
    assert.equal(m.headers.get('c%6fntact'), '<sip:alias2@host2.example.com>');
    assert.equal(checkRequest(m, policy)?.status, 405);
  }],
  ['lwsdisp.dat', '3.1.1.6 message with no LWS between display name and <', () => {
    const m = req(ok('lwsdisp.dat'));
    assert.equal(fromOf(m).displayName, 'caller');
    assert.equal(sipUriOf(fromOf(m).uri).user, 'caller');
  }],
  ['longreq.dat', '3.1.1.7 long values in header fields', () => {
    const m = req(ok('longreq.dat'));
    assert.match(toOf(m).displayName ?? '', /^I have a user name of (extreme){10} proportion$/);
    assert.ok(sipUriOf(toOf(m).uri).params.has('verylonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglonglongparameternamewithnovalue'));
    assert.match(paramOf(fromOf(m), 'tag') ?? '', /^1298(2982)+.*424$/);
    assert.ok(vias(m).length >= 30);
    assert.ok(callIdOf(m).startsWith('longreq.onereallyreally'));
  }],
  ['dblreq.dat', '3.1.1.8 extra trailing octets in a UDP datagram', () => {
    const m = req(ok('dblreq.dat'));
    assert.equal(m.method, 'REGISTER');
    assert.equal(m.body.length, 0);
  }],
  ['semiuri.dat', '3.1.1.9 semicolon-separated parameters in URI user part', () => {
    const m = req(ok('semiuri.dat'));
    const u = sipUriOf(m.uri);
    assert.equal(u.user, 'user;par=u%40example.net');
    assert.equal(u.host, 'example.com');
    assert.equal(u.params.size, 0);
    assert.deepEqual(m.headers.getAll('accept'), ['application/sdp', 'application/pkcs7-mime', 'multipart/mixed', 'multipart/signed', 'message/sip', 'message/sipfrag']);
  }],
  ['transports.dat', '3.1.1.10 varied and unknown transport types', () => {
    const m = req(ok('transports.dat'));
    assert.deepEqual(vias(m).map((v) => v.transport), ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
  }],
  ['mpart01.dat', '3.1.1.11 multipart MIME message', () => {
    const m = req(ok('mpart01.dat'));
    assert.equal(m.body.length, Number(m.headers.get('content-length')));
    assert.match(m.headers.get('content-type') ?? '', /^multipart\/mixed;boundary=/);
    assert.ok(m.body.includes(0));
  }],
  ['unreason.dat', '3.1.1.12 unusual reason phrase', () => {
    const m = ok('unreason.dat');
    assert.ok(m.kind === 'response');
    assert.equal(m.status, 200);
    assert.match(m.reason, /^= 2\*\*3 \* 5\*\*2 но сто девяносто девять/);
  }],
  ['noreason.dat', '3.1.1.13 empty reason phrase', () => {
    const m = ok('noreason.dat');
    assert.ok(m.kind === 'response');
    assert.equal(m.status, 100);
    assert.equal(m.reason, '');
  }],
  // §3.1.2 invalid messages
  ['badinv01.dat', '3.1.2.1 extraneous header field separators', () => rejected('badinv01.dat', 400, 'Via')],
  ['clerr.dat', '3.1.2.2 Content-Length larger than message', () => rejected('clerr.dat', 400, 'Content-Length')],
  ['ncl.dat', '3.1.2.3 negative Content-Length', () => rejected('ncl.dat', 400, 'Content-Length')],
  ['scalar02.dat', '3.1.2.4 request scalar fields with overlarge values', () => rejected('scalar02.dat', 400, 'CSeq|Max-Forwards|Expires')],
  ['scalarlg.dat', '3.1.2.5 response scalar fields with overlarge values', () => dropped('scalarlg.dat')],
  ['quotbal.dat', '3.1.2.6 unterminated quoted string in display name', () => rejected('quotbal.dat', 400, 'To')],
  ['ltgtruri.dat', '3.1.2.7 <> enclosing Request-URI', () => rejected('ltgtruri.dat', 400, 'Request-URI')],
  ['lwsruri.dat', '3.1.2.8 malformed SIP Request-URI (embedded LWS)', () => rejected('lwsruri.dat', 400, 'Request Line')],
  ['lwsstart.dat', '3.1.2.9 multiple SP separating Request-Line elements', () => rejected('lwsstart.dat', 400, 'Request Line')],
  ['trws.dat', '3.1.2.10 SP characters at end of Request-Line', () => rejected('trws.dat', 400, 'Request Line')],
  ['escruri.dat', '3.1.2.11 escaped headers in SIP Request-URI', () => rejected('escruri.dat', 400, 'Request-URI')],
  ['baddate.dat', '3.1.2.12 invalid time zone in Date header field', () => rejected('baddate.dat', 400, 'Date')],
  ['regbadct.dat', '3.1.2.13 failure to enclose name-addr URI in <>', () => rejected('regbadct.dat', 400, 'Contact')],
  ['badaspec.dat', '3.1.2.14 spaces within addr-spec', () => rejected('badaspec.dat', 400, 'To')],
  ['baddn.dat', '3.1.2.15 non-token characters in display name', () => rejected('baddn.dat', 400, 'From|To')],
  ['badvers.dat', '3.1.2.16 unknown protocol version', () => rejected('badvers.dat', 505)],
  ['mismatch01.dat', '3.1.2.17 start line and CSeq method mismatch', () => rejected('mismatch01.dat', 400, 'CSeq')],
  ['mismatch02.dat', '3.1.2.18 unknown method with CSeq method mismatch', () => rejected('mismatch02.dat', 400, 'CSeq')],
  ['bigcode.dat', '3.1.2.19 overlarge response code', () => dropped('bigcode.dat')],
  // §3.2 transaction layer semantics
  ['badbranch.dat', '3.2.1 missing transaction identifier', () => {
    const m = req(ok('badbranch.dat'));
    assert.equal(viaBranch(vias(m)[0]), 'z9hG4bK');
    assert.equal(isRfc3261Branch(viaBranch(vias(m)[0])), false, 'bare cookie falls back to RFC 2543 matching');
  }],
  // §3.3 application layer semantics
  ['insuf.dat', '3.3.1 missing required header fields', () => rejected('insuf.dat', 400, 'Missing Header')],
  ['unkscm.dat', '3.3.2 Request-URI with unknown scheme', () => rejected('unkscm.dat', 416)],
  ['novelsc.dat', '3.3.3 Request-URI with known but atypical scheme', () => rejected('novelsc.dat', 416)],
  ['unksm2.dat', '3.3.4 unknown URI schemes in header fields', () => {
    const m = req(ok('unksm2.dat'));
    assert.equal(toOf(m).uri.scheme, 'isbn');
    assert.equal(fromOf(m).uri.scheme, 'http');
    assert.equal(contactsOf(m)[0].uri.scheme, 'name');
  }],
  ['bext01.dat', '3.3.5 Proxy-Require and Require', () => {
    const r = checkRequest(req(ok('bext01.dat')), policy);
    assert.equal(r?.status, 420);
    assert.deepEqual(r?.headers, [['Unsupported', 'nothingSupportsThis, nothingSupportsThisEither']]);
  }],
  ['invut.dat', '3.3.6 unknown Content-Type', () => {
    const r = checkRequest(req(ok('invut.dat')), policy);
    assert.equal(r?.status, 415);
    assert.deepEqual(r?.headers, [['Accept', 'application/sdp']]);
  }],
  ['regaut01.dat', '3.3.7 unknown authorization scheme', () => {
    const m = req(ok('regaut01.dat'));
    assert.equal(m.headers.get('authorization'), 'NoOneKnowsThisScheme opaque-data=here');
    assert.equal(checkRequest(m, policy), null, 'passes to the registrar, which challenges it');
  }],
  ['multi01.dat', '3.3.8 multiple values in single value required fields', () => rejected('multi01.dat', 400, 'Multiple Values')],
  ['mcl01.dat', '3.3.9 multiple Content-Length values', () => rejected('mcl01.dat', 400, 'Content-Length')],
  ['bcast.dat', '3.3.10 200 OK response with broadcast Via header field value', () => {
    const m = ok('bcast.dat');
    assert.equal(vias(m)[1].host, '255.255.255.255');
  }],
  ['zeromf.dat', '3.3.11 Max-Forwards of zero', () => {
    const m = req(ok('zeromf.dat'));
    assert.equal(m.headers.get('max-forwards'), '0');
    assert.equal(checkRequest(m, policy), null, 'an endpoint answers this OPTIONS normally');
  }],
  ['cparam01.dat', '3.3.12 REGISTER with a Contact header parameter', () => {
    const c = contactsOf(ok('cparam01.dat'))[0];
    assert.ok(c.params.has('unknownparam'));
    assert.equal(sipUriOf(c.uri).params.size, 0);
  }],
  ['cparam02.dat', '3.3.13 REGISTER with a url-parameter', () => {
    const c = contactsOf(ok('cparam02.dat'))[0];
    assert.equal(c.params.size, 0);
    assert.ok(sipUriOf(c.uri).params.has('unknownparam'));
  }],
  ['regescrt.dat', '3.3.14 REGISTER with a URL escaped header', () => {
    const c = contactsOf(ok('regescrt.dat'))[0];
    assert.equal(unescapeUri(sipUriOf(c.uri).headers.get('Route') ?? ''), '<sip:sip.example.com>');
  }],
  ['sdp01.dat', '3.3.15 unacceptable Accept offering', () => {
    assert.equal(checkRequest(req(ok('sdp01.dat')), policy)?.status, 406);
  }],
  // §3.4 backward compatibility
  ['inv2543.dat', '3.4.1 INVITE with RFC 2543 syntax', () => {
    const m = req(ok('inv2543.dat'));
    assert.equal(viaBranch(vias(m)[0]), undefined);
    assert.equal(paramOf(fromOf(m), 'tag'), undefined);
    assert.equal(m.headers.get('max-forwards'), undefined);
  }],
  ['wsinvFixed.dat', 'extra: wsinv with its lines rejoined', () => {
    assert.equal(req(ok('wsinvFixed.dat')).method, 'INVITE');
  }],
];

for (const [file, section, check] of cases) {
  void test(`RFC 4475 ${section} (${file})`, (t) => {
    if (!present) {
      t.skip(`fixtures not found at ${dir.pathname}`);
      return;
    }
    check();
  });
}

void test('every RFC 4475 fixture has a test', (t) => {
  if (!present) return t.skip(`fixtures not found at ${dir.pathname}`);
  const files = readFileSync(new URL('README.md', dir), 'utf8') && cases.map((c) => c[0]);
  assert.equal(new Set(files).size, 50);
});
