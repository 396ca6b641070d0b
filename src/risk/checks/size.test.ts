import { describe, expect, it } from 'vitest';
import { stock } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import {
  account,
  context,
  intent,
  limits,
  optLeg,
  position,
  putCreditSpread,
  workingOrder,
} from '../test-support/fixtures.js';
import { checkSizeConcentration } from './size-concentration.js';
import { checkSizeContracts } from './size-contracts.js';
import { checkSizeOpenOrders } from './size-open-orders.js';
import { checkSizePositionContract } from './size-position-contract.js';
import { checkSizePositionUnderlying } from './size-position-underlying.js';
import { checkSizePremium } from './size-premium.js';

const put95 = optLeg('sell', 95, 'put');
const ironCondor = (quantity: number) =>
  intent(
    [
      optLeg('sell', 95, 'put'),
      optLeg('buy', 90, 'put'),
      optLeg('sell', 105, 'call'),
      optLeg('buy', 110, 'call'),
    ],
    {
      quantity,
    },
  );

describe('size-contracts', () => {
  it('counts contracts across legs: 10 passes, 12 is refused', () => {
    expect(checkSizeContracts(putCreditSpread({ quantity: 5 }), context())).toBeNull();
    const r = checkSizeContracts(putCreditSpread({ quantity: 6 }), context());
    expect(r?.code).toBe('SIZE_CONTRACTS_PER_ORDER');
    expect(r?.message).toBe('12 contracts across the legs; risk.maxContractsPerOrder is 10');
    expect(checkSizeContracts(ironCondor(2), context())).toBeNull();
    expect(checkSizeContracts(ironCondor(3), context())?.code).toBe('SIZE_CONTRACTS_PER_ORDER');
  });
});

describe('size-premium', () => {
  it('holds |limit| × multiplier × quantity to the cap, at the edge and a cent over', () => {
    const i = putCreditSpread({ quantity: 3, limitPrice: 1.25 });
    expect(analyze(i, context()).premium).toBeCloseTo(375, 9);
    expect(checkSizePremium(i, context({ limits: limits({ maxPremiumPerOrder: 375 }) }))).toBeNull();
    const r = checkSizePremium(i, context({ limits: limits({ maxPremiumPerOrder: 374.99 }) }));
    expect(r?.code).toBe('SIZE_PREMIUM_PER_ORDER');
    expect(r?.message).toBe('premium $375.00; risk.maxPremiumPerOrder is $374.99');
  });

  it('counts stock notional as premium', () => {
    const buy = {
      ...putCreditSpread({ limitPrice: 100, priceEffect: 'debit' }),
      legs: [{ contract: stock('NVDA'), side: 'buy' as const, ratio: 1 }],
      quantity: 60,
    };
    expect(checkSizePremium(buy, context())?.message).toMatch(/\$6,000.00/);
  });
});

describe('size-open-orders', () => {
  it('counts this order with the working ones', () => {
    const ctx = (n: number) =>
      context({
        limits: limits({ maxOpenOrders: 2 }),
        openOrders: Array.from({ length: n }, () =>
          workingOrder(intent([optLeg('buy', 80, 'put')], { limitPrice: 0.5 })),
        ),
      });
    expect(checkSizeOpenOrders(putCreditSpread(), ctx(1))).toBeNull();
    expect(checkSizeOpenOrders(putCreditSpread(), ctx(2))?.code).toBe('SIZE_OPEN_ORDERS');
    expect(checkSizeOpenOrders(putCreditSpread(), context({ openOrders: null }))?.code).toBe(
      'ACCOUNT_DATA_MISSING',
    );
  });
});

describe('size-position-contract', () => {
  const sell95 = intent([put95], { limitPrice: 2 });

  it('passes up to the limit and refuses one more', () => {
    expect(checkSizePositionContract(sell95, context({ positions: [position(put95, -19, 2)] }))).toBeNull();
    const r = checkSizePositionContract(sell95, context({ positions: [position(put95, -20, 2)] }));
    expect(r?.code).toBe('SIZE_POSITION_PER_CONTRACT');
    expect(r?.message).toMatch(/-21 contracts after the order \(held -20/);
  });

  it('counts working orders the same way', () => {
    const ctx = context({
      positions: [position(put95, -19, 2)],
      openOrders: [workingOrder(intent([put95], { limitPrice: 2 }))],
    });
    expect(checkSizePositionContract(sell95, ctx)?.code).toBe('SIZE_POSITION_PER_CONTRACT');
  });

  it('lets an order shrink a position that is over the limit', () => {
    const ctx = context({ positions: [position(put95, -25, 2)] });
    expect(
      checkSizePositionContract(intent([optLeg('buy', 95, 'put')], { limitPrice: 2.2 }), ctx),
    ).toBeNull();
  });
});

describe('size-position-underlying', () => {
  it('holds Σ |contracts| on the underlying to the limit unless the order shrinks it', () => {
    const held = [position(optLeg('buy', 80, 'put'), 48, 0.5)];
    const ctx = context({ positions: held });
    expect(checkSizePositionUnderlying(putCreditSpread(), ctx)).toBeNull(); // 50
    const over = context({ positions: [position(optLeg('buy', 80, 'put'), 49, 0.5)] });
    const r = checkSizePositionUnderlying(putCreditSpread(), over);
    expect(r?.code).toBe('SIZE_POSITION_PER_UNDERLYING');
    expect(r?.message).toMatch(/51 contracts after the order \(before 49\)/);
    const closing = intent([optLeg('sell', 80, 'put')], { limitPrice: 0.5 });
    expect(
      checkSizePositionUnderlying(
        closing,
        context({ positions: [position(optLeg('buy', 80, 'put'), 60, 0.5)] }),
      ),
    ).toBeNull();
  });
});

describe('size-concentration', () => {
  it('holds the underlying max loss to a share of net liquidation', () => {
    const i = putCreditSpread();
    const loss = analyze(i, context()).standalone;
    expect(loss.bounded).toBe(true);
    const value = loss.bounded ? loss.value : 0;
    const atEdge = context({ account: account({ netLiquidation: value / 0.3 }) });
    expect(checkSizeConcentration(i, atEdge)).toBeNull();
    const under = context({ account: account({ netLiquidation: value / 0.3 - 1 }) });
    expect(checkSizeConcentration(i, under)?.code).toBe('SIZE_CONCENTRATION');
    expect(checkSizeConcentration(i, context({ account: null }))?.code).toBe('ACCOUNT_DATA_MISSING');
    expect(checkSizeConcentration(i, context({ account: account({ netLiquidation: 0 }) }))?.code).toBe(
      'SIZE_CONCENTRATION',
    );
  });
});
