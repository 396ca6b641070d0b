/** A paper broker on a hand-quoted market and a temporary data dir, for the hand-computed tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clientOrderId,
  SimulatedClock,
  stock,
  type Contract,
  type Fill,
  type Leg,
  type Order,
  type OrderIntent,
  type OptionContract,
} from '../../../domain/index.js';
import { createPaperBroker, type PaperBroker, type PaperBrokerOptions } from '../index.js';
import { FixedMarket } from './fixed-market.js';

/** Tuesday 2026-03-10, 11:00 New York. */
export const T0 = Date.parse('2026-03-10T15:00:00Z');

export interface PaperSetup {
  readonly clock: SimulatedClock;
  readonly market: FixedMarket;
  readonly broker: PaperBroker;
  readonly dataDir: string;
  /** XYZ calls and puts, April 17 2026. */
  readonly call100: OptionContract;
  readonly call105: OptionContract;
  readonly put95: OptionContract;
  readonly put90: OptionContract;
  /** XYZ 100 call expiring Friday 2026-03-13. */
  readonly weeklyCall: OptionContract;
  readonly weeklyPut: OptionContract;
  readonly orders: Order[];
  readonly fills: Fill[];
  another(options?: PaperBrokerOptions): PaperBroker;
  cleanup(): Promise<void>;
}

export async function paperSetup(options: PaperBrokerOptions = {}, dataDir?: string): Promise<PaperSetup> {
  const clock = new SimulatedClock(T0);
  const market = new FixedMarket(clock);
  market.setStock('XYZ', { bid: 99.99, ask: 100.01, bidSize: 500, askSize: 500, last: 100 });
  const expiry = '2026-04-17';
  const call100 = market.setOption('XYZ', expiry, 100, 'call', { bid: 2.0, ask: 2.1 });
  const call105 = market.setOption('XYZ', expiry, 105, 'call', { bid: 0.8, ask: 0.9 });
  const put95 = market.setOption('XYZ', expiry, 95, 'put', { bid: 1.5, ask: 1.6 });
  const put90 = market.setOption('XYZ', expiry, 90, 'put', { bid: 0.5, ask: 0.6 });
  const weeklyCall = market.setOption('XYZ', '2026-03-13', 100, 'call', { bid: 1.0, ask: 1.1 });
  const weeklyPut = market.setOption('XYZ', '2026-03-13', 95, 'put', { bid: 0.4, ask: 0.5 });
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'paper-test-'));
  const make = (o: PaperBrokerOptions): PaperBroker =>
    createPaperBroker({ matchIntervalMs: 0, ...o }, { dataDir: dir, marketData: market, clock });
  const broker = make(options);
  const orders: Order[] = [];
  const fills: Fill[] = [];
  broker.on('order', (o) => orders.push(o));
  broker.on('fill', (f) => fills.push(f));
  await broker.connect();
  const extra: PaperBroker[] = [];
  return {
    clock,
    market,
    broker,
    dataDir: dir,
    call100,
    call105,
    put95,
    put90,
    weeklyCall,
    weeklyPut,
    orders,
    fills,
    another: (o = {}) => {
      const b = make({ ...options, ...o });
      extra.push(b);
      return b;
    },
    cleanup: async () => {
      for (const b of [broker, ...extra]) await b.disconnect();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;

/** An order intent: one leg (buy is a debit, sell a credit) or several (`effect` says which). */
export function order(
  legs: readonly Leg[] | Leg,
  limitPrice: number | null,
  overrides: Partial<OrderIntent> = {},
): OrderIntent {
  const list = Array.isArray(legs) ? (legs as readonly Leg[]) : [legs as Leg];
  n += 1;
  return {
    clientOrderId: clientOrderId(`t-${n}`),
    legs: list,
    quantity: 1,
    orderType: 'limit',
    limitPrice,
    priceEffect: list.length === 1 && list[0]!.side === 'sell' ? 'credit' : 'debit',
    timeInForce: 'gtc',
    rationale: 'test',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
    ...overrides,
  };
}

export function buy(contract: Contract, ratio = 1): Leg {
  return { contract, side: 'buy', ratio };
}

export function sell(contract: Contract, ratio = 1): Leg {
  return { contract, side: 'sell', ratio };
}

export const XYZ = stock('XYZ');
