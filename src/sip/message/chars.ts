/**
 * Character classes of the RFC 3261 §25.1 ABNF as lookup tables: one array
 * read per character, no regular expressions, so hostile input cannot cause
 * backtracking.
 */
function table(chars: string, alnum = true): Uint8Array {
  const t = new Uint8Array(128);
  if (alnum) {
    for (let c = 48; c <= 57; c++) t[c] = 1;
    for (let c = 65; c <= 90; c++) t[c] = 1;
    for (let c = 97; c <= 122; c++) t[c] = 1;
  }
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const UNRESERVED = "-_.!~*'()";
/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = table("-.!%*_+`'~");
/** user = 1*( unreserved / escaped / user-unreserved ) */
export const USER = table(UNRESERVED + '%&=+$,;?/');
/** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
export const PASSWORD = table(UNRESERVED + '%&=+$,');
/** paramchar = param-unreserved / unreserved / escaped */
export const PARAMCHAR = table(UNRESERVED + '%[]/:&+$');
/** hname/hvalue = *( hnv-unreserved / unreserved / escaped ) */
export const HNV = table(UNRESERVED + '%[]/?:+$');
/** hostname characters (alphanum, "-", ".") */
export const HOST = table('-.');
/** IPv6 reference contents */
export const IPV6 = table(':.', false);
for (let c = 48; c <= 57; c++) IPV6[c] = 1;
for (let c = 65; c <= 70; c++) IPV6[c] = 1;
for (let c = 97; c <= 102; c++) IPV6[c] = 1;
/** URI scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
export const SCHEME = table('+-.');

export function allIn(t: Uint8Array, s: string, from = 0, to = s.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || t[c] !== 1) return false;
  }
  return true;
}

/** Escapes are "%" HEXDIG HEXDIG; a lone "%" makes the field invalid. */
export function escapesValid(s: string): boolean {
  for (let i = s.indexOf('%'); i !== -1; i = s.indexOf('%', i + 1)) {
    if (!isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return false;
  }
  return true;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Decodes %HH escapes (RFC 3261 §19.1.2); invalid escapes are left as they are. */
export function unescapeUri(s: string): string {
  if (s.indexOf('%') === -1) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '%' && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += ch;
  }
  return out;
}

export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
