/**
 * The fake's view of the simulated market: what is listed, the touch of any contract, marks, and
 * model Greeks. Quotes come from the same `SimMarket` (same seed) the runtime can use as its
 * `MarketData`, so `broker: ibkr` with `marketData: sim` agree.
 */
import {
  contractKey,
  findChainRow,
  midPrice,
  nyDate,
  type ChainRow,
  type Contract,
  type OptionChain,
  type OptionContract,
} from '../../../src/domain/index.js';
import type { LegQuote } from '../../../src/broker/paper/matching.js';
import type { MarketData } from '../../../src/market/index.js';

export interface OptionModel {
  readonly row: ChainRow;
  readonly spot: number | null;
}

/** Chains are rebuilt at most this often (real ms): a sweep over resting orders reuses them. */
const CHAIN_TTL_MS = 25;

export class FakeMarket {
  private readonly chains = new Map<string, { at: number; chain: Promise<OptionChain> }>();

  constructor(readonly data: MarketData) {}

  /** The market's own "now" when it has one (the sim), else the wall clock. */
  now(): number {
    const withNow = this.data as MarketData & { now?: () => number };
    return typeof withNow.now === 'function' ? withNow.now() : Date.now();
  }

  today(): string {
    return nyDate(this.now());
  }

  symbols(): readonly string[] {
    return this.data.symbols();
  }

  async isListed(contract: Contract): Promise<boolean> {
    if (!this.data.symbols().includes(contract.symbol)) return false;
    if (contract.kind === 'stock') return true;
    const expiries = await this.data.expirations(contract.symbol);
    if (!expiries.includes(contract.expiry)) return false;
    const strikes = await this.data.strikes(contract.symbol, contract.expiry);
    return strikes.some((k) => Math.abs(k - contract.strike) < 1e-9);
  }

  private chain(symbol: string, expiry: string): Promise<OptionChain> {
    const key = `${symbol}|${expiry}`;
    const hit = this.chains.get(key);
    const t = Date.now();
    if (hit && t - hit.at < CHAIN_TTL_MS) return hit.chain;
    const chain = this.data.chain(symbol, { expiries: [expiry] });
    this.chains.set(key, { at: t, chain });
    chain.catch(() => this.chains.delete(key));
    return chain;
  }

  /** Forget cached chains (after a test pins a quote). */
  invalidate(): void {
    this.chains.clear();
  }

  async quote(contract: Contract): Promise<LegQuote> {
    if (contract.kind === 'stock') {
      const q = await this.data.underlyingQuote(contract.symbol);
      return q;
    }
    const row = await this.row(contract);
    return { ...row.quote, flags: row.flags };
  }

  async row(contract: OptionContract): Promise<ChainRow> {
    const chain = await this.chain(contract.symbol, contract.expiry);
    const row = findChainRow(chain, contract);
    if (!row) throw new Error(`fake market: ${contractKey(contract)} is not listed`);
    return row;
  }

  async optionModel(contract: OptionContract): Promise<OptionModel> {
    const chain = await this.chain(contract.symbol, contract.expiry);
    const row = findChainRow(chain, contract);
    if (!row) throw new Error(`fake market: ${contractKey(contract)} is not listed`);
    return { row, spot: midPrice(chain.underlying) ?? chain.underlying.last };
  }

  /** A mark for valuation: the mid, else the side there is, else the last trade, else 0. */
  async mark(contract: Contract): Promise<number> {
    const q = await this.quote(contract);
    return midPrice(q) ?? q.bid ?? q.ask ?? q.last ?? 0;
  }

  async spot(symbol: string): Promise<number> {
    const q = await this.data.underlyingQuote(symbol);
    return midPrice(q) ?? q.last ?? 0;
  }

  /** Expirations and the union of their strikes, for `reqSecDefOptParams`. */
  async optionParams(symbol: string): Promise<{ expirations: string[]; strikes: number[] }> {
    const expirations = [...(await this.data.expirations(symbol))];
    const strikes = new Set<number>();
    for (const e of expirations) for (const k of await this.data.strikes(symbol, e)) strikes.add(k);
    return { expirations, strikes: [...strikes].sort((a, b) => a - b) };
  }

  /** Listed options of one expiry (all strikes, both rights), for partial contract-details requests. */
  async listedOptions(symbol: string, expiry: string): Promise<OptionContract[]> {
    const chain = await this.chain(symbol, expiry);
    return chain.rows.map((r) => r.contract);
  }
}
