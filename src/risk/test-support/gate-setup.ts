/**
 * The gate on the embedded defaults, for integration tests: the simulated market, the paper broker
 * and a journal in a temporary data dir, all on one simulated clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Broker } from '../../broker/index.js';
import { createPaperBroker } from '../../broker/paper/index.js';
import {
  SimulatedClock,
  clientOrderId,
  daysBetween,
  nyDate,
  option,
  type Leg,
  type OrderIntent,
  type Side,
} from '../../domain/index.js';
import { openJournal, type Journal } from '../../journal/index.js';
import type { MarketData } from '../../market/index.js';
import { createSimMarket, type SimMarket } from '../../market/sim/index.js';
import type { GateDeps } from '../gate-deps.js';
import type { RiskLimits } from '../limits.js';
import { limits } from './fixtures.js';

export interface SimGate {
  readonly deps: GateDeps;
  readonly clock: SimulatedClock;
  readonly market: SimMarket;
  readonly broker: Broker;
  readonly journal: Journal;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Replace some methods of an object, keeping the rest bound to it. */
export function override<T extends object>(target: T, methods: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop in methods) return methods[prop as keyof T];
      const value: unknown = Reflect.get(t, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export interface SimGateOptions {
  readonly risk?: Partial<RiskLimits>;
  readonly mode?: 'paper' | 'live';
  readonly env?: Record<string, string | undefined>;
  readonly broker?: (paper: Broker) => Broker;
  readonly marketData?: (sim: MarketData) => MarketData;
  readonly fetchTimeoutMs?: number;
}

export async function simGate(o: SimGateOptions = {}): Promise<SimGate> {
  const clock = new SimulatedClock(Date.parse('2026-03-10T15:00:00Z'));
  const market = createSimMarket({ symbols: ['NVDA', 'AMD'], seed: 11 }, clock);
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-gate-'));
  const paper = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  await paper.connect();
  const journal = openJournal({ dataDir });
  const broker = o.broker ? o.broker(paper) : paper;
  const deps: GateDeps = {
    broker,
    marketData: o.marketData ? o.marketData(market) : market,
    journal,
    clock,
    config: { mode: o.mode ?? 'paper', risk: limits(o.risk), broker: { type: 'paper' } },
    env: o.env ?? {},
    fetchTimeoutMs: o.fetchTimeoutMs,
  };
  return {
    deps,
    clock,
    market,
    broker,
    journal,
    dataDir,
    async close() {
      await paper.disconnect();
      journal.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;

/** An expiry about a month out, as the market lists it today. */
export async function monthlyExpiry(market: MarketData, symbol = 'NVDA'): Promise<string> {
  const today = nyDate((await market.marketClock()).time);
  const all = await market.expirations(symbol);
  return all.find((e) => daysBetween(today, e) >= 25) ?? all[all.length - 1]!;
}

/** A put credit spread a little out of the money, priced at its mid (cent grid). */
export async function putSpreadAtMid(
  market: MarketData,
  o: { quantity?: number; id?: string; symbol?: string; rationale?: string } = {},
): Promise<OrderIntent> {
  const symbol = o.symbol ?? 'NVDA';
  const expiry = await monthlyExpiry(market, symbol);
  const chain = await market.chain(symbol, { expiries: [expiry] });
  const spot = ((chain.underlying.bid ?? 0) + (chain.underlying.ask ?? 0)) / 2;
  const puts = chain.rows
    .filter(
      (r) =>
        r.contract.right === 'put' &&
        r.contract.strike < spot * 0.95 &&
        r.quote.bid !== null &&
        r.quote.ask !== null,
    )
    .sort((a, b) => b.contract.strike - a.contract.strike);
  const [short, long] = [puts[0]!, puts[1]!];
  const mid = (q: { bid: number | null; ask: number | null }) => (q.bid! + q.ask!) / 2;
  const credit = Math.round((mid(short.quote) - mid(long.quote)) * 100) / 100;
  return intentOf(
    [
      leg('sell', short.contract.strike, 'put', expiry, symbol),
      leg('buy', long.contract.strike, 'put', expiry, symbol),
    ],
    {
      quantity: o.quantity ?? 1,
      limitPrice: credit,
      priceEffect: 'credit',
      id: o.id,
      rationale: o.rationale,
    },
  );
}

/**
 * A vertical debit spread at its mid (cent grid): buy the strike `offset` steps from the money,
 * sell the one `width` steps further out, as many units as keep its max loss (the debit) under
 * `maxLoss` dollars (at least one, at most five).
 */
export async function debitSpreadAtMid(
  market: MarketData,
  o: { symbol: string; right: 'call' | 'put'; offset: number; width: number; maxLoss: number; id?: string },
): Promise<OrderIntent> {
  const expiry = await monthlyExpiry(market, o.symbol);
  const chain = await market.chain(o.symbol, { expiries: [expiry] });
  const spot = ((chain.underlying.bid ?? 0) + (chain.underlying.ask ?? 0)) / 2;
  const rows = chain.rows
    .filter((r) => r.contract.right === o.right && r.quote.bid !== null && r.quote.ask !== null)
    .sort((a, b) => a.contract.strike - b.contract.strike);
  const atm = rows.findIndex((r) => r.contract.strike >= spot);
  const step = o.right === 'call' ? 1 : -1;
  const long = rows[atm + step * o.offset]!;
  const short = rows[atm + step * (o.offset + o.width)]!;
  const mid = (q: { bid: number | null; ask: number | null }) => (q.bid! + q.ask!) / 2;
  const debit = Math.round((mid(long.quote) - mid(short.quote)) * 100) / 100;
  const quantity = Math.max(1, Math.min(5, Math.floor(o.maxLoss / (debit * 100))));
  return intentOf(
    [
      leg('buy', long.contract.strike, o.right, expiry, o.symbol),
      leg('sell', short.contract.strike, o.right, expiry, o.symbol),
    ],
    { quantity, limitPrice: debit, priceEffect: 'debit', id: o.id },
  );
}

/** A naked short call at its mid (which the gate must refuse). */
export async function nakedCallAtMid(market: MarketData, o: { id?: string } = {}): Promise<OrderIntent> {
  const expiry = await monthlyExpiry(market);
  const chain = await market.chain('NVDA', { expiries: [expiry] });
  const spot = ((chain.underlying.bid ?? 0) + (chain.underlying.ask ?? 0)) / 2;
  const call = chain.rows.find(
    (r) => r.contract.right === 'call' && r.contract.strike > spot * 1.05 && r.quote.bid !== null,
  )!;
  const m = (call.quote.bid! + call.quote.ask!) / 2;
  return intentOf([leg('sell', call.contract.strike, 'call', expiry)], {
    limitPrice: Math.round(m * 100) / 100,
    priceEffect: 'credit',
    id: o.id,
  });
}

function leg(side: Side, strike: number, right: 'call' | 'put', expiry: string, symbol = 'NVDA'): Leg {
  return { contract: option(symbol, expiry, strike, right), side, ratio: 1 };
}

function intentOf(
  legs: Leg[],
  o: {
    quantity?: number;
    limitPrice: number;
    priceEffect: 'debit' | 'credit';
    id?: string;
    rationale?: string;
  },
): OrderIntent {
  return {
    clientOrderId: clientOrderId(o.id ?? `g-${++seq}`),
    legs,
    quantity: o.quantity ?? 1,
    orderType: 'limit',
    limitPrice: o.limitPrice,
    priceEffect: o.priceEffect,
    timeInForce: 'day',
    rationale: o.rationale ?? 'integration test',
    instanceIds: [],
    cycleId: null,
    origin: 'commander',
  };
}
