/**
 * Contracts, domain ↔ IB wire (pure). IB contracts travel as plain objects with the expiry field
 * set explicitly (never `@stoqey/ib`'s `Option` class, whose expiry is a prototype getter that a
 * spread or a JSON clone loses). Options are SMART, USD, with multiplier and trading class.
 */
import { OptionType, SecType, type Contract as IbContract } from '@stoqey/ib';
import { contractKey, option, stock, type Contract } from '../../../domain/index.js';

/** `2026-12-18` → `20261218`. */
export function toIbExpiry(expiry: string): string {
  return expiry.replace(/-/g, '');
}

/** `20261218` (or `20261218 16:00 US/Eastern`) → `2026-12-18`; null when it is not a date. */
export function fromIbExpiry(text: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(text ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The contract as a request names it before its conId is known. */
export function toIbContract(contract: Contract, tradingClass?: string): IbContract {
  if (contract.kind === 'stock') {
    return { symbol: contract.symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
  }
  return {
    symbol: contract.symbol,
    secType: SecType.OPT,
    lastTradeDateOrContractMonth: toIbExpiry(contract.expiry),
    strike: contract.strike,
    right: contract.right === 'call' ? OptionType.Call : OptionType.Put,
    multiplier: contract.multiplier,
    exchange: 'SMART',
    currency: 'USD',
    ...(tradingClass ? { tradingClass } : {}),
  };
}

/** A qualified contract: conId plus the fields, SMART-routed. */
export function qualifiedIbContract(contract: Contract, conId: number, tradingClass?: string): IbContract {
  return { ...toIbContract(contract, tradingClass), conId };
}

/** An IB contract (position, execution, open order) as ours; null for what we do not trade (futures, FX, combos…). */
export function fromIbContract(c: IbContract): Contract | null {
  const symbol = c.symbol ?? '';
  if (!/^[A-Z][A-Z0-9.]{0,9}$/.test(symbol)) return null;
  if (c.secType === SecType.STK) return stock(symbol);
  if (c.secType !== SecType.OPT) return null;
  const expiry = fromIbExpiry(c.lastTradeDateOrContractMonth);
  const strike = c.strike;
  if (!expiry || strike === undefined || !(strike > 0)) return null;
  const right = c.right === OptionType.Call ? 'call' : c.right === OptionType.Put ? 'put' : null;
  if (!right) return null;
  const multiplier = Number(c.multiplier ?? 100) || 100;
  return option(symbol, expiry, strike, right, multiplier);
}

/** A cache key that ignores how a contract was spelled. */
export function keyOf(contract: Contract): string {
  const m = contract.kind === 'option' ? contract.multiplier : 1;
  return `${contractKey(contract)} x${m}`;
}
