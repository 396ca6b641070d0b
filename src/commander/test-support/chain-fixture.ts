import {
  addDays,
  instanceId,
  nyDate,
  option,
  signalKey,
  type AccountSummary,
  type ChainRow,
  type ConsensusSignal,
  type CycleId,
  type OptionChain,
  type Signal,
  type SignalLeg,
} from '../../domain/index.js';
import { blackScholesPrice, calculateGreeks } from '../../quant/index.js';

export const NOW = Date.parse('2026-11-24T15:00:00Z');
export const EXPIRY = addDays(nyDate(NOW), 30);
export const CYCLE = 'c-20261124T150000000Z-0001' as CycleId;

/** A small, arbitrage-free chain priced with our quant: flat vol, ±$0.05 around the model price. */
export function fixtureChain(symbol = 'AMD', spot = 100, vol = 0.4): OptionChain {
  const rows: ChainRow[] = [];
  const T = (Date.parse(`${EXPIRY}T21:00:00Z`) - NOW) / (365 * 86_400_000);
  for (let k = 70; k <= 130; k += 5) {
    for (const right of ['call', 'put'] as const) {
      const input = { spot, strike: k, timeYears: T, rate: 0.04, dividendYield: 0, volatility: vol, right };
      const px = blackScholesPrice(input);
      const g = calculateGreeks(input);
      rows.push({
        contract: option(symbol, EXPIRY, k, right),
        quote: { bid: Math.max(0, px - 0.05), ask: px + 0.05, bidSize: 10, askSize: 10, last: px, time: NOW },
        volume: 100,
        openInterest: 1000,
        iv: vol,
        greeks: { delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho },
        flags: [],
      });
    }
  }
  return {
    symbol,
    underlying: {
      symbol,
      bid: spot - 0.01,
      ask: spot + 0.01,
      bidSize: 100,
      askSize: 100,
      last: spot,
      time: NOW,
      flags: [],
    },
    time: NOW,
    rate: 0.04,
    dividendYield: 0,
    rows,
  };
}

export const ACCOUNT: AccountSummary = {
  accountId: 'DU123',
  netLiquidation: 100_000,
  cash: 100_000,
  buyingPower: 200_000,
  maintenanceMargin: 0,
  initialMargin: 0,
  dailyRealizedPnl: 0,
  unrealizedPnl: 0,
  time: NOW,
};

export function consensus(
  legs: SignalLeg[],
  options: {
    underlying?: string;
    confidence?: number;
    agreement?: number;
    conflicts?: string[];
    strategy?: string;
  } = {},
): ConsensusSignal {
  const signal: Signal = {
    instanceId: instanceId('tech_aggressive'),
    underlying: options.underlying ?? 'AMD',
    strategy: options.strategy ?? 'put_credit_spread',
    action: 'open',
    view: 'neutral',
    legs,
    limitPrice: 0.01,
    priceEffect: 'credit',
    confidence: options.confidence ?? 0.8,
    thesis: 'test',
    horizonDays: 20,
  };
  const c = options.confidence ?? 0.8;
  return {
    key: signalKey(signal),
    signal,
    instanceIds: [signal.instanceId],
    agreement: options.agreement ?? 1,
    confidence: { mean: c, min: c, max: c },
    conflictsWith: options.conflicts ?? [],
  };
}

export const putSpread = (short: number, long: number): SignalLeg[] => [
  { right: 'put', strike: short, expiry: EXPIRY, side: 'sell', ratio: 1 },
  { right: 'put', strike: long, expiry: EXPIRY, side: 'buy', ratio: 1 },
];
