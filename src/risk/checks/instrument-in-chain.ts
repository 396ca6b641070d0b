import { contractKey, type OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 3e. Every option leg is listed in the current chain (with the same multiplier); a stock leg's symbol is quoted. */
export function checkInstrumentInChain(intent: OrderIntent, ctx: GateContext): Rejection | null {
  for (const q of analyze(intent, ctx).legQuotes) {
    const c = q.leg.contract;
    if (c.kind === 'stock') {
      if (!ctx.markets[c.symbol]?.underlying)
        return reject('INSTRUMENT_UNKNOWN_CONTRACT', `${c.symbol}: the market has no quote for it`);
      continue;
    }
    if (!q.row)
      return reject('INSTRUMENT_UNKNOWN_CONTRACT', `${contractKey(c)}: ${q.missing ?? 'not listed'}`);
    if (q.row.contract.multiplier !== c.multiplier) {
      return reject(
        'INSTRUMENT_UNKNOWN_CONTRACT',
        `${contractKey(c)}: multiplier ${c.multiplier} but the chain lists ${q.row.contract.multiplier}`,
      );
    }
  }
  return null;
}
