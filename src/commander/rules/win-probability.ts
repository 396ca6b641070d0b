import { normCdf } from '../../quant/index.js';
import type { StructureProfile } from '../../domain/index.js';

export interface LognormalInput {
  readonly spot: number;
  readonly volatility: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly dividendYield: number;
}

/** P(S_T < x) under the risk-neutral lognormal distribution. */
function cdfAt(x: number, m: LognormalInput): number {
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  const sd = m.volatility * Math.sqrt(m.timeYears);
  const drift = (m.rate - m.dividendYield - (m.volatility * m.volatility) / 2) * m.timeYears;
  return normCdf((Math.log(x / m.spot) - drift) / sd);
}

/**
 * Probability that the structure finishes in profit at expiry: the implied (risk-neutral) mass of
 * its profit intervals. It is the market's estimate, not an edge: the Commander tilts it by the
 * swarm's confidence, in the open.
 */
export function probabilityOfProfit(profile: StructureProfile, model: LognormalInput): number {
  if (!(model.volatility > 0) || !(model.timeYears > 0) || !(model.spot > 0)) return 0;
  let p = 0;
  for (const [lo, hi] of profile.profitIntervals) p += cdfAt(hi, model) - cdfAt(lo, model);
  return Math.min(1, Math.max(0, p));
}
