import { afterEach, describe, expect, it } from 'vitest';
import { BrokerError } from '../errors.js';
import { buy, order, paperSetup, sell, XYZ, type PaperSetup } from './test-support/paper-setup.js';

let s: PaperSetup;
afterEach(async () => s.cleanup());

async function refusal(promise: Promise<unknown>): Promise<BrokerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BrokerError) return error;
    throw error;
  }
  throw new Error('expected a BrokerError');
}

describe('paper broker P&L', () => {
  it('realises P&L on a close and reports the day net of commissions', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 3 }));
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.4, ask: 2.5 });
    await s.broker.placeOrder(order(sell(s.call100), 2.4, { quantity: 3 }));
    expect(await s.broker.positions()).toHaveLength(0);
    const summary = await s.broker.accountSummary();
    expect(summary.dailyRealizedPnl).toBeCloseTo(90 - 1.95 - 1.95, 6);
    expect(summary.cash).toBeCloseTo(100_000 - 630 - 1.95 + 720 - 1.95, 6);
    expect(summary.unrealizedPnl).toBe(0);
  });

  it('marks open positions at the mid for unrealised P&L and net liquidation', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 3 }));
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.3, ask: 2.5 });
    const summary = await s.broker.accountSummary();
    expect(summary.unrealizedPnl).toBeCloseTo(90, 6);
    expect(summary.netLiquidation).toBeCloseTo(100_000 - 630 - 1.95 + 720, 6);
    // Long options have no loan value: buying power is cash.
    expect(summary.buyingPower).toBeCloseTo(100_000 - 630 - 1.95, 6);
  });

  it('books a partial close against the average price and keeps the rest', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity: 2 }));
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.0, ask: 2.3 });
    await s.broker.placeOrder(order(buy(s.call100), 2.3, { quantity: 2 }));
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: 2.5, ask: 2.6 });
    await s.broker.placeOrder(order(sell(s.call100), 2.5, { quantity: 1 }));
    const [p] = await s.broker.positions();
    expect(p).toMatchObject({ quantity: 3 });
    expect(p?.averagePrice).toBeCloseTo(2.2, 9);
    expect(p?.realizedPnl).toBeCloseTo(30, 9);
  });
});

describe('paper broker margin (Reg-T)', () => {
  it('requires premium + 20% of spot less the OTM amount for a naked short put', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.put95), 1.5));
    const summary = await s.broker.accountSummary();
    // mark 1.55; max(0.2·100 − 5, 0.1·95) = 15 → (1.55 + 15)·100
    expect(summary.initialMargin).toBeCloseTo(1_655, 6);
    expect(summary.maintenanceMargin).toBeCloseTo(1_655, 6);
    expect(summary.cash).toBeCloseTo(100_149, 6);
    expect(summary.buyingPower).toBeCloseTo(100_149 - 1_655, 6);
    expect(summary.netLiquidation).toBeCloseTo(100_149 - 155, 6);
  });

  it('requires the greater of the two minimums for a far OTM naked call', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.call105), 0.8));
    // mark 0.85; max(20 − 5, 10) = 15 → (0.85 + 15)·100
    expect((await s.broker.accountSummary()).initialMargin).toBeCloseTo(1_585, 6);
  });

  it('requires the max loss (the width) for a credit spread', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(
      order([sell(s.put95), buy(s.put90)], 0.9, { priceEffect: 'credit', quantity: 2 }),
    );
    expect((await s.broker.accountSummary()).initialMargin).toBeCloseTo(1_000, 6);
  });

  it('requires nothing beyond the debit for a debit spread', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order([buy(s.call100), sell(s.call105)], 1.3));
    expect((await s.broker.accountSummary()).initialMargin).toBe(0);
  });

  it('requires only the wider side of an iron condor', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(
      order([sell(s.put95), buy(s.put90), sell(s.call100), buy(s.call105)], 2.0, { priceEffect: 'credit' }),
    );
    expect((await s.broker.accountSummary()).initialMargin).toBeCloseTo(500, 6);
  });

  it('requires the strike in cash for a short put in a cash account, and refuses naked calls there', async () => {
    s = await paperSetup({ accountType: 'cash' });
    await s.broker.placeOrder(order(sell(s.put95), 1.5));
    expect((await s.broker.accountSummary()).initialMargin).toBeCloseTo(9_500, 6);
    const error = await refusal(s.broker.placeOrder(order(sell(s.call105), 0.8)));
    expect(error.reason).toBe('REJECTED');
    expect(error.message).toMatch(/uncovered short calls/);
  });

  it('treats stock as covering a short call: only the stock is margined', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(XYZ), 100.01, { quantity: 100 }));
    await s.broker.placeOrder(order(sell(s.call105), 0.8));
    // 50 % of 100 shares at the mid 100
    expect((await s.broker.accountSummary()).initialMargin).toBeCloseTo(5_000, 6);
  });

  it('previews an order: margin change, commission, buying power after', async () => {
    s = await paperSetup();
    const preview = await s.broker.previewOrder(order(sell(s.put95), 1.5));
    expect(preview).toMatchObject({ commission: 1, source: 'model' });
    expect(preview.initialMarginChange).toBeCloseTo(1_655, 6);
    expect(preview.buyingPowerAfter).toBeCloseTo(100_149 - 1_655, 6);
    expect(await s.broker.openOrders()).toHaveLength(0);
  });
});

describe('paper broker refusals', () => {
  it('refuses an order the buying power cannot carry, says by how much, and remembers it', async () => {
    s = await paperSetup({ startingCash: 1_000 });
    const intent = order(buy(s.call100), 2.1, { quantity: 10 });
    const error = await refusal(s.broker.placeOrder(intent));
    expect(error.reason).toBe('INSUFFICIENT_BUYING_POWER');
    expect(error.message).toMatch(/needs \$2106\.50 of buying power, \$1000\.00 is available/);
    expect((await s.broker.orderByClientId(intent.clientOrderId))?.status).toBe('rejected');
    expect((await refusal(s.broker.placeOrder(intent))).reason).toBe('INSUFFICIENT_BUYING_POWER');
  });

  it('reserves buying power for working orders', async () => {
    s = await paperSetup({ startingCash: 1_000 });
    await s.broker.placeOrder(order(buy(s.call100), 1.5, { quantity: 6 }));
    expect((await refusal(s.broker.placeOrder(order(buy(s.call105), 0.5, { quantity: 2 })))).reason).toBe(
      'INSUFFICIENT_BUYING_POWER',
    );
  });

  it('lets an order that frees buying power through when the account is short of it', async () => {
    s = await paperSetup({ startingCash: 2_000 });
    await s.broker.placeOrder(order(sell(s.put95), 1.5));
    s.market.setStock('XYZ', { bid: 79.99, ask: 80.01 });
    s.market.setOption('XYZ', '2026-04-17', 95, 'put', { bid: 15, ask: 15.2 });
    expect((await s.broker.accountSummary()).buyingPower).toBeLessThan(0);
    expect((await refusal(s.broker.placeOrder(order(buy(s.call105), 0.9)))).reason).toBe(
      'INSUFFICIENT_BUYING_POWER',
    );
    expect((await s.broker.placeOrder(order(buy(s.put95), 15.2))).status).toBe('filled');
  });

  it('refuses an unknown contract, an unlisted strike or expiry, with UNKNOWN_CONTRACT', async () => {
    s = await paperSetup();
    const unlisted = { ...s.call100, strike: 101 };
    const otherExpiry = { ...s.call100, expiry: '2026-05-15' };
    const otherSymbol = { ...s.call100, symbol: 'QQQQ' };
    for (const contract of [unlisted, otherExpiry, otherSymbol]) {
      expect((await refusal(s.broker.placeOrder(order(buy(contract), 1)))).reason).toBe('UNKNOWN_CONTRACT');
    }
  });

  it('refuses a price off the tick grid with OFF_TICK, naming the tick', async () => {
    s = await paperSetup();
    const error = await refusal(s.broker.placeOrder(order(buy(s.call100), 3.12)));
    expect(error.reason).toBe('OFF_TICK');
    expect(error.message).toMatch(/3\.12.*\$0\.05/);
    expect((await refusal(s.broker.placeOrder(order(buy(s.call100), 2.105)))).reason).toBe('OFF_TICK');
    expect((await refusal(s.broker.placeOrder(order([buy(s.call100), sell(s.call105)], 1.305)))).reason).toBe(
      'OFF_TICK',
    );
  });

  it('refuses a quantity of zero, below zero or fractional, and malformed orders, with INVALID_ORDER', async () => {
    s = await paperSetup();
    for (const quantity of [0, -2, 1.5]) {
      expect((await refusal(s.broker.placeOrder(order(buy(s.call100), 2.1, { quantity })))).reason).toBe(
        'INVALID_ORDER',
      );
    }
    const cases = [
      order(buy(s.call100), null, { orderType: 'market' }),
      order(buy(s.call100), 2.1, { priceEffect: 'credit' }),
      order(buy(s.call100), 0),
      order([buy(s.call100), buy(s.call100)], 1),
      order([buy(s.call100), sell({ ...s.call105, symbol: 'ABC' })], 1),
      order([buy(s.call100), sell(XYZ, 100)], 1),
      order(buy(s.call100, 2), 2.1),
    ];
    for (const intent of cases)
      expect((await refusal(s.broker.placeOrder(intent))).reason).toBe('INVALID_ORDER');
  });

  it('gives the first order back for the same id and refuses the id for a different order', async () => {
    s = await paperSetup();
    const intent = order(buy(s.call100), 1.5);
    const first = await s.broker.placeOrder(intent);
    const again = await s.broker.placeOrder({ ...intent, rationale: 'retried after a crash' });
    expect(again.brokerOrderId).toBe(first.brokerOrderId);
    expect(await s.broker.openOrders()).toHaveLength(1);
    expect((await refusal(s.broker.placeOrder({ ...intent, limitPrice: 1.55 }))).reason).toBe(
      'CLIENT_ID_IN_USE',
    );
  });

  it('refuses to cancel an unknown or finished order', async () => {
    s = await paperSetup();
    const filled = await s.broker.placeOrder(order(buy(s.call100), 2.1));
    expect((await refusal(s.broker.cancelOrder(filled.clientOrderId))).reason).toBe('ORDER_FINISHED');
    expect((await refusal(s.broker.cancelOrder(order(buy(s.call100), 1).clientOrderId))).reason).toBe(
      'UNKNOWN_ORDER',
    );
  });
});
