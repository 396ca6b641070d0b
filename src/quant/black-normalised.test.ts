import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  millsY,
  normalisedBlack,
  normalisedBlackOtmCall,
  normalisedBlackOtmCallComplement,
  normalisedVega,
  smallTDifference,
} from './black-normalised.js';
import { blackRows } from './test-support/reference.js';

const EPS = 2.220446049250313e-16;

describe('normalised Black function', () => {
  it('is accurate to a few ulps times its condition number (1 + |s∂b/∂s/b| + |x∂b/∂x/b|), down to 1e−300', () => {
    let worst = 0;
    for (const { x, s, call, b, sensS, sensX } of blackRows) {
      const got = normalisedBlack(x, s, call === 1);
      const ratio = Math.abs(got - b) / b / ((1 + sensS + sensX) * EPS);
      worst = Math.max(worst, ratio);
    }
    expect(worst).toBeLessThan(4);
  });

  it('is accurate for the out-of-the-money part alone, including its smallest values', () => {
    let worst = 0;
    for (const { x, s, bOtm, sensS } of blackRows) {
      if (!(bOtm > 1e-300)) continue;
      const got = normalisedBlackOtmCall(-Math.abs(x), s);
      // the OTM part's own s-sensitivity is at least the whole option's: use the larger bound 1 + s·b'/b_otm.
      const sens = (s * normalisedVega(-Math.abs(x), s)) / bOtm;
      worst = Math.max(worst, Math.abs(got - bOtm) / bOtm / ((1 + Math.max(sens, sensS)) * EPS));
    }
    expect(worst).toBeLessThan(4);
  });

  it('satisfies put-call symmetry b_put(x, s) = b_call(−x, s) exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: 1e-4, max: 20 }),
        (x, s) => {
          expect(normalisedBlack(x, s, false)).toBe(normalisedBlack(-x, s, true));
        },
      ),
    );
  });

  it('is increasing in s and bounded by its maximum e^{x/2}', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 0, noNaN: true }),
        fc.double({ min: 1e-3, max: 15 }),
        fc.double({ min: 1.0001, max: 2, noNaN: true }),
        (x, s, factor) => {
          const lo = normalisedBlackOtmCall(x, s);
          const hi = normalisedBlackOtmCall(x, s * factor);
          expect(hi).toBeGreaterThanOrEqual(lo);
          expect(hi).toBeLessThanOrEqual(Math.exp(0.5 * x));
          expect(lo).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('computes β_max − b without cancellation near the maximum', () => {
    // x = −0.1, s = 12: β_max − b = 2.4237e−9·… is far below an ulp of b's neighbourhood of 0.95.
    const x = -0.1;
    const s = 12;
    const c = normalisedBlackOtmCallComplement(x, s);
    expect(c).toBeGreaterThan(0);
    expect(Math.abs(normalisedBlackOtmCall(x, s) + c - Math.exp(0.5 * x))).toBeLessThan(4 * EPS);
    expect(normalisedBlackOtmCallComplement(x, 0)).toBe(Math.exp(0.5 * x));
    expect(normalisedBlackOtmCallComplement(x, Infinity)).toBe(0);
  });

  it('agrees with the direct erfcx difference where both are accurate (Taylor series in t)', () => {
    for (const [h, t] of [
      [-0.5, 0.2],
      [-3, 0.1],
      [0.1, 0.2],
      [-1, 0.05],
    ] as const) {
      const direct = millsY(h + t) - millsY(h - t);
      expect(Math.abs(smallTDifference(h, t) - direct) / direct).toBeLessThan(1e-13);
    }
  });

  it('is 0 at s = 0 and the normalised intrinsic value in the money', () => {
    expect(normalisedBlackOtmCall(-1, 0)).toBe(0);
    expect(normalisedBlack(1, 0, true)).toBeCloseTo(2 * Math.sinh(0.5), 15);
  });
});
