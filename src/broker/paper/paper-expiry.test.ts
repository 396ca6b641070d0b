import { afterEach, describe, expect, it } from 'vitest';
import { buy, order, paperSetup, sell, XYZ, type PaperSetup } from './test-support/paper-setup.js';

let s: PaperSetup;
afterEach(async () => s.cleanup());

/** Friday 2026-03-13, 17:00 New York: the weeklies have expired. */
const AFTER_EXPIRY = Date.parse('2026-03-13T21:00:00Z');

async function expireWeeklies(close: number): Promise<void> {
  s.market.setClose('XYZ', '2026-03-13', close);
  s.clock.setTime(AFTER_EXPIRY);
  await s.broker.sync();
}

describe('paper broker at expiry', () => {
  it('exercises a long ITM call into 100 shares at the strike, the premium in the basis', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.weeklyCall), 1.1));
    await expireWeeklies(105);
    const positions = await s.broker.positions();
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ contract: XYZ, quantity: 100, averagePrice: 101.1 });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 110 - 1 - 10_000, 6);
  });

  it('assigns a short ITM put: 100 shares bought at the strike, basis less the premium', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.weeklyPut), 0.4));
    await expireWeeklies(90);
    expect(await s.broker.positions()).toEqual([
      { contract: XYZ, quantity: 100, averagePrice: 94.6, realizedPnl: 0 },
    ]);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 + 40 - 1 - 9_500, 6);
  });

  it('assigns a short ITM call into short stock at the strike', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.weeklyCall), 1.0));
    await expireWeeklies(104);
    expect((await s.broker.positions())[0]).toMatchObject({
      contract: XYZ,
      quantity: -100,
      averagePrice: 101,
    });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 + 100 - 1 + 10_000, 6);
  });

  it('delivers the stock of a covered call when it is assigned, realising the stock P&L', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(XYZ), 100.01, { quantity: 100 }));
    await s.broker.placeOrder(order(sell(s.weeklyCall), 1.0));
    await expireWeeklies(104);
    expect(await s.broker.positions()).toHaveLength(0);
    const summary = await s.broker.accountSummary();
    expect(summary.cash).toBeCloseTo(100_000 - 10_001 - 1 + 100 - 1 + 10_000, 6);
  });

  it('lets OTM options expire worthless, realising the premium', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(s.weeklyCall), 1.1));
    await s.broker.placeOrder(order(sell(s.weeklyPut), 0.4));
    await expireWeeklies(98);
    expect(await s.broker.positions()).toHaveLength(0);
    const summary = await s.broker.accountSummary();
    expect(summary.cash).toBeCloseTo(100_000 - 110 - 1 + 40 - 1, 6);
  });

  it('closes ITM options at intrinsic value when configured to', async () => {
    s = await paperSetup({ expiryHandling: 'close_at_intrinsic' });
    await s.broker.placeOrder(order(buy(s.weeklyCall), 1.1));
    await expireWeeklies(105);
    expect(await s.broker.positions()).toHaveLength(0);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 111 + 500, 6);
  });

  it('expires working orders on an expired contract', async () => {
    s = await paperSetup();
    const resting = await s.broker.placeOrder(order(buy(s.weeklyCall), 0.5));
    await expireWeeklies(100);
    expect(await s.broker.orderByClientId(resting.clientOrderId)).toMatchObject({ status: 'expired' });
  });
});

describe('paper broker around an ex-dividend date', () => {
  /** Wednesday 2026-03-11 10:00 New York, then Thursday 2026-03-12 (the ex-date) 10:00. */
  const THE_DAY_BEFORE = Date.parse('2026-03-11T14:00:00Z');
  const EX_DATE = Date.parse('2026-03-12T14:00:00Z');

  function deepInTheMoney(callBid: number, callAsk: number): void {
    s.market.setDividends('XYZ', [{ exDate: '2026-03-12', amount: 1 }]);
    s.clock.setTime(THE_DAY_BEFORE);
    s.market.setStock('XYZ', { bid: 109.99, ask: 110.01 });
    s.market.setOption('XYZ', '2026-04-17', 100, 'call', { bid: callBid, ask: callAsk });
  }

  it('assigns a short ITM call early when its extrinsic value is below the dividend; short stock pays it', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.call100), 2.0));
    deepInTheMoney(10.2, 10.4);
    s.clock.setTime(EX_DATE);
    const positions = await s.broker.positions();
    expect(positions).toEqual([{ contract: XYZ, quantity: -100, averagePrice: 102, realizedPnl: -100 }]);
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 + 200 - 1 + 10_000 - 100, 6);
  });

  it('leaves a short call alone when its extrinsic value covers the dividend', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(sell(s.call100), 2.0));
    deepInTheMoney(11.4, 11.6);
    s.clock.setTime(EX_DATE);
    expect((await s.broker.positions())[0]).toMatchObject({ contract: s.call100, quantity: -1 });
  });

  it('pays the dividend to long stock held into the ex-date', async () => {
    s = await paperSetup();
    await s.broker.placeOrder(order(buy(XYZ), 100.01, { quantity: 100 }));
    s.market.setDividends('XYZ', [{ exDate: '2026-03-12', amount: 1 }]);
    s.clock.setTime(EX_DATE);
    expect((await s.broker.positions())[0]).toMatchObject({ quantity: 100, realizedPnl: 100 });
    expect((await s.broker.accountSummary()).cash).toBeCloseTo(100_000 - 10_001 - 1 + 100, 6);
  });
});
