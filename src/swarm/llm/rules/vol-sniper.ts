import { creditStructure, type CreditView } from './credit-structures.js';
import {
  clamp,
  num,
  proposal,
  sentimentAllows,
  sliceNear,
  str,
  wingWidth,
  type ContractSignal,
  type RulesScreen,
} from './screen-kit.js';

/**
 * vol_sniper: sell defined-risk premium when IV rank is at least `min_iv_rank`, shorts within
 * `max_delta_exposure`, the structure's net delta too, and only where `sentiment_filter` allows.
 * Neutral sentiment: iron condor; bullish: put credit spread; bearish: call credit spread.
 * Unknown IV rank means no trade.
 */
export const volSniper: RulesScreen = (p, context) => {
  const minRank = num(p, 'min_iv_rank', 80);
  const maxDelta = num(p, 'max_delta_exposure', 0.3);
  const filter = str(p, 'sentiment_filter', 'neutral_or_better');
  const targetDte = num(p, 'target_dte', 45);
  const minCreditPct = num(p, 'min_credit_pct_of_width', 0.15);
  const out: ContractSignal[] = [];
  for (const { snapshot: s, slices } of context.symbols) {
    if (s.ivRank === null || s.ivRank < minRank) continue;
    if (!sentimentAllows(filter, s.sentiment)) continue;
    const slice = sliceNear(slices, targetDte);
    if (!slice) continue;
    const view: CreditView =
      s.sentiment === 'bullish' ? 'bullish' : s.sentiment === 'bearish' ? 'bearish' : 'neutral';
    const width = wingWidth(s, num(p, 'wing_width_pct', 0.05));
    const structure = creditStructure(
      s,
      slice.rows,
      view,
      Math.min(maxDelta, num(p, 'short_delta', 0.3)),
      width,
    );
    if (!structure || Math.abs(structure.netDelta) > maxDelta) continue;
    if (structure.credit < minCreditPct * structure.width) continue;
    const signal = proposal({
      underlying: s.symbol,
      strategy: structure.strategy,
      view: structure.view,
      legs: structure.legs,
      confidence: 0.5 + 0.4 * clamp((s.ivRank - minRank) / Math.max(1, 100 - minRank), 0, 1),
      thesis: `IV rank ${s.ivRank.toFixed(0)} >= ${minRank}, sentiment ${s.sentiment} (${filter}); ${structure.strategy} ${slice.expiry}, credit ${structure.credit.toFixed(2)} on ${structure.width} wide, net delta ${structure.netDelta.toFixed(2)} within ${maxDelta}`,
      horizonDays: Math.min(21, Math.max(1, slice.dte - 7)),
    });
    if (signal) out.push(signal);
  }
  return out;
};
