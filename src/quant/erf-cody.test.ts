import { describe, expect, it } from 'vitest';
import { erf, erfc, erfcx, erfcxNonNegative, expMinusSquare } from './erf-cody.js';
import { erfRows } from './test-support/reference.js';

const EPS = 2.220446049250313e-16;
const relativeError = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('Cody error functions', () => {
  it('match 60-digit references to within 3 ulps (erf, erfc, erfcx)', () => {
    let worst = 0;
    for (const { x, erf: e, erfc: c, erfcx: cx } of erfRows) {
      if (e !== 0) worst = Math.max(worst, relativeError(erf(x), e));
      if (c > 1e-300) worst = Math.max(worst, relativeError(erfc(x), c));
      if (Number.isFinite(cx)) worst = Math.max(worst, relativeError(erfcx(x), cx));
    }
    expect(worst).toBeLessThan(3 * EPS);
  });

  it('keeps erfc relative accuracy deep in the upper tail, then underflows to 0', () => {
    // erfc(26) = 5.663192408856142e-296 (mpmath).
    expect(relativeError(erfc(26), 5.663192408856142e-296)).toBeLessThan(3 * EPS);
    expect(erfc(27)).toBe(0);
    expect(erfc(-27)).toBe(2);
  });

  it('gives erfcx(x) = 1/(x√π) for huge x and +∞ below its overflow', () => {
    expect(relativeError(erfcx(1e300), 1 / (1e300 * Math.sqrt(Math.PI)))).toBeLessThan(2 * EPS);
    expect(erfcx(-27)).toBe(Infinity);
    expect(erfcxNonNegative(0)).toBe(1);
  });

  it('is odd (erf) and reflects (erfc(−x) = 2 − erfc(x))', () => {
    for (const x of [0.1, 0.46875, 0.5, 2, 4, 5, 10]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(erfc(-x)).toBeCloseTo(2 - erfc(x), 15);
    }
  });

  it('propagates NaN', () => {
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
    expect(erfcx(NaN)).toBeNaN();
  });

  it('forms e^{−y²} without the rounding of y·y', () => {
    // exp(-(26.5^2)) with y² exact vs the split evaluation.
    expect(relativeError(expMinusSquare(26.5), Math.exp(-702.25))).toBeLessThan(2 * EPS);
    // y = 20.1 is not exact in binary; mpmath: e^{−20.1²} = 3.47285272427179975e-176.
    expect(relativeError(expMinusSquare(20.1), 3.4728527242717995e-176)).toBeLessThan(3 * EPS);
  });
});
