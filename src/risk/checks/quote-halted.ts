import { contractKey, type OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 5e. Nothing is traded while the market flags the underlying or a leg as halted. */
export function checkQuoteHalted(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const a = analyze(intent, ctx);
  for (const symbol of a.symbols) {
    if (ctx.markets[symbol]?.underlying?.flags.includes('halted'))
      return reject('QUOTE_HALTED', `${symbol}: trading is halted`);
  }
  for (const q of a.legQuotes) {
    if (q.row?.flags.includes('halted'))
      return reject('QUOTE_HALTED', `${contractKey(q.leg.contract)}: trading is halted`);
  }
  return null;
}
