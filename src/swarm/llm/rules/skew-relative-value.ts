import { creditStructure } from './credit-structures.js';
import {
  clamp,
  num,
  proposal,
  sliceNear,
  volPts,
  wingWidth,
  type ContractSignal,
  type RulesScreen,
} from './screen-kit.js';

/**
 * skew_relative_value: sell the rich wing of the smile, defined risk. Put skew (25-delta put IV over
 * ATM) of at least `min_put_skew`: put credit spread with the short near `short_delta`. Else a call
 * side richer than the put side by `min_call_skew` (risk reversal): call credit spread.
 */
export const skewRelativeValue: RulesScreen = (p, context) => {
  const minPutSkew = num(p, 'min_put_skew', 0.04);
  const minCallSkew = num(p, 'min_call_skew', 0.02);
  const shortDelta = num(p, 'short_delta', 0.25);
  const out: ContractSignal[] = [];
  for (const { snapshot: s, slices } of context.symbols) {
    const slice = sliceNear(slices, num(p, 'target_dte', 35));
    if (!slice) continue;
    let view: 'bullish' | 'bearish' | null = null;
    let edge = 0;
    let why = '';
    if (s.putSkew25 !== null && s.putSkew25 >= minPutSkew) {
      view = 'bullish';
      edge = (s.putSkew25 - minPutSkew) / minPutSkew;
      why = `25d put IV ${volPts(s.putSkew25)} over ATM (>= ${volPts(minPutSkew)}): puts rich, sell a put spread`;
    } else if (s.riskReversal25 !== null && s.riskReversal25 >= minCallSkew) {
      view = 'bearish';
      edge = (s.riskReversal25 - minCallSkew) / minCallSkew;
      why = `25d risk reversal ${volPts(s.riskReversal25)} (>= ${volPts(minCallSkew)}): calls rich, sell a call spread`;
    }
    if (!view) continue;
    const structure = creditStructure(
      s,
      slice.rows,
      view,
      shortDelta + 0.03,
      wingWidth(s, num(p, 'wing_width_pct', 0.05)),
    );
    if (!structure) continue;
    const signal = proposal({
      underlying: s.symbol,
      strategy: structure.strategy,
      view,
      legs: structure.legs,
      confidence: 0.45 + 0.35 * clamp(edge, 0, 1),
      thesis: `${why}; ${slice.expiry}, credit ${structure.credit.toFixed(2)} on ${structure.width} wide`,
      horizonDays: Math.min(21, Math.max(1, slice.dte - 7)),
    });
    if (signal) out.push(signal);
  }
  return out;
};
