/**
 * When the loop may start a cycle, in market time: while the market is open, after the open delay
 * (the first minutes trade on wide, erratic quotes) and before the close buffer (no new structure
 * in the last minutes, when an order could be left working into the close).
 */
import type { MarketClock } from '../market/index.js';

export type TradingWindow =
  | { readonly open: true }
  | {
      readonly open: false;
      readonly why: 'market closed' | 'open delay' | 'close buffer';
      readonly until: number;
    };

export function tradingWindow(
  clock: MarketClock,
  options: { readonly openDelayMs: number; readonly closeBufferMs: number },
): TradingWindow {
  if (!clock.isOpen)
    return { open: false, why: 'market closed', until: clock.nextOpen + options.openDelayMs };
  // Open: nextOpen is the current session's open, nextClose its close.
  if (clock.time < clock.nextOpen + options.openDelayMs)
    return { open: false, why: 'open delay', until: clock.nextOpen + options.openDelayMs };
  if (clock.time >= clock.nextClose - options.closeBufferMs)
    return { open: false, why: 'close buffer', until: clock.nextClose };
  return { open: true };
}
