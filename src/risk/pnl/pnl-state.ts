/**
 * The loss-limit inputs from the journal and the account. Every period starts at the later of its
 * natural start and the last time a person resumed the breaker (so a person's resume is an
 * acknowledgement, not a loop that trips again at once):
 * - daily P&L: net liquidation now − the first mark after the resume (resumed today; none yet: 0),
 *   else the last mark before today's New York midnight, else today's first mark; with no marks at
 *   all, the broker's realised-today + unrealised figures;
 * - high-water mark: the highest mark since the resume (and now);
 * - consecutive losses: closing orders since the resume.
 */
import { nyDate, nyToEpoch, type AccountSummary } from '../../domain/index.js';
import type { Journal } from '../../journal/index.js';
import type { PnlState } from '../gate-context.js';
import { consecutiveLosses } from './closed-trades.js';

/** How far back the trade log is read for average costs. */
const TRADE_LOOKBACK_ROWS = 100_000;

/** When a person last returned the breaker to ACTIVE; null when never (in the recent history). */
export function lastResumeTime(journal: Journal): number | null {
  return journal.breakerHistory(500).find((c) => c.actor === 'person' && c.state === 'ACTIVE')?.time ?? null;
}

/** The loss-limit inputs now. Reads the journal; writes nothing. */
export function readPnlState(journal: Journal, account: AccountSummary, now: number): PnlState {
  const resumed = lastResumeTime(journal);
  const dayStart = nyToEpoch(nyDate(now), 0);
  const netLiquidation = account.netLiquidation;
  let dailyPnl: number;
  if (resumed !== null && resumed >= dayStart) {
    // Resumed today: the resume is the baseline (now, when nothing was marked since).
    const mark = journal.equityMarkNear(resumed, 'atOrAfter');
    dailyPnl = mark ? netLiquidation - mark.netLiquidation : 0;
  } else {
    const mark = journal.equityMarkNear(dayStart, 'before') ?? journal.equityMarkNear(dayStart, 'atOrAfter');
    dailyPnl = mark ? netLiquidation - mark.netLiquidation : account.dailyRealizedPnl + account.unrealizedPnl;
  }
  const high = journal.equityHigh(resumed ?? 0);
  const trades = journal.queryTrades({ limit: TRADE_LOOKBACK_ROWS });
  return {
    netLiquidation,
    dailyPnl,
    highWaterMark: Math.max(high ?? netLiquidation, netLiquidation),
    consecutiveLosses: consecutiveLosses(trades, resumed ?? 0),
  };
}
