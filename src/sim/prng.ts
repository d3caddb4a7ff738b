/**
 * A seeded pseudo-random generator for reproducible simulations:
 * xoshiro128** (Blackman & Vigna, 2018), 128-bit state, period 2^128 - 1,
 * passes BigCrush. Seeds (a number or any string) are hashed with FNV-1a and
 * expanded with splitmix32 so that nearby seeds ("rep-1", "rep-2") give
 * unrelated streams. Doubles carry 53 random bits.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** An independent generator derived from this seed and `label` (e.g. one per replication). */
  fork(label: string | number): Rng;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** Creates a generator; the same seed always gives the same sequence. */
export function createRng(seed: string | number): Rng {
  const key = typeof seed === 'number' ? `#${seed}` : seed;
  const mix = splitmix32(fnv1a(key));
  let a = mix(), b = mix(), c = mix(), d = mix();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    fork: (label) => createRng(`${key}/${String(label)}`),
  };
}
