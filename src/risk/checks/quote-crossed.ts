import { contractKey, type OrderIntent, type Quote } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { num, reject, type Rejection } from '../rejection.js';

function crossed(q: Pick<Quote, 'bid' | 'ask'> | null | undefined): boolean {
  return !!q && q.bid !== null && q.ask !== null && q.bid > q.ask;
}

/** 5f. No leg's quote, and not the underlying's, is crossed (bid above ask): such a market is not priced. */
export function checkQuoteCrossed(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const a = analyze(intent, ctx);
  for (const q of a.legQuotes) {
    if (crossed(q.quote) || q.row?.flags.includes('crossed')) {
      return reject(
        'QUOTE_CROSSED',
        `${contractKey(q.leg.contract)}: crossed quote (bid ${num(q.quote?.bid ?? NaN)} > ask ${num(q.quote?.ask ?? NaN)})`,
      );
    }
  }
  for (const symbol of a.symbols) {
    const u = ctx.markets[symbol]?.underlying;
    if (crossed(u) || u?.flags.includes('crossed')) {
      return reject(
        'QUOTE_CROSSED',
        `${symbol}: crossed underlying quote (bid ${num(u?.bid ?? NaN)} > ask ${num(u?.ask ?? NaN)})`,
      );
    }
  }
  return null;
}
