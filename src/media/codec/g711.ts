/**
 * G.711 μ-law and A-law (ITU-T G.711), table-driven. Switchboard carries its
 * own codec code on purpose: no media library, so every byte on the wire is
 * ours to test and to tune (see issue 4).
 *
 * Tables are built once at module load from the reference bit-level
 * algorithms (G.711 §2 / the Sun reference g711.c), then every encode and
 * decode is a single array lookup, which is what the bridge and mixer need
 * at thousands of packets per second.
 */

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 8159; // 14-bit magnitude limit
const SEG_MASK = 0x70;
const QUANT_MASK = 0x0f;
const SIGN_BIT = 0x80;
const SEG_UEND = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];
const SEG_AEND = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function segment(value: number, ends: readonly number[]): number {
  for (let i = 0; i < ends.length; i++) if (value <= ends[i]) return i;
  return ends.length;
}

function linearToUlawSlow(pcm: number): number {
  let v = pcm >> 2; // G.711 μ-law works on 14-bit magnitudes
  let mask: number;
  if (v < 0) {
    v = -v;
    mask = 0x7f;
  } else mask = 0xff;
  if (v > MULAW_CLIP) v = MULAW_CLIP;
  v += MULAW_BIAS >> 2;
  const seg = segment(v, SEG_UEND);
  if (seg >= 8) return 0x7f ^ mask;
  return ((seg << 4) | ((v >> (seg + 1)) & 0x0f)) ^ mask;
}

function ulawToLinearSlow(u: number): number {
  const x = ~u & 0xff;
  let t = ((x & QUANT_MASK) << 3) + MULAW_BIAS;
  t <<= (x & SEG_MASK) >> 4;
  return x & SIGN_BIT ? MULAW_BIAS - t : t - MULAW_BIAS;
}

function linearToAlawSlow(pcm: number): number {
  let v = pcm >> 3; // A-law works on 13-bit magnitudes
  let mask: number;
  if (v >= 0) mask = 0xd5; // even bits inverted, sign bit set for positive
  else {
    mask = 0x55;
    v = -v - 1;
  }
  const seg = segment(v, SEG_AEND);
  if (seg >= 8) return 0x7f ^ mask;
  const quant = seg < 2 ? (v >> 1) & QUANT_MASK : (v >> seg) & QUANT_MASK;
  return ((seg << 4) | quant) ^ mask;
}

function alawToLinearSlow(a: number): number {
  const x = a ^ 0x55;
  let t = (x & QUANT_MASK) << 4;
  const seg = (x & SEG_MASK) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return x & SIGN_BIT ? t : -t;
}

/** 8-bit code → 16-bit linear sample. */
export const ULAW_TO_LINEAR = new Int16Array(256);
export const ALAW_TO_LINEAR = new Int16Array(256);
// 16-bit linear (indexed by `sample & 0xffff`) → 8-bit code.
const LINEAR_TO_ULAW = new Uint8Array(65536);
const LINEAR_TO_ALAW = new Uint8Array(65536);
/** Direct transcoding tables (one lookup per byte; used when bridge legs differ). */
export const ULAW_TO_ALAW = new Uint8Array(256);
export const ALAW_TO_ULAW = new Uint8Array(256);

for (let i = 0; i < 256; i++) {
  ULAW_TO_LINEAR[i] = ulawToLinearSlow(i);
  ALAW_TO_LINEAR[i] = alawToLinearSlow(i);
}
for (let s = -32768; s < 32768; s++) {
  LINEAR_TO_ULAW[s & 0xffff] = linearToUlawSlow(s);
  LINEAR_TO_ALAW[s & 0xffff] = linearToAlawSlow(s);
}
for (let i = 0; i < 256; i++) {
  ULAW_TO_ALAW[i] = LINEAR_TO_ALAW[ULAW_TO_LINEAR[i] & 0xffff];
  ALAW_TO_ULAW[i] = LINEAR_TO_ULAW[ALAW_TO_LINEAR[i] & 0xffff];
}

export type G711Law = 'pcmu' | 'pcma';

export function encodeUlawSample(sample: number): number {
  return LINEAR_TO_ULAW[sample & 0xffff];
}
export function decodeUlawSample(code: number): number {
  return ULAW_TO_LINEAR[code & 0xff];
}
export function encodeAlawSample(sample: number): number {
  return LINEAR_TO_ALAW[sample & 0xffff];
}
export function decodeAlawSample(code: number): number {
  return ALAW_TO_LINEAR[code & 0xff];
}

/** Encodes 16-bit linear PCM to G.711 (`out` may be passed to avoid allocation). */
export function encodeG711(law: G711Law, pcm: Int16Array, out: Uint8Array = new Uint8Array(pcm.length)): Uint8Array {
  const table = law === 'pcmu' ? LINEAR_TO_ULAW : LINEAR_TO_ALAW;
  for (let i = 0; i < pcm.length; i++) out[i] = table[pcm[i] & 0xffff];
  return out;
}

/** Decodes G.711 to 16-bit linear PCM. */
export function decodeG711(law: G711Law, codes: Uint8Array, out: Int16Array = new Int16Array(codes.length)): Int16Array {
  const table = law === 'pcmu' ? ULAW_TO_LINEAR : ALAW_TO_LINEAR;
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]];
  return out;
}

/** Transcodes in place between the two laws (same length: one byte per sample). */
export function transcodeG711InPlace(from: G711Law, to: G711Law, codes: Uint8Array): void {
  if (from === to) return;
  const table = from === 'pcmu' ? ULAW_TO_ALAW : ALAW_TO_ULAW;
  for (let i = 0; i < codes.length; i++) codes[i] = table[codes[i]];
}

/** The code for digital silence in each law (what fills gaps on the wire). */
export const G711_SILENCE: Readonly<Record<G711Law, number>> = { pcmu: 0xff, pcma: 0xd5 };
