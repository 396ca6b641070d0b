/**
 * The `Broker` contract: every implementation (paper, ibkr) runs this suite through the port.
 * The harness supplies contracts to trade and, where it can, a way to move the market; what an
 * implementation's harness cannot do it declares as a capability (false), never skips silently.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientOrderId,
  isOnTick,
  roundToTick,
  sameContract,
  tickFor,
  type Leg,
  type OptionContract,
  type Order,
  type OrderIntent,
} from '../domain/index.js';
import type { Broker, BrokerConnectionStatus } from './broker.js';
import { BrokerError } from './errors.js';

export interface BrokerCapabilities {
  /** Multi-leg (combo) orders. */
  readonly combos: boolean;
  /** The harness can make the market cross a resting order (`setTouch`). */
  readonly restingFills: boolean;
  /** The harness can show a small displayed size (`setTouch`) and the broker fills by it. */
  readonly partialFills: boolean;
}

export interface Touch {
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
}

export interface BrokerHarness {
  /** Not yet connected; the suite connects it. */
  readonly broker: Broker;
  readonly capabilities: BrokerCapabilities;
  /** A listed option to trade (one contract must be affordable) and its touch now. */
  liquidOption(): Promise<QuotedOption>;
  /** Two calls of one expiry for a vertical, lower strike first, with their touch now. */
  verticalPair(): Promise<readonly [QuotedOption, QuotedOption]>;
  /** A well-formed option the broker does not know. */
  unknownContract(): OptionContract;
  /** Shows this touch for a contract from now on (needed for the resting and partial fill cases). */
  setTouch?(contract: OptionContract, touch: Touch): Promise<void>;
  /** Lets time pass so the broker sees the market as it now is (a quote update, a match). */
  settle(): Promise<void>;
  cleanup(): Promise<void>;
}

export interface QuotedOption {
  readonly contract: OptionContract;
  readonly bid: number;
  readonly ask: number;
}

export type BrokerFactory = () => Promise<BrokerHarness>;

let sequence = 0;

function intent(
  legs: readonly Leg[],
  limitPrice: number | null,
  overrides: Partial<OrderIntent> = {},
): OrderIntent {
  sequence += 1;
  const single = legs.length === 1 ? legs[0]! : null;
  return {
    clientOrderId: clientOrderId(`contract-suite-${sequence}`),
    legs,
    quantity: 1,
    orderType: 'limit',
    limitPrice,
    priceEffect: single ? (single.side === 'buy' ? 'debit' : 'credit') : 'debit',
    timeInForce: 'day',
    rationale: 'broker contract suite',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
    ...overrides,
  };
}

function leg(contract: OptionContract, side: 'buy' | 'sell', ratio = 1): Leg {
  return { contract, side, ratio };
}

async function refusal(promise: Promise<unknown>): Promise<BrokerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BrokerError) return error;
    throw error;
  }
  throw new Error('expected a BrokerError, the call succeeded');
}

/** A price on the tick grid well below the bid (it will rest). */
function farBelow(bid: number): number {
  const price = Math.max(0.01, bid * 0.5);
  return roundToTick(price, tickFor(price), 'down') || 0.01;
}

export function runBrokerContract(name: string, factory: BrokerFactory): void {
  describe(`Broker contract: ${name}`, () => {
    let h: BrokerHarness;
    let broker: Broker;
    const statuses: BrokerConnectionStatus[] = [];
    const orderEvents: Order[] = [];

    /** Lets the market move until `check` holds (a few rounds), returning its last value. */
    async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
      let value = await read();
      for (let i = 0; i < 5 && !check(value); i++) {
        await h.settle();
        value = await read();
      }
      return value;
    }

    beforeEach(async () => {
      statuses.length = 0;
      orderEvents.length = 0;
      h = await factory();
      broker = h.broker;
      broker.on('status', (s) => statuses.push(s));
      broker.on('order', (o) => orderEvents.push(o));
      await broker.connect();
    });
    afterEach(async () => {
      if (broker.connectionStatus() === 'connected') await broker.cancelAll();
      await broker.disconnect();
      await h.cleanup();
    });

    it('reports its connection through status events and connectionStatus', async () => {
      expect(statuses).toContain('connected');
      expect(broker.connectionStatus()).toBe('connected');
      await broker.disconnect();
      expect(broker.connectionStatus()).toBe('disconnected');
      expect(statuses[statuses.length - 1]).toBe('disconnected');
    });

    it('refuses calls while disconnected with NOT_CONNECTED', async () => {
      await broker.disconnect();
      expect((await refusal(broker.positions())).reason).toBe('NOT_CONNECTED');
      const { contract, bid } = await h
        .liquidOption()
        .catch(() => ({ contract: h.unknownContract(), bid: 1 }));
      expect((await refusal(broker.placeOrder(intent([leg(contract, 'buy')], farBelow(bid))))).reason).toBe(
        'NOT_CONNECTED',
      );
    });

    it('reports a paper account and an account summary in dollars', async () => {
      expect(await broker.accountKind()).toBe('paper');
      const s = await broker.accountSummary();
      expect(s.accountId.length).toBeGreaterThan(0);
      for (const v of [
        s.netLiquidation,
        s.cash,
        s.buyingPower,
        s.maintenanceMargin,
        s.initialMargin,
        s.dailyRealizedPnl,
        s.unrealizedPnl,
        s.time,
      ]) {
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(s.netLiquidation).toBeGreaterThan(0);
    });

    it('rests a limit order below the market, lists it, and cancels it', async () => {
      const { contract, bid } = await h.liquidOption();
      const order = await broker.placeOrder(intent([leg(contract, 'buy')], farBelow(bid)));
      expect(['submitted', 'working']).toContain(order.status);
      expect(order.filledQuantity).toBe(0);
      expect((await broker.openOrders()).map((o) => o.clientOrderId)).toContain(order.clientOrderId);
      expect((await broker.orderByClientId(order.clientOrderId))?.brokerOrderId).toBe(order.brokerOrderId);
      expect(orderEvents.some((o) => o.clientOrderId === order.clientOrderId)).toBe(true);
      await broker.cancelOrder(order.clientOrderId);
      const after = await eventually(
        () => broker.orderByClientId(order.clientOrderId),
        (o) => o?.status === 'cancelled',
      );
      expect(after?.status).toBe('cancelled');
      expect((await broker.openOrders()).map((o) => o.clientOrderId)).not.toContain(order.clientOrderId);
    });

    it('returns the first order when the same client order id is placed twice', async () => {
      const { contract, bid } = await h.liquidOption();
      const first = intent([leg(contract, 'buy')], farBelow(bid));
      const a = await broker.placeOrder(first);
      const b = await broker.placeOrder(first);
      expect(b.brokerOrderId).toBe(a.brokerOrderId);
      expect((await broker.openOrders()).filter((o) => o.clientOrderId === first.clientOrderId)).toHaveLength(
        1,
      );
    });

    it('refuses a different order under a client order id already used', async () => {
      const { contract, bid } = await h.liquidOption();
      const first = intent([leg(contract, 'buy')], farBelow(bid));
      await broker.placeOrder(first);
      const other = { ...first, quantity: 2 };
      expect((await refusal(broker.placeOrder(other))).reason).toBe('CLIENT_ID_IN_USE');
    });

    it('fills a marketable limit buy, reports position, fill and commission, and closes it', async () => {
      const { contract, ask } = await h.liquidOption();
      const buy = intent([leg(contract, 'buy')], ask);
      const placed = await broker.placeOrder(buy);
      const filled = await eventually(
        () => broker.orderByClientId(buy.clientOrderId),
        (o) => o?.status === 'filled',
      );
      expect(filled?.status).toBe('filled');
      expect(filled?.filledQuantity).toBe(1);
      expect(filled!.averageFillPrice!).toBeLessThanOrEqual(ask + 1e-9);
      const held = (await broker.positions()).find((p) => sameContract(p.contract, contract));
      expect(held?.quantity).toBe(1);
      const fills = (await broker.fills(placed.submittedAt)).filter(
        (f) => f.clientOrderId === buy.clientOrderId,
      );
      expect(fills.reduce((s, f) => s + f.quantity, 0)).toBe(1);
      expect(fills.reduce((s, f) => s + f.commission, 0)).toBeGreaterThan(0);

      const { bid } = await h.liquidOption();
      const sell = intent(
        [leg(contract, 'sell')],
        roundToTick(Math.max(0.01, bid * 0.5), tickFor(bid * 0.5), 'down') || 0.01,
      );
      await broker.placeOrder(sell);
      const closed = await eventually(
        () => broker.orderByClientId(sell.clientOrderId),
        (o) => o?.status === 'filled',
      );
      expect(closed?.status).toBe('filled');
      expect((await broker.positions()).find((p) => sameContract(p.contract, contract))).toBeUndefined();
    });

    it('refuses a quantity of zero or less with INVALID_ORDER', async () => {
      const { contract, bid } = await h.liquidOption();
      for (const quantity of [0, -1]) {
        expect(
          (await refusal(broker.placeOrder(intent([leg(contract, 'buy')], farBelow(bid), { quantity }))))
            .reason,
        ).toBe('INVALID_ORDER');
      }
    });

    it('refuses a limit price off the tick grid with OFF_TICK', async () => {
      const { contract, bid } = await h.liquidOption();
      const price = farBelow(bid) + 0.003;
      expect(isOnTick(price, 0.01)).toBe(false);
      expect((await refusal(broker.placeOrder(intent([leg(contract, 'buy')], price)))).reason).toBe(
        'OFF_TICK',
      );
    });

    it('refuses an unknown contract with UNKNOWN_CONTRACT', async () => {
      expect((await refusal(broker.placeOrder(intent([leg(h.unknownContract(), 'buy')], 1)))).reason).toBe(
        'UNKNOWN_CONTRACT',
      );
    });

    it('previews margin and commission without placing an order', async () => {
      const { contract, ask } = await h.liquidOption();
      const order = intent([leg(contract, 'buy')], ask);
      const preview = await broker.previewOrder(order);
      for (const v of [
        preview.initialMarginChange,
        preview.maintenanceMarginChange,
        preview.commission,
        preview.buyingPowerAfter,
      ]) {
        expect(Number.isFinite(v)).toBe(true);
      }
      expect(preview.commission).toBeGreaterThan(0);
      expect(await broker.orderByClientId(order.clientOrderId)).toBeNull();
    });

    it('cancels: unknown ids fail with UNKNOWN_ORDER, finished orders with ORDER_FINISHED', async () => {
      expect((await refusal(broker.cancelOrder(clientOrderId('never-seen-1')))).reason).toBe('UNKNOWN_ORDER');
      const { contract, bid } = await h.liquidOption();
      const order = await broker.placeOrder(intent([leg(contract, 'buy')], farBelow(bid)));
      await broker.cancelOrder(order.clientOrderId);
      await eventually(
        () => broker.orderByClientId(order.clientOrderId),
        (o) => o?.status === 'cancelled',
      );
      expect((await refusal(broker.cancelOrder(order.clientOrderId))).reason).toBe('ORDER_FINISHED');
    });

    it('cancelAll cancels every working order', async () => {
      const { contract, bid } = await h.liquidOption();
      const a = await broker.placeOrder(intent([leg(contract, 'buy')], farBelow(bid)));
      const b = await broker.placeOrder(intent([leg(contract, 'buy')], farBelow(bid)));
      await broker.cancelAll();
      const open = await eventually(
        () => broker.openOrders(),
        (list) => list.length === 0,
      );
      expect(open).toHaveLength(0);
      for (const o of [a, b])
        expect((await broker.orderByClientId(o.clientOrderId))?.status).toBe('cancelled');
    });

    describe('combos', () => {
      it('rests and cancels a vertical spread as one order, or declares it cannot', async () => {
        const [low, high] = await h.verticalPair();
        const spread = intent([leg(low.contract, 'buy'), leg(high.contract, 'sell')], 0.01);
        if (!h.capabilities.combos) {
          expect((await refusal(broker.placeOrder(spread))).reason).toMatch(/REJECTED|INVALID_ORDER/);
          return;
        }
        const order = await broker.placeOrder(spread);
        expect(['submitted', 'working']).toContain(order.status);
        expect(order.intent.legs).toHaveLength(2);
        await broker.cancelOrder(order.clientOrderId);
        const after = await eventually(
          () => broker.orderByClientId(order.clientOrderId),
          (o) => o?.status === 'cancelled',
        );
        expect(after?.status).toBe('cancelled');
      });

      it('fills a marketable vertical as a package, one fill per leg, or declares no combos', async () => {
        if (!h.capabilities.combos) return expect(h.capabilities.combos).toBe(false);
        const [low, high] = await h.verticalPair();
        const limit = roundToTick(Math.max(0.01, low.ask - high.bid), 0.01, 'up');
        const spread = intent([leg(low.contract, 'buy'), leg(high.contract, 'sell')], limit);
        await broker.placeOrder(spread);
        const filled = await eventually(
          () => broker.orderByClientId(spread.clientOrderId),
          (o) => o?.status === 'filled',
        );
        expect(filled?.status).toBe('filled');
        expect(filled!.averageFillPrice!).toBeLessThanOrEqual(limit + 1e-9);
        const positions = await broker.positions();
        expect(positions.find((p) => sameContract(p.contract, low.contract))?.quantity).toBe(1);
        expect(positions.find((p) => sameContract(p.contract, high.contract))?.quantity).toBe(-1);
        const fills = (await broker.fills(0)).filter((f) => f.clientOrderId === spread.clientOrderId);
        expect(new Set(fills.map((f) => f.legIndex))).toEqual(new Set([0, 1]));
      });
    });

    describe('market-driven fills', () => {
      it('fills a resting limit once the market crosses it, or declares the harness cannot move the market', async () => {
        if (!h.capabilities.restingFills || !h.setTouch)
          return expect(h.capabilities.restingFills).toBe(false);
        const { contract, bid } = await h.liquidOption();
        const limit = farBelow(bid);
        const order = intent([leg(contract, 'buy')], limit);
        await broker.placeOrder(order);
        expect((await broker.orderByClientId(order.clientOrderId))?.status).toBe('working');
        await h.setTouch(contract, {
          bid: Math.max(0.01, roundToTick(limit - 0.05, 0.01, 'down')),
          ask: limit,
          bidSize: 10,
          askSize: 10,
        });
        const filled = await eventually(
          () => broker.orderByClientId(order.clientOrderId),
          (o) => o?.status === 'filled',
        );
        expect(filled?.status).toBe('filled');
        expect(filled!.averageFillPrice!).toBeLessThanOrEqual(limit + 1e-9);
      });

      it('fills partially by the displayed size, then the rest as size shows, or declares it cannot', async () => {
        if (!h.capabilities.partialFills || !h.setTouch)
          return expect(h.capabilities.partialFills).toBe(false);
        const { contract, bid, ask } = await h.liquidOption();
        await h.setTouch(contract, { bid, ask, bidSize: 5, askSize: 2 });
        const order = intent([leg(contract, 'buy')], ask, { quantity: 5, timeInForce: 'gtc' });
        await broker.placeOrder(order);
        const partial = await eventually(
          () => broker.orderByClientId(order.clientOrderId),
          (o) => (o?.filledQuantity ?? 0) > 0,
        );
        expect(partial?.status).toBe('partially_filled');
        expect(partial?.filledQuantity).toBe(2);
        await h.setTouch(contract, { bid, ask, bidSize: 5, askSize: 3 });
        const done = await eventually(
          () => broker.orderByClientId(order.clientOrderId),
          (o) => o?.status === 'filled',
        );
        expect(done?.filledQuantity).toBe(5);
      });
    });
  });
}
