import { afterEach, describe, expect, it } from 'vitest';
import { buy, order, paperSetup, sell, type PaperSetup } from './test-support/paper-setup.js';

let s: PaperSetup;
afterEach(async () => s.cleanup());

describe('paper broker fills', () => {
  it('fills a marketable limit buy at the ask, charges $0.65 a contract and debits cash ×100', async () => {
    s = await paperSetup();
    const o = await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 3 }));
    expect(o).toMatchObject({ status: 'filled', filledQuantity: 3, averageFillPrice: 2.1 });
    expect(s.fills).toHaveLength(1);
    expect(s.fills[0]).toMatchObject({ quantity: 3, price: 2.1, commission: 1.95, side: 'buy', legIndex: 0 });
    const [position] = await s.broker.positions();
    expect(position).toMatchObject({ quantity: 3, averagePrice: 2.1, realizedPnl: 0 });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 630 - 1.95, 6);
  });

  it('fills a limit above the ask at the ask (price improvement) and charges the $1 minimum', async () => {
    s = await paperSetup();
    const o = await s.broker.placeOrder(order(buy(s.call100), 2.5));
    expect(o.averageFillPrice).toBe(2.1);
    expect(s.fills[0]?.commission).toBe(1);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 210 - 1, 6);
  });

  it('sells at the bid', async () => {
    s = await paperSetup();
    const o = await s.broker.placeOrder(order(sell(s.call100), 1.9));
    expect(o).toMatchObject({ status: 'filled', averageFillPrice: -2 });
    expect((await s.broker.positions())[0]).toMatchObject({ quantity: -1, averagePrice: 2 });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 + 200 - 1, 6);
  });

  it('rests a limit below the ask and fills it at the limit when the market crosses it', async () => {
    s = await paperSetup();
    const placed = await s.broker.placeOrder(order(buy(s.call100), 1.9, { quantity: 2 }));
    expect(placed.status).toBe('working');
    expect(await s.broker.positions()).toHaveLength(0);
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 1.8, ask: 1.85 });
    const filled = await s.broker.orderByClientId(placed.clientOrderId);
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 2, averageFillPrice: 1.9 });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 380 - 1.3, 6);
  });

  it('fills partially by the displayed size and the rest when the quote shows more', async () => {
    s = await paperSetup();
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.1, askSize: 4 });
    const placed = await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 10 }));
    expect(placed).toMatchObject({ status: 'partially_filled', filledQuantity: 4 });
    // The same quote again: its size is used up.
    expect((await s.broker.orderByClientId(placed.clientOrderId))?.filledQuantity).toBe(4);
    s.clock.advance(1_000);
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.1, askSize: 6 });
    const done = await s.broker.orderByClientId(placed.clientOrderId);
    expect(done).toMatchObject({ status: 'filled', filledQuantity: 10, averageFillPrice: 2.1 });
    expect(s.fills.map((f) => [f.quantity, f.commission])).toEqual([
      [4, 2.6],
      [6, 3.9],
    ]);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 2_100 - 6.5, 6);
  });

  it('fills a marketable debit vertical as a package at the natural price, one fill per leg', async () => {
    s = await paperSetup();
    const o = await s.broker.placeOrder(order([buy(s.call100), sell(s.call105)], 1.35, { quantity: 2 }));
    expect(o).toMatchObject({ status: 'filled', filledQuantity: 2, averageFillPrice: 1.3 });
    expect(s.fills.map((f) => [f.legIndex, f.side, f.quantity, f.price])).toEqual([
      [0, 'buy', 2, 2.1],
      [1, 'sell', 2, 0.8],
    ]);
    expect(s.fills.reduce((sum, f) => sum + f.commission, 0)).toBeCloseTo(2.6, 9);
    const positions = await s.broker.positions();
    expect(positions.map((p) => [p.contract.kind === 'option' && p.contract.strike, p.quantity])).toEqual([
      [100, 2],
      [105, -2],
    ]);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 260 - 2.6, 6);
  });

  it('fills a resting vertical at its limit, the difference spread over the legs', async () => {
    s = await paperSetup();
    const placed = await s.broker.placeOrder(order([buy(s.call100), sell(s.call105)], 1.2));
    expect(placed.status).toBe('working');
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 1.95, ask: 2.0 });
    s.market.setOption('XYZ', '2026-04-17', 105, 'call', { bid: 0.85, ask: 0.95 });
    const filled = await s.broker.orderByClientId(placed.clientOrderId);
    expect(filled).toMatchObject({ status: 'filled', averageFillPrice: 1.2 });
    expect(s.fills.map((f) => f.price)).toEqual([2.025, 0.825]);
  });

  it('fills a credit put spread at the natural credit', async () => {
    s = await paperSetup();
    const o = await s.broker.placeOrder(
      order([sell(s.put95), buy(s.put90)], 0.85, { priceEffect: 'credit' }),
    );
    expect(o).toMatchObject({ status: 'filled', averageFillPrice: -0.9 });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 + 90 - 1.3, 6);
  });

  it('does not fill against a halted or crossed quote', async () => {
    s = await paperSetup();
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.1, flags: ['halted'] });
    expect((await s.broker.placeOrder(order(buy(s.call100), 2.1))).status).toBe('working');
    s.market.setOption('XYZ', '2026-04-17', 105, 'call', { bid: 1.0, ask: 0.9, flags: ['crossed'] });
    expect((await s.broker.placeOrder(order(buy(s.call105), 1.0))).status).toBe('working');
  });

  it('cancels the unfilled rest of an IOC order', async () => {
    s = await paperSetup();
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.1, askSize: 3 });
    const partial = await s.broker.placeOrder(
      order(buy(s.call100), 2.1, { quantity: 5, timeInForce: 'ioc' }),
    );
    expect(partial).toMatchObject({ status: 'cancelled', filledQuantity: 3 });
    const none = await s.broker.placeOrder(order(buy(s.call100), 1.5, { timeInForce: 'ioc' }));
    expect(none).toMatchObject({ status: 'cancelled', filledQuantity: 0 });
  });

  it('expires a DAY order at the session close and keeps a GTC one working', async () => {
    s = await paperSetup();
    s.market.sessionClose = s.clock.now() + 3_600_000;
    const day = await s.broker.placeOrder(order(buy(s.call100), 1.5, { timeInForce: 'day' }));
    const gtc = await s.broker.placeOrder(order(buy(s.call100), 1.5, { timeInForce: 'gtc' }));
    s.clock.advance(2 * 3_600_000);
    expect((await s.broker.orderByClientId(day.clientOrderId))?.status).toBe('expired');
    expect((await s.broker.orderByClientId(gtc.clientOrderId))?.status).toBe('working');
  });

  it('fills market orders at the touch when they are allowed', async () => {
    s = await paperSetup({ allowMarketOrders: true });
    const o = await s.broker.placeOrder(order(buy(s.call105), null, { orderType: 'market', quantity: 20 }));
    expect(o).toMatchObject({ status: 'filled', filledQuantity: 20, averageFillPrice: 0.9 });
  });

  it('cancels working orders and reports each change as an order event', async () => {
    s = await paperSetup();
    const a = await s.broker.placeOrder(order(buy(s.call100), 1.5));
    const b = await s.broker.placeOrder(order(buy(s.call105), 0.5));
    await s.broker.cancelOrder(a.clientOrderId);
    expect((await s.broker.openOrders()).map((o) => o.clientOrderId)).toEqual([b.clientOrderId]);
    await s.broker.cancelAll();
    expect(await s.broker.openOrders()).toHaveLength(0);
    expect(s.orders.map((o) => [o.clientOrderId, o.status])).toEqual([
      [a.clientOrderId, 'working'],
      [b.clientOrderId, 'working'],
      [a.clientOrderId, 'cancelled'],
      [b.clientOrderId, 'cancelled'],
    ]);
  });
});
