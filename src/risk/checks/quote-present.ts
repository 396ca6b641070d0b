import { contractKey, type OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import { spotOf } from '../analysis/greeks.js';
import { isTwoSided } from '../analysis/leg-market.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

const side = (x: number | null | undefined): string => (x === null || x === undefined ? 'none' : num(x));

/** 5d. Every leg has a two-sided quote (bid and ask, ask above 0) and the underlying has a price. */
export function checkQuotePresent(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const a = analyze(intent, ctx);
  for (const q of a.legQuotes) {
    if (!isTwoSided(q.quote)) {
      return reject(
        'QUOTE_MISSING',
        `${contractKey(q.leg.contract)}: ${q.missing ?? `no two-sided quote (bid ${side(q.quote?.bid)}, ask ${side(q.quote?.ask)})`}`,
      );
    }
  }
  for (const symbol of a.symbols) {
    if (spotOf(ctx.markets[symbol]) === null)
      return reject('QUOTE_MISSING', `${symbol}: no quote for the underlying`);
  }
  return null;
}
