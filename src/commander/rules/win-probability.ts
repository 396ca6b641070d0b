import { probabilityBeyond } from '../../quant/index.js';
import type { StructureProfile } from '../../domain/index.js';

export interface LognormalInput {
  readonly spot: number;
  readonly volatility: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly dividendYield: number;
}

/**
 * Probability that the structure finishes in profit at expiry: the implied (risk-neutral) mass of
 * its profit intervals, P(S_T > low) − P(S_T > high) for each. It is the market's estimate, not an
 * edge: the Commander tilts it by the swarm's confidence, in the open.
 */
export function probabilityOfProfit(profile: StructureProfile, model: LognormalInput): number {
  if (!(model.volatility > 0) || !(model.timeYears > 0) || !(model.spot > 0)) return 0;
  const above = (level: number): number =>
    level === Infinity ? 0 : probabilityBeyond({ ...model, level, direction: 'above' });
  let p = 0;
  for (const [lo, hi] of profile.profitIntervals) p += above(lo) - above(hi);
  return Math.min(1, Math.max(0, p));
}
