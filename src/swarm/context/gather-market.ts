import { nyDate, type Position } from '../../domain/index.js';
import type { MarketData } from '../../market/index.js';
import { daysToExpiry } from './chain-analytics.js';
import type { ContextSpec } from '../templates/template-schema.js';
import {
  buildSymbolSnapshot,
  expiriesNeeded,
  type IvStatsFn,
  type MarketSnapshot,
  type Sentiment,
  type SymbolSnapshot,
  type SymbolUnavailable,
} from './market-context.js';

export interface GatherOptions {
  /** What the instances looking at a symbol will ask to see; only those expirations are fetched. */
  readonly specsFor: (symbol: string) => readonly ContextSpec[];
  readonly positions?: readonly Position[] | undefined;
  readonly ivStats?: IvStatsFn | undefined;
  /** Sentiment per symbol from elsewhere (news, a person); else read from the skew. */
  readonly sentiment?: Readonly<Record<string, Exclude<Sentiment, 'unknown'>>> | undefined;
  /** Strikes within this fraction of spot. */
  readonly moneynessWindow?: number | undefined;
  readonly ivHistoryDays?: number | undefined;
}

async function gatherOne(
  market: MarketData,
  symbol: string,
  today: string,
  options: GatherOptions,
): Promise<SymbolSnapshot> {
  const listed = (await market.expirations(symbol)).filter((e) => daysToExpiry(e, today) >= 1);
  const expiries = expiriesNeeded(listed, today, options.specsFor(symbol));
  const [chain, ivHistory] = await Promise.all([
    market.chain(symbol, { expiries, moneynessWindow: options.moneynessWindow ?? 0.35 }),
    market.ivHistory(symbol, options.ivHistoryDays ?? 365),
  ]);
  return buildSymbolSnapshot({
    chain,
    ivHistory,
    today,
    positions: options.positions ?? [],
    ivStats: options.ivStats,
    sentiment: options.sentiment?.[symbol],
  });
}

/**
 * Fetches each symbol once per cycle (instances share it). A symbol that fails is reported as
 * unavailable; its instances see the rest of their pool.
 */
export async function gatherMarket(
  market: MarketData,
  symbols: readonly string[],
  options: GatherOptions,
): Promise<MarketSnapshot> {
  // Market time, not the clock's: a simulated or replayed market's date is not today's date.
  const time = (await market.marketClock()).time;
  const today = nyDate(time);
  const unique = [...new Set(symbols)].sort();
  const results = await Promise.all(
    unique.map(async (symbol): Promise<SymbolSnapshot | SymbolUnavailable> => {
      try {
        return await gatherOne(market, symbol, today, options);
      } catch (err) {
        return { symbol, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  return { time, today, symbols: new Map(results.map((r) => [r.symbol, r])) };
}
