/**
 * A fake IB Gateway on a frozen simulated market, and IB brokers connected to it: what the
 * adapter's tests share. The market's clock only moves when a test moves it, so the quotes the
 * fake fills against are the quotes the test reads.
 */
import {
  clientOrderId,
  option,
  RealClock,
  SimulatedClock,
  type Clock,
  type Leg,
  type OptionContract,
  type OrderIntent,
  type SafetyEvent,
} from '../../../domain/index.js';
import { createSimMarket, type SimMarket } from '../../../market/sim/index.js';
import { FakeIbGateway, type FakeIbGatewayOptions } from '../../../../test/fakes/ib-gateway/index.js';
import {
  createIbkrBroker,
  type IbkrBroker,
  type IbkrBrokerOptions,
  type IbkrRole,
  type SafetyLog,
} from '../index.js';

export const SIM_START = '2026-03-10T15:00:00Z';

export interface FakeSetup {
  readonly gateway: FakeIbGateway;
  readonly market: SimMarket;
  readonly marketClock: SimulatedClock;
  /** A broker on the fake (not connected), `role` main unless given. */
  broker(options?: IbkrBrokerOptions, deps?: { role?: IbkrRole; journal?: SafetyLog }): IbkrBroker;
  /** Calls of one expiry near the money with a two-sided market. */
  calls(): Promise<{ contract: OptionContract; bid: number; ask: number }[]>;
  expiry: string;
  /** The simulated market's time with real timers (for adapters that read market time). */
  simTimeClock(): Clock;
  /** Moves the market one step and lets the fake match and answer. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startFake(
  options: FakeIbGatewayOptions = {},
  symbols: readonly string[] = ['NVDA'],
): Promise<FakeSetup> {
  const marketClock = new SimulatedClock(Date.parse(SIM_START));
  const market = createSimMarket({ symbols: [...symbols], seed: 3, startTime: SIM_START }, marketClock);
  const gateway = await FakeIbGateway.start({ market, matchIntervalMs: 20, ...options });
  const expiry = (await market.expirations('NVDA'))[2]!;
  const brokers: IbkrBroker[] = [];
  return {
    gateway,
    market,
    marketClock,
    expiry,
    broker(brokerOptions = {}, deps = {}) {
      const b = createIbkrBroker(
        {
          host: '127.0.0.1',
          port: gateway.port,
          clientId: 7,
          ackTimeout: 3_000,
          commissionWait: 1_000,
          reconnectInitialDelay: 50,
          reconnectMaxDelay: 400,
          ...brokerOptions,
        },
        {
          clock: new RealClock(),
          role: deps.role ?? 'main',
          mode: 'paper',
          liveSwitch: false,
          ...(deps.journal ? { journal: deps.journal } : {}),
        },
      );
      brokers.push(b);
      return b;
    },
    async calls() {
      const chain = await market.chain('NVDA', { expiries: [expiry], moneynessWindow: 0.04 });
      return chain.rows
        .filter(
          (r) =>
            r.contract.right === 'call' && r.quote.bid !== null && r.quote.ask !== null && r.quote.bid > 0,
        )
        .map((r) => ({ contract: r.contract, bid: r.quote.bid!, ask: r.quote.ask! }));
    },
    simTimeClock() {
      const real = new RealClock();
      return {
        now: () => market.now(),
        sleep: (ms: number, signal?: AbortSignal) => real.sleep(ms, signal),
        setTimeout: (fn: () => void, ms: number) => real.setTimeout(fn, ms),
        setInterval: (fn: () => void, ms: number) => real.setInterval(fn, ms),
      };
    },
    async settle() {
      marketClock.advance(market.options.stepMs);
      await gateway.match();
      await new Promise((r) => setTimeout(r, 40));
    },
    async close() {
      for (const b of brokers) await b.disconnect();
      await gateway.close();
      await market.close();
      const decode = brokers.flatMap((b) => b.diagnostics().decodeErrors);
      if (decode.length > 0) throw new Error(`the client reported decode errors (505): ${decode.join('; ')}`);
      if (gateway.protocolErrors.length > 0)
        throw new Error(`the fake saw protocol errors: ${gateway.protocolErrors.join('; ')}`);
    },
  };
}

/** A well-formed option the fake does not list. */
export function unlistedOption(expiry: string): OptionContract {
  return option('NVDA', expiry, 3.33, 'call');
}

/** Polls until `predicate` holds (real time); fails the test with `what` when it never does. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** A limit order intent for tests. */
export function limitIntent(
  id: string,
  legs: readonly Leg[],
  limitPrice: number,
  overrides: Partial<OrderIntent> = {},
): OrderIntent {
  const single = legs.length === 1 ? legs[0]! : null;
  return {
    clientOrderId: clientOrderId(id),
    legs,
    quantity: 1,
    orderType: 'limit',
    limitPrice,
    priceEffect: single ? (single.side === 'buy' ? 'debit' : 'credit') : 'debit',
    timeInForce: 'day',
    rationale: 'ibkr adapter test',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
    ...overrides,
  };
}

/** A journal stand-in that keeps the safety events it is given. */
export function memoryJournal(): SafetyLog & { readonly events: SafetyEvent[] } {
  const events: SafetyEvent[] = [];
  return { events, logSafetyEvent: (e: SafetyEvent) => events.push(e) };
}
