/**
 * Seeded randomness of our own, so a seed gives the same market on every machine and Node version.
 * Two kinds: a sequential generator (xoshiro128**) for paths, and stateless hashing for values
 * that must not depend on the order in which they are asked for (a quote's noise at a step).
 */

/** Murmur3's 32-bit finaliser: a good avalanche for integer keys. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds more integers into a hash; the result depends on their order. */
export function hashInts(seed: number, ...values: readonly number[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const v of values) {
    // Split non-32-bit integers (strikes in cents, step numbers) into two words so nothing is lost.
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) >>> 0;
    h = mix32(h ^ lo) + 0x7f4a7c15;
    h = mix32(h ^ hi);
  }
  return h >>> 0;
}

/** FNV-1a of a string, mixed. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A uniform in (0, 1) from a 32-bit hash (never exactly 0 or 1). */
export function unitFromHash(hash: number): number {
  return ((hash >>> 0) + 0.5) / 4294967296;
}

/** A 32-bit seed from any safe integer. */
export function seed32(seed: number): number {
  return hashInts(0x5eed, seed);
}

/** xoshiro128**: small, fast, good enough for simulation; seeded through SplitMix32. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      return mix32(x) | 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    return unitFromHash(this.nextUint32());
  }

  /** Standard normal (Box-Muller, the pair's second value kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A standard normal from two hashes (stateless). */
export function normalFromHash(h1: number, h2: number): number {
  return Math.sqrt(-2 * Math.log(unitFromHash(h1))) * Math.cos(2 * Math.PI * unitFromHash(h2));
}
