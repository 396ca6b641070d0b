/** Instruments: underlyings (stock/ETF) and listed equity options. */
import { TICKER_PATTERN } from './ticker.js';

export type Right = 'call' | 'put';
export type Side = 'buy' | 'sell';

/** The standard US equity option multiplier (shares per contract). */
export const STANDARD_MULTIPLIER = 100;

export interface StockContract {
  readonly kind: 'stock';
  readonly symbol: string;
}

export interface OptionContract {
  readonly kind: 'option';
  /** Underlying symbol, e.g. `NVDA`. */
  readonly symbol: string;
  /** Expiration date as the exchange lists it, `YYYY-MM-DD` (America/New_York). */
  readonly expiry: string;
  /** Strike in dollars per share. */
  readonly strike: number;
  readonly right: Right;
  /** Shares per contract (100 for standard US equity options). */
  readonly multiplier: number;
}

export type Contract = StockContract | OptionContract;

const EXPIRY = /^\d{4}-\d{2}-\d{2}$/;

/** An upper-case ASCII ticker (`TICKER_PATTERN`); nothing is case-folded here. */
export function isValidSymbol(symbol: string): boolean {
  return TICKER_PATTERN.test(symbol);
}

/** A real calendar date written `YYYY-MM-DD` (`2026-02-30` and `2026-13-45` are not). */
export function isValidExpiry(expiry: string): boolean {
  if (!EXPIRY.test(expiry)) return false;
  const d = new Date(`${expiry}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === expiry;
}

export function stock(symbol: string): StockContract {
  return { kind: 'stock', symbol };
}

export function option(
  symbol: string,
  expiry: string,
  strike: number,
  right: Right,
  multiplier = STANDARD_MULTIPLIER,
): OptionContract {
  return { kind: 'option', symbol, expiry, strike, right, multiplier };
}

/** Shares (or units) one contract of this instrument stands for. */
export function multiplierOf(contract: Contract): number {
  return contract.kind === 'option' ? contract.multiplier : 1;
}

/** A stable, human-readable key: `NVDA` or `NVDA 2026-12-18 150 C`. */
export function contractKey(contract: Contract): string {
  if (contract.kind === 'stock') return contract.symbol;
  return `${contract.symbol} ${contract.expiry} ${formatStrike(contract.strike)} ${contract.right === 'call' ? 'C' : 'P'}`;
}

/** Strike printed without float noise: 150, 152.5, 0.5. */
export function formatStrike(strike: number): string {
  return String(Math.round(strike * 1000) / 1000);
}

export function sameContract(a: Contract, b: Contract): boolean {
  return contractKey(a) === contractKey(b) && multiplierOf(a) === multiplierOf(b);
}

export function oppositeSide(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** +1 for buy, -1 for sell. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}
