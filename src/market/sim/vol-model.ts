/**
 * The implied-volatility surface of a simulated underlying: a stochastic short-term ATM level,
 * mean-reverting in term, plus the variance of each earnings move before expiry (the run-up and
 * the crush), bent by a skew and smile in standardised moneyness.
 */
import type { UnderlyingProfile } from './profiles.js';

/** Speed at which the ATM term structure reverts to the long-run level, per year. */
const TERM_REVERSION = 2.5;

/** ATM implied vol for `years` to expiry, before earnings, from the short-term level `shortVol`. */
export function termVol(profile: UnderlyingProfile, shortVol: number, years: number): number {
  const longRun = profile.atmVol * profile.atmVol;
  const kt = TERM_REVERSION * Math.max(years, 1e-6);
  const weight = (1 - Math.exp(-kt)) / kt;
  return Math.sqrt(longRun + (shortVol * shortVol - longRun) * weight);
}

/** ATM implied vol including `earningsVariance` (sum of squared earnings-move stdevs before expiry). */
export function atmVol(
  profile: UnderlyingProfile,
  shortVol: number,
  years: number,
  earningsVariance: number,
): number {
  const base = termVol(profile, shortVol, years);
  return Math.sqrt(base * base + earningsVariance / Math.max(years, 1e-6));
}

/** Implied vol at a strike, given the ATM vol for that expiry and the forward. */
export function smileVol(
  profile: UnderlyingProfile,
  atm: number,
  forward: number,
  strike: number,
  years: number,
): number {
  const raw = Math.log(strike / forward) / (atm * Math.sqrt(Math.max(years, 1e-6)));
  const d = Math.max(-4, Math.min(4, raw));
  const factor = 1 + profile.skew * d + profile.smile * d * d;
  return Math.max(0.03, atm * Math.max(0.6, Math.min(3, factor)));
}

/** Continuous dividend yield implied by the profile's schedule at a price. */
export function dividendYield(profile: UnderlyingProfile, spot: number): number {
  const d = profile.dividend;
  return d ? (d.amount * d.months.length) / spot : 0;
}
