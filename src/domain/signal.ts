import type { InstanceId } from './ids.js';
import type { Right, Side } from './contract.js';
import type { PriceEffect } from './order.js';

/** A leg as a strategy proposes it (option legs only; expiries as `YYYY-MM-DD`). */
export interface SignalLeg {
  readonly right: Right;
  readonly strike: number;
  readonly expiry: string;
  readonly side: Side;
  readonly ratio: number;
}

export type SignalAction = 'open' | 'close';
export type MarketView = 'bullish' | 'bearish' | 'neutral';

/** What one swarm instance proposes. Untrusted: the Commander and the gate judge it. */
export interface Signal {
  readonly instanceId: InstanceId;
  readonly underlying: string;
  /** Strategy name, e.g. `iron_condor`, `put_credit_spread`. */
  readonly strategy: string;
  readonly action: SignalAction;
  readonly view: MarketView;
  readonly legs: readonly SignalLeg[];
  /** Net per unit in dollars per share (non-negative) and whether it is paid or received. */
  readonly limitPrice: number;
  readonly priceEffect: PriceEffect;
  /** 0..1 */
  readonly confidence: number;
  readonly thesis: string;
  /** Days the idea is meant to be held. */
  readonly horizonDays: number;
}

/** The same trade proposed by one or more instances. */
export interface ConsensusSignal {
  /** The trade's identity: underlying, structure, expiries, strikes, rights, direction. */
  readonly key: string;
  readonly signal: Signal;
  readonly instanceIds: readonly InstanceId[];
  readonly agreement: number;
  readonly confidence: { readonly mean: number; readonly min: number; readonly max: number };
  /** Keys of signals on the same underlying that take the opposite direction. */
  readonly conflictsWith: readonly string[];
}

/** The dedupe identity of a signal: underlying + legs (sorted), independent of leg order. */
export function signalKey(signal: Pick<Signal, 'underlying' | 'legs' | 'action'>): string {
  const legs = signal.legs
    .map(
      (l) =>
        `${l.side === 'buy' ? '+' : '-'}${l.ratio}${l.right === 'call' ? 'C' : 'P'}${l.strike}@${l.expiry}`,
    )
    .sort()
    .join(',');
  return `${signal.underlying}|${signal.action}|${legs}`;
}

/** The key of the same structure traded the other way. */
export function oppositeSignalKey(signal: Pick<Signal, 'underlying' | 'legs' | 'action'>): string {
  return signalKey({
    ...signal,
    legs: signal.legs.map((l) => ({ ...l, side: l.side === 'buy' ? ('sell' as const) : ('buy' as const) })),
  });
}
