/**
 * Quotes for one pass of the paper broker, fetched from any `MarketData` before the write
 * transaction starts (SQLite transactions are synchronous) and read synchronously inside it.
 */
import {
  contractKey,
  findChainRow,
  type Contract,
  type OptionChain,
  type OptionContract,
} from '../../domain/index.js';
import { MarketDataError, type MarketData } from '../../market/index.js';
import { BrokerError } from '../errors.js';
import type { LegQuote } from './matching.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class QuoteSnapshot {
  private readonly chains = new Map<string, Promise<Outcome<OptionChain>>>();
  private readonly quotes = new Map<string, Outcome<LegQuote>>();
  private readonly spots = new Map<string, number | null>();

  constructor(private readonly marketData: MarketData) {}

  /** Fetches quotes for these contracts and spots for their underlyings (failures are kept, not thrown). */
  async load(contracts: readonly Contract[]): Promise<void> {
    const unique = [...new Map(contracts.map((c) => [contractKey(c), c])).values()].filter(
      (c) => !this.quotes.has(contractKey(c)),
    );
    await Promise.all(unique.map(async (c) => this.quotes.set(contractKey(c), await this.fetch(c))));
    const symbols = [...new Set(unique.map((c) => c.symbol))].filter((s) => !this.spots.has(s));
    await Promise.all(
      symbols.map(async (s) => {
        const q = await this.fetch({ kind: 'stock', symbol: s });
        this.spots.set(s, q.ok ? midOrLast(q.value) : null);
      }),
    );
  }

  /** A loaded quote, or null when it was not loaded or could not be had. */
  get(contract: Contract): LegQuote | null {
    const q = this.quotes.get(contractKey(contract));
    return q?.ok ? q.value : null;
  }

  /** A loaded quote, or the reason it could not be had as a `BrokerError`. */
  require(contract: Contract): LegQuote {
    const q = this.quotes.get(contractKey(contract));
    if (!q) throw new BrokerError('INTERNAL', `paper broker: no quote loaded for ${contractKey(contract)}`);
    if (q.ok) return q.value;
    throw q.error instanceof BrokerError ? q.error : toBrokerError(contract, q.error);
  }

  /** The underlying's price (mid, else last), or null. */
  spot(symbol: string): number | null {
    return this.spots.get(symbol) ?? null;
  }

  /** An option's or stock's mark: the mid of a sound quote, else the last trade, else null. */
  mark(contract: Contract): number | null {
    const q = this.get(contract);
    return q ? midOrLast(q) : null;
  }

  private async fetch(contract: Contract): Promise<Outcome<LegQuote>> {
    try {
      if (contract.kind === 'stock') {
        const q = await this.marketData.underlyingQuote(contract.symbol);
        return { ok: true, value: q };
      }
      const chain = await this.chain(contract);
      if (!chain.ok) return chain;
      const row = findChainRow(chain.value, contract);
      if (!row || row.contract.multiplier !== contract.multiplier) {
        return {
          ok: false,
          error: new BrokerError(
            'UNKNOWN_CONTRACT',
            `unknown contract ${contractKey(contract)}: strike ${contract.strike} (multiplier ${contract.multiplier}) is not listed for ${contract.symbol} ${contract.expiry}`,
          ),
        };
      }
      return { ok: true, value: { ...row.quote, flags: row.flags } };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private chain(contract: OptionContract): Promise<Outcome<OptionChain>> {
    const key = `${contract.symbol} ${contract.expiry}`;
    let pending = this.chains.get(key);
    if (!pending) {
      pending = this.marketData
        .chain(contract.symbol, { expiries: [contract.expiry] })
        .then((value): Outcome<OptionChain> => ({ ok: true, value }))
        .catch((error: unknown): Outcome<OptionChain> => ({ ok: false, error }));
      this.chains.set(key, pending);
    }
    return pending;
  }
}

function midOrLast(q: Pick<LegQuote, 'bid' | 'ask' | 'last'>): number | null {
  if (q.bid !== null && q.ask !== null && q.bid <= q.ask && q.ask > 0) return (q.bid + q.ask) / 2;
  return q.last;
}

/** Market-data failures as the broker reports them: unknown contracts, or a refusal worth retrying. */
export function toBrokerError(contract: Contract, error: unknown): BrokerError {
  if (
    error instanceof MarketDataError &&
    (error.reason === 'UNKNOWN_SYMBOL' || error.reason === 'UNKNOWN_EXPIRY')
  ) {
    return new BrokerError(
      'UNKNOWN_CONTRACT',
      `unknown contract ${contractKey(contract)}: ${error.message}`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BrokerError('REJECTED', `no market data for ${contractKey(contract)}: ${message}`, {
    cause: error,
    retryable: error instanceof MarketDataError ? error.retryable : false,
  });
}
