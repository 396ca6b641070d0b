import { describe, expect, it } from 'vitest';
import { inverseNormCdfApprox, normCdf, normPdf } from './normal-cdf.js';
import { ncdfInverseRows, ncdfRows } from './test-support/reference.js';

const EPS = 2.220446049250313e-16;

describe('normal distribution', () => {
  it('keeps Φ(z) relatively accurate far into the lower tail (error ≲ (1 + z²)·ε from rounding z/√2)', () => {
    for (const { z, Phi } of ncdfRows) {
      if (Phi < 1e-305) continue;
      const err = Math.abs(normCdf(z) - Phi) / Phi;
      expect(err, `z = ${z}`).toBeLessThan(4 * (1 + z * z) * EPS);
    }
  });

  it('never computes the lower tail as 1 − Φ(−z)', () => {
    // Φ(−10) = 7.61985302416047e-24: 1 − Φ(10) would be 0 in double precision.
    expect(normCdf(-10)).toBeCloseTo(7.61985302416047e-24, 37);
    expect(normCdf(-37)).toBeGreaterThan(0);
  });

  it('has the standard density', () => {
    expect(normPdf(0)).toBe(0.3989422804014327);
    expect(normPdf(1)).toBeCloseTo(0.24197072451914337, 16);
  });

  it('inverts Φ to about 1e−9 relative accuracy, down to 1e−300', () => {
    for (const { p, z } of ncdfInverseRows) {
      const got = inverseNormCdfApprox(p);
      expect(Math.abs(got - z), `p = ${p}`).toBeLessThan(2e-7 * Math.max(1, Math.abs(z)));
    }
    expect(inverseNormCdfApprox(0)).toBe(-Infinity);
    expect(inverseNormCdfApprox(1)).toBe(Infinity);
  });
});
