/**
 * The fake's security master: stable contract ids for the simulated market's stocks and options,
 * their wire form, and resolution of what a request names (a conId, or symbol/expiry/strike/right).
 */
import { contractKey, option, stock, type Contract, type OptionContract } from '../../../src/domain/index.js';
import type { WireContract, WireContractDetails } from './messages.js';
import type { RequestContract } from './requests.js';

/** FNV-1a, 32 bit: a stable id from a key. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Stock ids fall in [100 000, 1 000 000), option ids in [10 000 000, 2 000 000 000). */
export function conIdOf(contract: Contract): number {
  const key = contractKey(contract);
  return contract.kind === 'stock'
    ? 100_000 + (fnv1a(key) % 900_000)
    : 10_000_000 + (fnv1a(key) % 1_990_000_000);
}

export const toIbDate = (expiry: string): string => expiry.replace(/-/g, '');
export const fromIbDate = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** OCC-style local symbol: root to 6, YYMMDD, C/P, strike × 1000 to 8 digits. */
export function occSymbol(c: OptionContract): string {
  const strike = String(Math.round(c.strike * 1000)).padStart(8, '0');
  return `${c.symbol.padEnd(6, ' ')}${toIbDate(c.expiry).slice(2)}${c.right === 'call' ? 'C' : 'P'}${strike}`;
}

export function wireContract(contract: Contract): WireContract {
  if (contract.kind === 'stock') {
    return {
      conId: conIdOf(contract),
      symbol: contract.symbol,
      secType: 'STK',
      lastTradeDateOrContractMonth: '',
      strike: 0,
      right: '',
      multiplier: '',
      exchange: 'SMART',
      primaryExch: 'NASDAQ',
      currency: 'USD',
      localSymbol: contract.symbol,
      tradingClass: 'NMS',
    };
  }
  return {
    conId: conIdOf(contract),
    symbol: contract.symbol,
    secType: 'OPT',
    lastTradeDateOrContractMonth: toIbDate(contract.expiry),
    strike: contract.strike,
    right: contract.right === 'call' ? 'C' : 'P',
    multiplier: String(contract.multiplier),
    exchange: 'SMART',
    primaryExch: '',
    currency: 'USD',
    localSymbol: occSymbol(contract),
    tradingClass: contract.symbol,
  };
}

/** The combo's contract as IB echoes a BAG order. */
export function bagContract(symbol: string): WireContract {
  return {
    conId: 28_812_380,
    symbol,
    secType: 'BAG',
    lastTradeDateOrContractMonth: '',
    strike: 0,
    right: '',
    multiplier: '',
    exchange: 'SMART',
    primaryExch: '',
    currency: 'USD',
    localSymbol: '',
    tradingClass: symbol,
  };
}

/** Regular and liquid hours as IB lists them: today and the next few weekdays, New York time. */
function hours(dates: readonly string[]): { trading: string; liquid: string } {
  const day = (d: string, from: string, to: string): string => `${toIbDate(d)}:${from}-${toIbDate(d)}:${to}`;
  return {
    trading: dates.map((d) => day(d, '0400', '2000')).join(';'),
    liquid: dates.map((d) => day(d, '0930', '1600')).join(';'),
  };
}

export function contractDetails(contract: Contract, sessionDates: readonly string[]): WireContractDetails {
  const wire = wireContract(contract);
  const h = hours(sessionDates);
  return {
    contract: wire,
    minTick: 0.01,
    underConId: contract.kind === 'option' ? conIdOf(stock(contract.symbol)) : 0,
    longName: contract.kind === 'stock' ? `${contract.symbol} (simulated)` : contract.symbol,
    timeZoneId: 'US/Eastern',
    tradingHours: h.trading,
    liquidHours: h.liquid,
  };
}

/** Remembers every contract handed out, so a conId alone can be resolved later. */
export class Instruments {
  private readonly byConId = new Map<number, Contract>();

  remember(contract: Contract): number {
    const id = conIdOf(contract);
    const known = this.byConId.get(id);
    if (known && contractKey(known) !== contractKey(contract)) {
      throw new Error(
        `conId collision: ${contractKey(known)} and ${contractKey(contract)} both hash to ${id}`,
      );
    }
    this.byConId.set(id, contract);
    return id;
  }

  byId(conId: number): Contract | undefined {
    return this.byConId.get(conId);
  }

  /**
   * What a request names, before the listing check: a conId wins; else STK by symbol, OPT by
   * symbol, expiry, strike and right (a trading class or multiplier that is not ours names nothing).
   */
  candidate(req: RequestContract): Contract | null {
    if (req.conId > 0) return this.byConId.get(req.conId) ?? null;
    if (req.secType === 'STK') return /^[A-Z][A-Z0-9.]{0,9}$/.test(req.symbol) ? stock(req.symbol) : null;
    if (req.secType !== 'OPT') return null;
    if (!/^\d{8}$/.test(req.lastTradeDateOrContractMonth) || req.strike === undefined) return null;
    if (!['C', 'P', 'CALL', 'PUT'].includes(req.right)) return null;
    if (req.tradingClass !== '' && req.tradingClass !== req.symbol) return null;
    if (req.multiplier !== '' && Number(req.multiplier) !== 100) return null;
    return option(
      req.symbol,
      fromIbDate(req.lastTradeDateOrContractMonth),
      req.strike,
      req.right.startsWith('C') ? 'call' : 'put',
    );
  }
}
