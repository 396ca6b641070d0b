import type { Right } from '../../../domain/index.js';
import {
  clamp,
  deltaRow,
  num,
  proposal,
  sliceNear,
  str,
  structureFigures,
  type ContractSignal,
  type RulesScreen,
} from './screen-kit.js';

/**
 * directional_debit: when options are cheap (IV rank at most `max_iv_rank`), buy a vertical in the
 * direction of `bias` (or of the sentiment with `follow_sentiment`): long near `long_delta`, short
 * near `short_delta`, paying at most `max_debit_pct_of_width` of the width. Neutral or unknown
 * direction, or unknown IV rank: no trade.
 */
export const directionalDebit: RulesScreen = (p, context) => {
  const maxRank = num(p, 'max_iv_rank', 40);
  const bias = str(p, 'bias', 'follow_sentiment');
  const maxDebitPct = num(p, 'max_debit_pct_of_width', 0.6);
  const out: ContractSignal[] = [];
  for (const { snapshot: s, slices } of context.symbols) {
    if (s.ivRank === null || s.ivRank > maxRank) continue;
    const direction = bias === 'follow_sentiment' ? s.sentiment : bias;
    if (direction !== 'bullish' && direction !== 'bearish') continue;
    const slice = sliceNear(slices, num(p, 'target_dte', 45));
    if (!slice) continue;
    const right: Right = direction === 'bullish' ? 'call' : 'put';
    const long = deltaRow(slice.rows, right, num(p, 'long_delta', 0.5));
    const short = deltaRow(slice.rows, right, num(p, 'short_delta', 0.25));
    if (!long || !short || long.contract.strike === short.contract.strike) continue;
    const legs = [
      { row: long, side: 'buy' as const },
      { row: short, side: 'sell' as const },
    ];
    const { netMid } = structureFigures(legs);
    const width = Math.abs(long.contract.strike - short.contract.strike);
    if (!(netMid > 0) || netMid > maxDebitPct * width) continue;
    const signal = proposal({
      underlying: s.symbol,
      strategy: right === 'call' ? 'call_debit_spread' : 'put_debit_spread',
      view: direction,
      legs,
      confidence: 0.45 + 0.3 * clamp((maxRank - s.ivRank) / Math.max(1, maxRank), 0, 1),
      thesis: `IV rank ${s.ivRank.toFixed(0)} <= ${maxRank}: options cheap; ${direction} (${bias === 'follow_sentiment' ? `sentiment from ${s.sentimentSource}` : 'bias'}); debit ${netMid.toFixed(2)} for ${width} wide`,
      horizonDays: Math.min(30, Math.max(1, slice.dte - 10)),
    });
    if (signal) out.push(signal);
  }
  return out;
};
