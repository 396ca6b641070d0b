import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  controlForLeftSecondDerivative,
  controlForRightSecondDerivative,
  rationalCubic,
} from './rational-cubic.js';

describe('rational cubic interpolation', () => {
  it('passes through both ends with the given slopes', () => {
    const [w, yl, yr, dl, dr, r] = [2, 1, 3, 0.5, 2, 4];
    expect(rationalCubic(0, 1, w, yl, yr, dl, dr, r)).toBe(yl);
    expect(rationalCubic(1, 0, w, yl, yr, dl, dr, r)).toBe(yr);
    const h = 1e-7;
    expect((rationalCubic(h / w, 1 - h / w, w, yl, yr, dl, dr, r) - yl) / h).toBeCloseTo(dl, 5);
    expect((yr - rationalCubic(1 - h / w, h / w, w, yl, yr, dl, dr, r)) / h).toBeCloseTo(dr, 5);
  });

  it('is the cubic Hermite interpolant at r = 3', () => {
    // Hermite through (0, 0) and (1, 1) with slopes 0 and 0 is 3u² − 2u³.
    expect(rationalCubic(0.25, 0.75, 1, 0, 1, 0, 0, 3)).toBeCloseTo(3 * 0.0625 - 2 * 0.015625, 15);
  });

  it('matches a prescribed second derivative at either end (when that keeps the shape)', () => {
    const [w, yl, yr, dl, dr] = [1, 0, 1, 0.5, 1.5];
    const second = 1.2;
    const h = 1e-4;
    const left = controlForLeftSecondDerivative(w, yl, yr, dl, dr, second);
    const f = (u: number): number => rationalCubic(u, 1 - u, w, yl, yr, dl, dr, left);
    expect((f(2 * h) - 2 * f(h) + f(0)) / (h * h)).toBeCloseTo(second, 2);
    const right = controlForRightSecondDerivative(w, yl, yr, dl, dr, second);
    const g = (u: number): number => rationalCubic(u, 1 - u, w, yl, yr, dl, dr, right);
    expect((g(1) - 2 * g(1 - h) + g(1 - 2 * h)) / (h * h)).toBeCloseTo(second, 2);
  });

  it('keeps monotone data monotone whatever second derivative is asked for', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (rise, dl, dr, second) => {
          const r = controlForLeftSecondDerivative(1, 0, rise, dl, dr, second);
          let previous = 0;
          for (let k = 1; k <= 50; k++) {
            const y = rationalCubic(k / 50, 1 - k / 50, 1, 0, rise, dl, dr, r);
            expect(y).toBeGreaterThanOrEqual(previous - 1e-12);
            previous = y;
          }
        },
      ),
    );
  });
});
