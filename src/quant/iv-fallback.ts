/**
 * A slow, unconditionally convergent implied-volatility solver (bisection on ln s), kept as a safety net
 * behind "Let's Be Rational": it runs only if the fast solver ever returned a non-finite or non-positive
 * value, so that no input inside the bounds can produce NaN.
 */
import { normalisedBlackOtmCall, normalisedBlackOtmCallComplement } from './black-normalised.js';

/** s with b(x, s) = β for an out-of-the-money call (x ≤ 0, 0 < β, gap = e^{x/2} − β > 0), by bisection. */
export function bisectImpliedNormalisedOtmCall(beta: number, gap: number, x: number): number {
  const upper = beta > gap;
  let lo = -745;
  let hi = 8;
  for (let i = 0; i < 200 && hi - lo > 1e-16 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    const s = Math.exp(mid);
    const tooLow = upper ? normalisedBlackOtmCallComplement(x, s) > gap : normalisedBlackOtmCall(x, s) < beta;
    if (tooLow) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}
