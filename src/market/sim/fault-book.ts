/** Bad data switched on at run time: which quotes it touches, and what it does to them. */
import { PENNY_PROGRAM_TICKS, tickFor, type OptionContract, type Quote } from '../../domain/index.js';
import { simFaultSchema, type ParsedSimFault, type SimFault } from './options.js';

interface ActiveFault {
  readonly id: number;
  readonly fault: ParsedSimFault;
  /** Market time it was switched on (a halt freezes quotes there). */
  readonly since: number;
}

export class FaultBook {
  private active: ActiveFault[] = [];
  private nextId = 1;

  /** Switches a fault on; returns its id for `remove`. Throws a ZodError on a malformed fault. */
  add(fault: SimFault, marketTime: number): number {
    const parsed = simFaultSchema.parse(fault);
    const id = this.nextId++;
    this.active.push({ id, fault: parsed, since: marketTime });
    return id;
  }

  remove(id: number): boolean {
    const before = this.active.length;
    this.active = this.active.filter((f) => f.id !== id);
    return this.active.length < before;
  }

  /** Switches off every fault, or those of one symbol. */
  clear(symbol?: string): void {
    this.active = symbol === undefined ? [] : this.active.filter((f) => f.fault.symbol !== symbol);
  }

  list(): readonly ParsedSimFault[] {
    return this.active.map((f) => f.fault);
  }

  /** Market time the symbol was halted at, or null when it trades. */
  haltedSince(symbol: string): number | null {
    const halt = this.active.find((f) => f.fault.kind === 'halted' && f.fault.symbol === symbol);
    return halt ? halt.since : null;
  }

  /** The `every` of a missing-strikes fault for this expiry, or null. */
  missingStrikesEvery(symbol: string, expiry: string): number | null {
    for (const { fault } of this.active) {
      if (fault.kind !== 'missing_strikes' || fault.symbol !== symbol) continue;
      if (fault.expiry !== undefined && fault.expiry !== expiry) continue;
      return fault.every;
    }
    return null;
  }

  hasQuoteFaults(symbol: string): boolean {
    return this.active.some(
      (f) => f.fault.symbol === symbol && f.fault.kind !== 'missing_strikes' && f.fault.kind !== 'halted',
    );
  }

  /** The option quote as the active faults corrupt it. */
  applyToOption(contract: OptionContract, quote: Quote, marketTime: number): Quote {
    let out = quote;
    for (const { fault } of this.active) {
      if (fault.kind === 'missing_strikes' || fault.kind === 'halted') continue;
      if (fault.symbol !== contract.symbol || fault.scope === 'underlying') continue;
      if (fault.expiry !== undefined && fault.expiry !== contract.expiry) continue;
      if (fault.strike !== undefined && Math.abs(fault.strike - contract.strike) > 1e-9) continue;
      if (fault.right !== undefined && fault.right !== contract.right) continue;
      out = corrupt(fault, out, marketTime, true);
    }
    return out;
  }

  /** The underlying's quote as the active faults corrupt it. */
  applyToUnderlying(symbol: string, quote: Quote, marketTime: number): Quote {
    let out = quote;
    for (const { fault } of this.active) {
      if (fault.kind === 'missing_strikes' || fault.kind === 'halted') continue;
      if (fault.symbol !== symbol || fault.scope === 'options') continue;
      out = corrupt(fault, out, marketTime, false);
    }
    return out;
  }
}

type QuoteFault = Extract<ParsedSimFault, { kind: 'crossed' | 'locked' | 'zero_bid' | 'stale' }>;

function corrupt(fault: QuoteFault, quote: Quote, marketTime: number, isOption: boolean): Quote {
  const ask = quote.ask ?? quote.bid ?? 0.05;
  const tick = isOption ? tickFor(ask, PENNY_PROGRAM_TICKS) : 0.01;
  switch (fault.kind) {
    case 'crossed':
      return { ...quote, ask, bid: Number((ask + tick).toFixed(4)), bidSize: Math.max(1, quote.bidSize) };
    case 'locked':
      return { ...quote, ask, bid: ask, bidSize: Math.max(1, quote.bidSize) };
    case 'zero_bid':
      return { ...quote, bid: 0, bidSize: 0 };
    case 'stale':
      return { ...quote, time: Math.min(quote.time, marketTime - fault.ageMs) };
  }
}
