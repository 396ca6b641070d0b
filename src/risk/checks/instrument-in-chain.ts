import { contractKey, type OptionContract, type OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** The contract as the order wrote it: the strike in full, since `contractKey` rounds it for display. */
function written(c: OptionContract): string {
  return `${c.symbol} ${c.expiry} ${String(c.strike)} ${c.right === 'call' ? 'C' : 'P'}`;
}

/** A listed strike within a tenth of a cent of the order's, for the message; null when none. */
function nearMiss(c: OptionContract, ctx: GateContext): number | null {
  const row = ctx.markets[c.symbol]?.chain?.rows.find(
    (r) =>
      r.contract.expiry === c.expiry &&
      r.contract.right === c.right &&
      Math.abs(r.contract.strike - c.strike) < 0.001,
  );
  return row ? row.contract.strike : null;
}

/**
 * 3e. Every option leg is listed in the current chain — expiry, right and strike exactly as listed,
 * with the same multiplier; a stock leg's symbol is quoted.
 */
export function checkInstrumentInChain(intent: OrderIntent, ctx: GateContext): Rejection | null {
  for (const q of analyze(intent, ctx).legQuotes) {
    const c = q.leg.contract;
    if (c.kind === 'stock') {
      if (!ctx.markets[c.symbol]?.underlying)
        return reject('INSTRUMENT_UNKNOWN_CONTRACT', `${c.symbol}: the market has no quote for it`);
      continue;
    }
    if (!q.row || q.row.contract.strike !== c.strike) {
      const near = nearMiss(c, ctx);
      return reject(
        'INSTRUMENT_UNKNOWN_CONTRACT',
        near === null
          ? `${written(c)}: ${q.missing ?? 'not listed'}`
          : `${written(c)}: strike ${String(c.strike)} is not listed; the chain lists ${String(near)} (strikes must match exactly)`,
        { strike: c.strike },
      );
    }
    if (q.row.contract.multiplier !== c.multiplier) {
      return reject(
        'INSTRUMENT_UNKNOWN_CONTRACT',
        `${contractKey(c)}: multiplier ${c.multiplier} but the chain lists ${q.row.contract.multiplier}`,
      );
    }
  }
  return null;
}
