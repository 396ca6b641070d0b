import { contractKey, daysBetween, excerpt, isValidExpiry, type OrderIntent } from '../../domain/index.js';
import { marketDate } from '../analysis/market-time.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/**
 * 3d. Every option leg expires on a real date within [minDaysToExpiry, maxDaysToExpiry] calendar days
 * of the market's today. An impossible date (`2026-02-30`) is refused by name first, so days to
 * expiry are never counted as NaN (which no bound refuses).
 */
export function checkInstrumentExpiryWindow(intent: OrderIntent, ctx: GateContext): Rejection | null {
  for (const [i, leg] of intent.legs.entries()) {
    const c = leg.contract;
    if (c.kind === 'option' && !isValidExpiry(c.expiry)) {
      return reject(
        'INSTRUMENT_EXPIRY_WINDOW',
        `legs[${i}].contract.expiry: ${JSON.stringify(excerpt(c.expiry, 40))} (${c.symbol}) is not a calendar date YYYY-MM-DD`,
        { leg: i, expiry: excerpt(c.expiry, 40) },
      );
    }
  }
  const options = intent.legs.flatMap((l) => (l.contract.kind === 'option' ? [l.contract] : []));
  if (options.length === 0) return null;
  if (ctx.marketTime === null) {
    return reject(
      'INSTRUMENT_EXPIRY_WINDOW',
      'the market time is unknown, so days to expiry cannot be counted',
    );
  }
  const today = marketDate(ctx.marketTime);
  const { minDaysToExpiry: min, maxDaysToExpiry: max } = ctx.limits;
  for (const c of options) {
    const days = daysBetween(today, c.expiry);
    if (days < min || days > max) {
      return reject(
        'INSTRUMENT_EXPIRY_WINDOW',
        `${contractKey(c)} expires in ${days} day(s) (from ${today}); allowed ${min} to ${max}`,
        { days, min, max },
      );
    }
  }
  return null;
}
