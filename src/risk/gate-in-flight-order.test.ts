import { afterEach, describe, expect, it } from 'vitest';
import { createPaperBroker } from '../broker/paper/index.js';
import { clientOrderId, option, type OrderIntent } from '../domain/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import { placeOrderWithGuard } from './place-order-with-guard.js';
import { monthlyExpiry, override, simGate, type SimGate } from './test-support/gate-setup.js';
import { wideLimits } from './test-support/race-families.js';

const open: SimGate[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const g of open.splice(0)) await g.close();
});

async function single(g: SimGate, id: string, side: 'buy' | 'sell', nth: number): Promise<OrderIntent> {
  const expiry = await monthlyExpiry(g.market);
  const chain = await g.market.chain('NVDA', { expiries: [expiry] });
  const spot = (chain.underlying.bid! + chain.underlying.ask!) / 2;
  const row = chain.rows
    .filter((r) => r.contract.right === 'call' && r.contract.strike > spot && r.quote.bid)
    .sort((a, b) => a.contract.strike - b.contract.strike)[nth]!;
  return {
    clientOrderId: clientOrderId(id),
    legs: [{ contract: option('NVDA', expiry, row.contract.strike, 'call'), side, ratio: 1 }],
    quantity: 1,
    orderType: 'limit',
    limitPrice: side === 'buy' ? row.quote.ask! : row.quote.bid!,
    priceEffect: side === 'buy' ? 'debit' : 'credit',
    timeInForce: 'day',
    rationale: 'in-flight order test',
    instanceIds: [],
    cycleId: null,
    origin: 'commander',
  };
}

/** Another process's gate: its own broker connection and journal handle on the same data dir. */
async function otherProcess(
  g: SimGate,
): Promise<{ journal: Journal; send: (i: OrderIntent) => Promise<void> }> {
  const broker = createPaperBroker(
    { matchIntervalMs: 0 },
    { dataDir: g.dataDir, marketData: g.market, clock: g.clock },
  );
  await broker.connect();
  const journal = openJournal({ dataDir: g.dataDir });
  closers.push(
    () => broker.disconnect(),
    () => journal.close(),
  );
  return {
    journal,
    async send(i) {
      const o = await broker.placeOrder(i);
      journal.updateOrderStatus(i.clientOrderId, {
        status: o.status,
        time: g.clock.now(),
        brokerOrderId: o.brokerOrderId,
        filledQuantity: o.filledQuantity,
      });
    },
  };
}

/**
 * Another gate has judged a call written against the book's long call and journaled it
 * `pending_submit`; while this gate gathers (after reading positions) that order lands, fills and
 * is journaled `filled`. This gate sells the long call.
 */
async function sellWhileAnotherLands() {
  const g = await setupWide();
  const seed = await placeOrderWithGuard(await single(g, 'seed-long', 'buy', 0), g.deps);
  const other = await otherProcess(g);
  const written = await single(g, 'other-writes-against-it', 'sell', 2);
  other.journal.recordOrderIntent(written, g.clock.now());
  const broker = override(g.broker, {
    positions: async () => {
      const held = await g.broker.positions();
      await other.send(written);
      return held;
    },
  });
  const result = await placeOrderWithGuard(await single(g, 'sells-the-long', 'sell', 0), {
    ...g.deps,
    broker,
  });
  const netCalls = (await g.broker.positions())
    .filter((p) => p.contract.kind === 'option' && p.contract.right === 'call')
    .reduce((s, p) => s + p.quantity, 0);
  return {
    seedFilled: seed.accepted && seed.order?.status === 'filled',
    otherStatus: other.journal.getOrder(written.clientOrderId)?.status,
    result,
    netCalls,
  };
}

describe('an order another gate sends while this one gathers its context', () => {
  it("sets the scene: the long call is held and the other gate's call fills mid-gather", async () => {
    const s = await sellWhileAnotherLands();
    expect(s.seedFilled).toBe(true);
    expect(s.otherStatus).toBe('filled');
  });

  // The gather reads the journal's pending_submit orders first, then the broker's open orders, then
  // its positions, so an order in flight between them is seen at least once. It used to read the
  // broker first: an order landing and being journaled `filled` mid-gather was seen nowhere
  // (gate-race.process.test.ts hit it with real processes).
  it('is never missed: the call written against the long call is seen', async () => {
    const s = await sellWhileAnotherLands();
    expect(s.result.accepted ? [] : s.result.codes).toContain('RISK_NAKED_SHORT_CALL');
    expect(s.netCalls).toBeGreaterThanOrEqual(0);
  });
});

async function setupWide(): Promise<SimGate> {
  const g = await simGate({ risk: wideLimits() });
  open.push(g);
  return g;
}
