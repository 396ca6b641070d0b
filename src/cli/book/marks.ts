/**
 * Marks, Greeks and days to expiry of held contracts, from the market data: an option's mark is its
 * mid (else its last trade) in the current chain and its Greeks are the chain row's, computed by
 * our quant at the row's IV; stock is marked at the underlying's mid (else last) with a delta of
 * one share per share. Greeks per contract: delta in shares, gamma in shares per $1, vega in $ per
 * vol point, theta in $ per calendar day (the gate's units).
 */
import {
  contractKey,
  daysBetween,
  findChainRow,
  midPrice,
  multiplierOf,
  nyDate,
  type Contract,
  type OptionChain,
} from '../../domain/index.js';
import type { MarketData } from '../../market/index.js';
import { thetaPerCalendarDay, vegaPerVolPoint } from '../../quant/index.js';

export interface Greeks4 {
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
}

export interface ContractMark {
  /** Dollars per share; null when the market has none. */
  readonly mark: number | null;
  /** For one contract (one share of stock); null when the chain has no IV for it. */
  readonly greeks: Greeks4 | null;
  /** Calendar days from the market's date to expiry; null for stock. */
  readonly daysToExpiry: number | null;
  /** Why a figure is missing, else null. */
  readonly problem: string | null;
}

export interface MarkedContracts {
  /** The market's time (simulated markets run their own), or null without market data. */
  readonly marketTime: number | null;
  /** By `contractKey`. */
  readonly marks: ReadonlyMap<string, ContractMark>;
}

function lastOr(mid: number | null, last: number | null): number | null {
  return mid ?? last;
}

/** Mark each contract; a failure for one underlying leaves its figures null with the reason. */
export async function markContracts(
  marketData: MarketData | null,
  contracts: readonly Contract[],
  unavailable: string | null,
): Promise<MarkedContracts> {
  const marks = new Map<string, ContractMark>();
  if (!marketData) {
    const problem = `market data unavailable: ${unavailable ?? 'none configured'}`;
    for (const c of contracts)
      marks.set(contractKey(c), { mark: null, greeks: null, daysToExpiry: null, problem });
    return { marketTime: null, marks };
  }
  let marketTime: number | null = null;
  try {
    marketTime = (await marketData.marketClock()).time;
  } catch {
    // Days to expiry then go unshown; marks may still come.
  }
  const days = (expiry: string): number | null =>
    marketTime === null ? null : daysBetween(nyDate(marketTime), expiry);
  for (const symbol of [...new Set(contracts.map((c) => c.symbol))]) {
    const mine = contracts.filter((c) => c.symbol === symbol);
    const expiries = [...new Set(mine.flatMap((c) => (c.kind === 'option' ? [c.expiry] : [])))];
    let chain: OptionChain | null = null;
    let spot: number | null = null;
    let problem: string | null = null;
    try {
      const q = await marketData.underlyingQuote(symbol);
      spot = lastOr(midPrice(q), q.last);
      if (expiries.length > 0) chain = await marketData.chain(symbol, { expiries });
    } catch (e) {
      problem = `${symbol}: ${(e as Error).message}`;
    }
    for (const c of mine) {
      if (c.kind === 'stock') {
        marks.set(contractKey(c), {
          mark: spot,
          greeks: { delta: 1, gamma: 0, vega: 0, theta: 0 },
          daysToExpiry: null,
          problem: spot === null ? (problem ?? `${symbol}: no quote`) : null,
        });
        continue;
      }
      const row = chain ? findChainRow(chain, c) : undefined;
      const m = multiplierOf(c);
      const g = row?.greeks ?? null;
      marks.set(contractKey(c), {
        mark: row ? lastOr(midPrice(row.quote), row.quote.last) : null,
        greeks: g
          ? {
              delta: g.delta * m,
              gamma: g.gamma * m,
              vega: vegaPerVolPoint(g.vega) * m,
              theta: thetaPerCalendarDay(g.theta) * m,
            }
          : null,
        daysToExpiry: days(c.expiry),
        problem: row
          ? g
            ? null
            : `${contractKey(c)}: no IV, so no Greeks`
          : (problem ?? `${contractKey(c)} is not in the current chain`),
      });
    }
  }
  return { marketTime, marks };
}
