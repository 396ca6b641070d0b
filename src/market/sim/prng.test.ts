import { describe, expect, it } from 'vitest';
import { hashInts, hashString, mix32, normalFromHash, Rng, seed32, unitFromHash } from './prng.js';

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed, and a different one for another', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('is pinned: these values must not change between versions (a seed means one market)', () => {
    expect(mix32(1)).toBe(1364076727);
    expect(hashString('NVDA')).toBe(1685528803);
    expect(seed32(42)).toBe(1133541699);
    const rng = new Rng(seed32(42));
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      603613269, 3093581192, 651336057,
    ]);
    expect(rng.normal()).toBe(2.464681167672475);
    expect(hashInts(1, 2, 3)).toBe(213159310);
    expect(hashInts(1, 3, 2)).not.toBe(213159310);
  });

  it('draws uniforms strictly inside (0, 1) and normals with mean 0 and variance 1', () => {
    const rng = new Rng(123);
    let sum = 0;
    let sq = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u > 0 && u < 1).toBe(true);
      const z = rng.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
    expect(unitFromHash(0)).toBeGreaterThan(0);
    expect(unitFromHash(0xffffffff)).toBeLessThan(1);
    expect(Number.isFinite(normalFromHash(0, 0))).toBe(true);
  });
});
