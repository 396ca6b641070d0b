import type { OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, usd, type Rejection } from '../rejection.js';

/** 6b. Net premium (or stock notional), |price| × multiplier × quantity, at most `risk.maxPremiumPerOrder`. */
export function checkSizePremium(intent: OrderIntent, ctx: GateContext): Rejection | null {
  const premium = analyze(intent, ctx).premium;
  const max = ctx.limits.maxPremiumPerOrder;
  if (premium === null)
    return reject(
      'SIZE_PREMIUM_PER_ORDER',
      `the order has no price, so its premium cannot be held to ${usd(max)}`,
    );
  if (premium > max + 1e-9) {
    return reject(
      'SIZE_PREMIUM_PER_ORDER',
      `premium ${usd(premium)}; risk.maxPremiumPerOrder is ${usd(max)}`,
      { premium },
    );
  }
  return null;
}
