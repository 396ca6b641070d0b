import { contractKey, daysBetween, type OrderIntent } from '../../domain/index.js';
import { marketDate } from '../analysis/market-time.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 3d. Every option leg expires within [minDaysToExpiry, maxDaysToExpiry] calendar days of the market's today. */
export function checkInstrumentExpiryWindow(intent: OrderIntent, ctx: GateContext): Rejection | null {
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
