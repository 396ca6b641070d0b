import { afterEach, describe, expect, it } from 'vitest';
import { capitalAtRisk } from './analysis/capital-at-risk.js';
import { placeOrderWithGuard } from './place-order-with-guard.js';
import { EXP1, intent, limits, optLeg, position, workingOrder } from './test-support/fixtures.js';
import { debitSpreadAtMid, simGate, type SimGate } from './test-support/gate-setup.js';

const open: SimGate[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

describe('capital at risk is capped by default', () => {
  it('is capped at $5,000 out of the box: five days of the daily loss limit, half the drawdown allowance', () => {
    const l = limits();
    expect(l.maxLossTotal).toBe(5_000);
    expect(l.maxLossTotal).toBe(5 * l.maxDailyLoss);
    expect(l.maxLossTotal).toBeLessThanOrEqual(l.maxDrawdown * 100_000);
  });

  it('refuses the debit spreads past the default total with RISK_MAX_LOSS_TOTAL and journals each refusal', async () => {
    const g = await simGate();
    open.push(g);
    const spreads = [
      { symbol: 'NVDA', right: 'call' as const, offset: 0 },
      { symbol: 'AMD', right: 'put' as const, offset: 0 },
      { symbol: 'NVDA', right: 'put' as const, offset: 2 },
      { symbol: 'AMD', right: 'call' as const, offset: 2 },
      { symbol: 'NVDA', right: 'call' as const, offset: 6 },
    ];
    const results = [];
    for (const [i, s] of spreads.entries()) {
      const order = await debitSpreadAtMid(g.market, { ...s, width: 4, maxLoss: 1_950, id: `debit-${i}` });
      results.push({ order, result: await placeOrderWithGuard(order, g.deps) });
    }
    expect(results).toHaveLength(5);
    const maxLoss = results.map(({ result }) => result.metrics?.maxLoss ?? NaN);
    // Like the report: about $9,000 of max loss in five orders that each keep the per-trade limit.
    expect(maxLoss.reduce((s, x) => s + x, 0)).toBeGreaterThan(7_500);
    expect(Math.max(...maxLoss)).toBeLessThanOrEqual(2_000);

    const accepted = results.filter(({ result }) => result.accepted);
    const refused = results.filter(({ result }) => !result.accepted);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const { result } of accepted) expect(result.metrics!.totalMaxLossAfter).toBeLessThanOrEqual(5_000);
    for (const { order, result } of refused) {
      expect(result.accepted ? [] : result.codes).toEqual(['RISK_MAX_LOSS_TOTAL']);
      expect(result.metrics!.totalMaxLossAfter).toBeGreaterThan(5_000);
      const events = g.journal.querySafetyEvents({ clientOrderId: order.clientOrderId });
      expect(events.map((e) => e.code)).toEqual(['RISK_MAX_LOSS_TOTAL']);
      expect(events[0]!.message).toMatch(
        /^total max loss after the order \$[\d,.]+ \(before \$[\d,.]+\); risk\.maxLossTotal is \$5,000\.00$/,
      );
    }

    const book = capitalAtRisk({
      positions: await g.broker.positions(),
      openOrders: await g.broker.openOrders(),
      limits: g.deps.config.risk,
    });
    expect(book.limit).toBe(5_000);
    expect(book.used).toBeGreaterThan(3_000);
    expect(book.used).toBeLessThanOrEqual(5_000);
  });
});

describe('capitalAtRisk', () => {
  const spread = [position(optLeg('sell', 95, 'put'), -2, 1.5), position(optLeg('buy', 90, 'put'), 2, 0.5)];

  it('is 0 of the limit for an empty book', () => {
    expect(capitalAtRisk({ positions: [], openOrders: [], limits: limits() })).toEqual({
      used: 0,
      limit: 5_000,
      byUnderlying: [],
      unbounded: [],
    });
  });

  it('sums each underlying at its worst fill of the working orders', () => {
    const amdDebit = intent(
      [optLeg('buy', 100, 'call', EXP1, 1, 'AMD'), optLeg('sell', 105, 'call', EXP1, 1, 'AMD')],
      { limitPrice: 2, priceEffect: 'debit' },
    );
    const closeSpread = intent([optLeg('buy', 95, 'put'), optLeg('sell', 90, 'put')], {
      quantity: 2,
      limitPrice: 3,
      priceEffect: 'debit',
    });
    const r = capitalAtRisk({
      positions: spread,
      openOrders: [workingOrder(amdDebit), workingOrder(closeSpread)],
      limits: limits({ maxLossTotal: 4_321 }),
    });
    // NVDA: 2 × (5 − 1) × 100 = 800 held; buying it back for 3 loses 600 at most, so 800 stays the worst.
    // AMD: the debit of 200 if it fills.
    expect(r.byUnderlying).toEqual([
      { symbol: 'AMD', used: 200 },
      { symbol: 'NVDA', used: 800 },
    ]);
    expect(r.used).toBe(1_000);
    expect(r.limit).toBe(4_321);
    expect(r.unbounded).toEqual([]);
  });

  it('is unbounded, naming the underlying, when a working order could leave short calls uncovered', () => {
    const sellCall = intent([optLeg('sell', 105, 'call')], { limitPrice: 1, priceEffect: 'credit' });
    const r = capitalAtRisk({ positions: spread, openOrders: [workingOrder(sellCall)], limits: limits() });
    expect(r.used).toBe(Infinity);
    expect(r.unbounded).toEqual(['NVDA']);
  });
});
