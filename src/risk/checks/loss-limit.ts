import type { OrderIntent, SafetyCode } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext, PnlState } from '../gate-context.js';
import type { RiskLimits } from '../limits.js';
import { num, reject, usd, type Rejection } from '../rejection.js';

export type LossLimitCode = Extract<SafetyCode, 'LOSS_DAILY' | 'LOSS_DRAWDOWN' | 'LOSS_CONSECUTIVE'>;

/** Which loss limits the P&L has reached, with a message each. A limit reached is crossed. */
export function crossedLossLimits(
  pnl: PnlState,
  limits: RiskLimits,
): { code: LossLimitCode; message: string }[] {
  const out: { code: LossLimitCode; message: string }[] = [];
  if (-pnl.dailyPnl >= limits.maxDailyLoss) {
    out.push({
      code: 'LOSS_DAILY',
      message: `today's loss ${usd(-pnl.dailyPnl)} has reached risk.maxDailyLoss ${usd(limits.maxDailyLoss)}`,
    });
  }
  const drawdown = pnl.highWaterMark > 0 ? (pnl.highWaterMark - pnl.netLiquidation) / pnl.highWaterMark : 0;
  if (drawdown >= limits.maxDrawdown) {
    out.push({
      code: 'LOSS_DRAWDOWN',
      message: `drawdown ${num(drawdown * 100, 2)} % from the high-water mark ${usd(pnl.highWaterMark)} has reached risk.maxDrawdown ${num(limits.maxDrawdown * 100, 2)} %`,
    });
  }
  if (pnl.consecutiveLosses >= limits.maxConsecutiveLosses) {
    out.push({
      code: 'LOSS_CONSECUTIVE',
      message: `${pnl.consecutiveLosses} losing trades in a row reached risk.maxConsecutiveLosses ${limits.maxConsecutiveLosses}`,
    });
  }
  return out;
}

/**
 * 10. A crossed loss limit refuses the order (and the gate trips the breaker to
 * `risk.lossLimitBreakerState`); when that state is REDUCING, an order that only reduces passes.
 */
export function checkLossLimit(code: LossLimitCode, intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.pnl === null)
    return reject('ACCOUNT_DATA_MISSING', 'no P&L state, so loss limits cannot be judged');
  const crossed = crossedLossLimits(ctx.pnl, ctx.limits).find((c) => c.code === code);
  if (!crossed) return null;
  if (ctx.limits.lossLimitBreakerState === 'REDUCING') {
    const verdict = analyze(intent, ctx).exposure();
    if (!isMissing(verdict) && verdict.reduces) return null;
  }
  return reject(code, `${crossed.message}; the breaker goes to ${ctx.limits.lossLimitBreakerState}`);
}
