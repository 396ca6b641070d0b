/**
 * The I/O half of the gate: ask the broker, the market and the journal for everything the checks
 * judge. A failed or slow answer becomes null (missing), which the checks reject; nothing here
 * decides anything.
 */
import {
  LIVE_TRADING_ENV,
  brokerOrderId,
  isTerminal,
  nyDate,
  structureKey,
  type Clock,
  type OptionChain,
  type Order,
  type OrderIntent,
  type UnderlyingQuote,
} from '../domain/index.js';
import type { GateContext, MarketSlice, OrderHistory } from './gate-context.js';
import { portKind, type GateDeps } from './gate-deps.js';
import { THROTTLE_WINDOW_MS } from './checks/throttle-per-minute.js';
import { readPnlState } from './pnl/pnl-state.js';
import type { BreakerState } from '../domain/index.js';

const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
const HISTORY_ROWS = 1_000;

/** Resolves with the promise, or rejects after `ms` of clock time. */
export async function within<T>(promise: Promise<T>, ms: number, clock: Clock, what: string): Promise<T> {
  const abort = new AbortController();
  const timeout = clock.sleep(ms, abort.signal).then(
    () => Promise.reject(new Error(`${what}: no answer within ${ms} ms`)),
    () => new Promise<never>(() => undefined),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    abort.abort();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What the gathering could not get, by source, for the journal. */
export type FetchErrors = Record<string, string>;

/** The context for judging `intent` now. Never throws: whatever fails is null in the context and named in `errors`. */
export async function gatherGateContext(
  intent: OrderIntent,
  deps: GateDeps,
): Promise<{ ctx: GateContext; errors: FetchErrors }> {
  const errors: FetchErrors = {};
  const timeoutMs = deps.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const now = deps.clock.now();
  const ask = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await within(Promise.resolve().then(call), timeoutMs, deps.ioClock ?? deps.clock, what);
    } catch (error) {
      errors[what] = describe(error);
      return null;
    }
  };
  const { broker, marketData, journal } = deps;
  const symbols = [...new Set(intent.legs.map((l) => l.contract.symbol))];
  // Read order matters across processes. Another gate's order moves journal pending_submit → broker
  // (working or filled) → journal updated. Reading the journal's pending orders first, then the
  // broker's open orders, then its positions, sees such an order at least once (maybe twice, which
  // errs safe); any other order can miss it — e.g. a fill landing between the positions read and a
  // later journal read (found by the multi-process race test).
  let pending: readonly StoredPending[] | null = null;
  try {
    pending = pendingInJournal(deps);
  } catch (error) {
    errors['journal.pendingOrders'] = describe(error);
  }
  const openOrders = await ask('broker.openOrders', () => broker.openOrders());
  const [accountKind, account, positions, marginPreview, marketClock, ...underlyings] = await Promise.all([
    ask('broker.accountKind', () => broker.accountKind()),
    ask('broker.accountSummary', () => broker.accountSummary()),
    ask('broker.positions', () => broker.positions()),
    ask('broker.previewOrder', () => broker.previewOrder(intent)),
    ask('marketData.marketClock', () => marketData.marketClock()),
    ...symbols.map((s) => ask(`marketData.underlyingQuote(${s})`, () => marketData.underlyingQuote(s))),
  ]);
  const marketTime = marketClock?.time ?? null;
  const fromBroker = openOrders?.filter((o) => !isTerminal(o.status)) ?? null;
  const working = fromBroker && pending ? [...fromBroker, ...inFlight(pending, fromBroker)] : null;

  const markets: Record<string, MarketSlice> = {};
  await Promise.all(
    symbols.map(async (symbol, i) => {
      const chain = await fetchChain(
        symbol,
        intent,
        deps,
        { positions, openOrders: working, marketTime },
        ask,
      );
      markets[symbol] = {
        underlying: (underlyings[i] as UnderlyingQuote | null) ?? chain?.underlying ?? null,
        chain,
      };
    }),
  );

  let breaker: BreakerState | null = null;
  try {
    breaker = journal.breakerStatus().state;
  } catch (error) {
    errors['journal.breakerStatus'] = describe(error);
  }
  let history: OrderHistory | null = null;
  try {
    history = readHistory(intent, deps, now);
  } catch (error) {
    errors['journal.orders'] = describe(error);
  }
  let pnl = null;
  if (account) {
    try {
      pnl = readPnlState(journal, account, now);
    } catch (error) {
      errors['journal.pnl'] = describe(error);
    }
  }

  const ctx: GateContext = {
    now,
    marketTime,
    limits: deps.config.risk,
    mode: {
      configured: deps.config.mode,
      liveSwitch: deps.env[LIVE_TRADING_ENV] === 'yes',
      accountKind,
      portKind: portKind(deps.config.broker),
    },
    breaker,
    account,
    positions,
    openOrders: working,
    markets,
    marginPreview,
    history,
    pnl,
    cycleOrdersSoFar: deps.cycle?.ordersSoFar ?? 0,
  };
  return { ctx, errors };
}

/** The chain with every expiry the order, the positions and the working orders on `symbol` touch; the order's alone if that fails. */
async function fetchChain(
  symbol: string,
  intent: OrderIntent,
  deps: GateDeps,
  held: {
    positions: GateContext['positions'];
    openOrders: GateContext['openOrders'];
    marketTime: number | null;
  },
  ask: <T>(what: string, call: () => Promise<T>) => Promise<T | null>,
): Promise<OptionChain | null> {
  const own = new Set<string>();
  for (const l of intent.legs)
    if (l.contract.symbol === symbol && l.contract.kind === 'option') own.add(l.contract.expiry);
  if (
    own.size === 0 &&
    !held.positions?.some((p) => p.contract.symbol === symbol && p.contract.kind === 'option')
  )
    return null;
  const all = new Set(own);
  for (const p of held.positions ?? [])
    if (p.contract.symbol === symbol && p.contract.kind === 'option') all.add(p.contract.expiry);
  for (const o of held.openOrders ?? []) {
    for (const l of o.intent.legs)
      if (l.contract.symbol === symbol && l.contract.kind === 'option') all.add(l.contract.expiry);
  }
  const today = held.marketTime === null ? null : nyDate(held.marketTime);
  const listed = (set: Set<string>) => [...set].filter((e) => today === null || e >= today).sort();
  const wanted = listed(all);
  const chain = await ask(`marketData.chain(${symbol})`, () =>
    deps.marketData.chain(symbol, { expiries: wanted }),
  );
  if (chain || own.size === 0 || wanted.length === own.size) return chain;
  return ask(`marketData.chain(${symbol}, order expiries)`, () =>
    deps.marketData.chain(symbol, { expiries: listed(own) }),
  );
}

/** An order the journal holds as `pending_submit`, read before the broker is asked. */
export type StoredPending = Order;

/**
 * Orders the journal holds as `pending_submit`: sent by another gate a moment ago (its broker call
 * still in flight), or by a holder that died mid-send. Read this BEFORE asking the broker.
 */
export function pendingInJournal(deps: Pick<GateDeps, 'journal'>): StoredPending[] {
  return deps.journal.listOrders({ statuses: ['pending_submit'], limit: HISTORY_ROWS }).map((o) => ({
    clientOrderId: o.clientOrderId,
    brokerOrderId: brokerOrderId(o.brokerOrderId ?? 'unacknowledged'),
    intent: o.intent,
    status: 'pending_submit',
    filledQuantity: o.filledQuantity,
    averageFillPrice: null,
    submittedAt: o.createdAt,
    updatedAt: o.updatedAt,
  }));
}

/** Of the journal's pending orders (read first), those the broker does not list: they may be working, so they count as working. */
export function inFlight(pending: readonly StoredPending[], known: readonly Order[]): Order[] {
  const seen = new Set(known.map((o) => o.clientOrderId));
  return pending.filter((o) => !seen.has(o.clientOrderId));
}

function readHistory(intent: OrderIntent, deps: GateDeps, now: number): OrderHistory {
  const horizon = now - Math.max(THROTTLE_WINDOW_MS, deps.config.risk.duplicateWindow);
  const rows = deps.journal.listOrders({ limit: HISTORY_ROWS });
  return {
    recent: rows
      .filter((o) => o.createdAt > horizon)
      .map((o) => ({
        clientOrderId: o.clientOrderId,
        createdAt: o.createdAt,
        cycleId: o.cycleId,
        structure: structureKey(o.intent.legs),
        quantity: o.intent.quantity,
        limitPrice: o.intent.limitPrice,
        priceEffect: o.intent.priceEffect,
      })),
    clientOrderIdSeen: deps.journal.getOrder(intent.clientOrderId) !== null,
    ordersInCycle: intent.cycleId === null ? 0 : rows.filter((o) => o.cycleId === intent.cycleId).length,
  };
}
