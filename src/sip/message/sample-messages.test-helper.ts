import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRng } from '../../sim/prng.js';

const dir = new URL('../../../../shared/fixtures/sip/rfc4475/', import.meta.url);
const NUL_FILES = new Set(['intmeth.dat', 'mpart01.dat']);

const BUILTIN = [
  'INVITE sip:echo@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-0;rport\r\nFrom: sipp <sip:sipp@127.0.0.1:5061>;tag=1\r\nTo: <sip:echo@127.0.0.1:5060>\r\nCall-ID: 1-1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: sip:sipp@127.0.0.1:5061\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 21\r\n\r\nv=0\r\ns=-\r\nt=0 0\r\n\r\n',
  'SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP [::1]:5061;branch=z9hG4bK-2;received=::1;rport=5061\r\nRecord-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\nFrom: "A \\"x\\"" <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: 2@h\r\nCSeq: 2 INVITE\r\nContact: <sip:b@10.0.0.1:5060;transport=tcp>\r\nContent-Length: 0\r\n\r\n',
];

/** Valid messages used as fuzzing seeds: built-in ones plus the valid RFC 4475 files when present. */
export function sampleMessages(): Buffer[] {
  const out = BUILTIN.map((s) => Buffer.from(s));
  if (!existsSync(dir)) return out;
  const valid = ['wsinv.dat', 'intmeth.dat', 'esc01.dat', 'escnull.dat', 'esc02.dat', 'lwsdisp.dat', 'longreq.dat', 'semiuri.dat', 'transports.dat', 'mpart01.dat', 'unreason.dat', 'noreason.dat', 'unksm2.dat', 'regescrt.dat'];
  for (const name of readdirSync(dir)) {
    if (!valid.includes(name)) continue;
    const raw = readFileSync(new URL(name, dir));
    out.push(NUL_FILES.has(name) ? raw : Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'));
  }
  return out;
}

/** A seeded source of [0, 1) numbers: the project's PRNG (src/sim/prng.ts). */
export function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

const SPECIAL = ['\r\n', ' ', '\t', ':', ';', ',', '"', '\\', '<', '>', '@', '%', '=', '[', ']', '\0', '\r\n ', '\r\n\r\n', '-1', '99999999999'];

export function mutate(src: Buffer, r: () => number): Buffer {
  const b = Buffer.from(src);
  const pick = Math.floor(r() * 7);
  const at = Math.floor(r() * b.length);
  switch (pick) {
    case 0: { // bit flips
      const n = 1 + Math.floor(r() * 8);
      for (let i = 0; i < n; i++) b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
      return b;
    }
    case 1: // truncation
      return b.subarray(0, at);
    case 2: { // insert a separator or special sequence
      const s = Buffer.from(SPECIAL[Math.floor(r() * SPECIAL.length)]);
      return Buffer.concat([b.subarray(0, at), s, b.subarray(at)]);
    }
    case 3: { // huge header
      const line = Buffer.from(`\r\nX-Huge: ${'a;,"<'[Math.floor(r() * 5)].repeat(1000 + Math.floor(r() * 70000))}`);
      const eol = b.indexOf('\r\n');
      return eol === -1 ? b : Buffer.concat([b.subarray(0, eol), line, b.subarray(eol)]);
    }
    case 4: // bad Content-Length
      return Buffer.from(b.toString('latin1').replace(/(Content-Length|\nl)\s*:\s*\d+/i, `$1: ${['-5', '999999', 'abc', '', '1 2', '00000000000000001'][Math.floor(r() * 6)]}`), 'latin1');
    case 5: { // duplicate a random line
      const lines = b.toString('latin1').split('\r\n');
      const i = Math.floor(r() * lines.length);
      lines.splice(i, 0, lines[i]);
      return Buffer.from(lines.join('\r\n'), 'latin1');
    }
    default: { // delete a span
      const len = Math.floor(r() * 40);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + len)]);
    }
  }
}

