import { describe, expect, it } from 'vitest';
import { stock } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import {
  EXP2,
  account,
  context,
  intent,
  limits,
  optLeg,
  position,
  putCreditSpread,
  workingOrder,
} from '../test-support/fixtures.js';
import { checkRiskMaxLossTotal } from './risk-max-loss-total.js';
import { checkRiskMaxLossTrade } from './risk-max-loss-trade.js';
import { checkRiskNakedCall } from './risk-naked-call.js';
import { checkRiskNakedPut } from './risk-naked-put.js';

const sellCall = (strike = 105) => intent([optLeg('sell', strike, 'call')]);
const shares = (quantity: number) => ({
  contract: stock('NVDA'),
  quantity,
  averagePrice: 100,
  realizedPnl: 0,
});

describe('risk-naked-call', () => {
  it('refuses a naked short call', () => {
    const r = checkRiskNakedCall(sellCall(), context());
    expect(r?.code).toBe('RISK_NAKED_SHORT_CALL');
  });

  it('passes a call credit spread', () => {
    expect(
      checkRiskNakedCall(intent([optLeg('sell', 105, 'call'), optLeg('buy', 110, 'call')]), context()),
    ).toBeNull();
  });

  it('passes a short call covered by a held long call or held stock', () => {
    expect(
      checkRiskNakedCall(sellCall(), context({ positions: [position(optLeg('buy', 110, 'call'), 1, 1)] })),
    ).toBeNull();
    expect(checkRiskNakedCall(sellCall(), context({ positions: [shares(100)] }))).toBeNull();
  });

  it('passes selling a held long call to close it', () => {
    expect(
      checkRiskNakedCall(sellCall(110), context({ positions: [position(optLeg('buy', 110, 'call'), 1, 1)] })),
    ).toBeNull();
  });

  it('calls selling the stock under a covered call undefined risk', () => {
    const ctx = context({ positions: [shares(100), position(optLeg('sell', 110, 'call'), -1, 2)] });
    const sellStock = {
      ...sellCall(),
      legs: [{ contract: stock('NVDA'), side: 'sell' as const, ratio: 1 }],
      quantity: 100,
      limitPrice: 100,
    };
    expect(checkRiskNakedCall(sellStock, ctx)?.code).toBe('RISK_UNDEFINED');
  });

  it('does not count on cover that a working order may sell', () => {
    const cover = optLeg('buy', 110, 'call');
    const ctx = context({
      positions: [position(cover, 1, 1)],
      openOrders: [workingOrder(intent([optLeg('sell', 110, 'call')]))],
    });
    expect(checkRiskNakedCall(sellCall(), ctx)?.code).toBe('RISK_NAKED_SHORT_CALL');
  });
});

describe('risk-naked-put', () => {
  const sellPut = intent([optLeg('sell', 90, 'put')]);

  it('refuses an uncovered short put by default', () => {
    const r = checkRiskNakedPut(sellPut, context());
    expect(r?.code).toBe('RISK_NAKED_SHORT_PUT');
    expect(r?.message).toMatch(/allowNakedShortPuts is false/);
  });

  it('passes a put credit spread and refuses cover that expires first', () => {
    expect(checkRiskNakedPut(putCreditSpread(), context())).toBeNull();
    const early = intent([optLeg('sell', 90, 'put', EXP2), optLeg('buy', 85, 'put')]);
    expect(checkRiskNakedPut(early, context())?.code).toBe('RISK_NAKED_SHORT_PUT');
  });

  it('when allowed, passes a cash-secured put at the edge and refuses one a cent short', () => {
    const l = limits({ allowNakedShortPuts: true });
    expect(checkRiskNakedPut(sellPut, context({ limits: l, account: account({ cash: 9_000 }) }))).toBeNull();
    const r = checkRiskNakedPut(sellPut, context({ limits: l, account: account({ cash: 8_999.99 }) }));
    expect(r?.message).toMatch(/need \$9,000.00 of cash to be secured; cash is \$8,999.99/);
  });

  it('counts short puts already held against the cash', () => {
    const l = limits({ allowNakedShortPuts: true });
    const ctx = context({
      limits: l,
      account: account({ cash: 15_000 }),
      positions: [position(optLeg('sell', 80, 'put'), -1, 1)],
    });
    expect(checkRiskNakedPut(sellPut, ctx)?.code).toBe('RISK_NAKED_SHORT_PUT'); // 8,000 + 9,000 > 15,000
  });
});

describe('risk-max-loss-trade', () => {
  it('computes width × multiplier × quantity − credit from the legs', () => {
    const i = putCreditSpread({ quantity: 2, limitPrice: 1.3 });
    const risk = analyze(i, context()).risk();
    expect('increase' in risk && risk.increase).toBeCloseTo((5 - 1.3) * 100 * 2, 9);
  });

  it('passes at the limit and rejects a cent over', () => {
    const i = putCreditSpread({ quantity: 2, limitPrice: 1.3 });
    expect(checkRiskMaxLossTrade(i, context({ limits: limits({ maxLossPerTrade: 740 }) }))).toBeNull();
    const r = checkRiskMaxLossTrade(i, context({ limits: limits({ maxLossPerTrade: 739.99 }) }));
    expect(r?.code).toBe('RISK_MAX_LOSS_PER_TRADE');
    expect(r?.message).toBe('the order adds $740.00 of max loss; risk.maxLossPerTrade is $739.99');
  });

  it('counts only what the order adds to what is held', () => {
    const ctx = context({ positions: [position(optLeg('buy', 90, 'put'), 1, 1)] });
    const r = analyze(intent([optLeg('sell', 95, 'put')], { limitPrice: 2 }), ctx).risk();
    expect('increase' in r && r.increase).toBeCloseTo(500 - 200, 9);
  });

  it('refuses an unbounded order', () => {
    expect(checkRiskMaxLossTrade(sellCall(), context())?.message).toMatch(/unbounded/);
  });
});

describe('risk-max-loss-total', () => {
  const held = [position(optLeg('sell', 95, 'put'), -20, 1.5), position(optLeg('buy', 90, 'put'), 20, 0.5)]; // 8,000
  const cap = limits({ maxLossTotal: 10_000 });

  it('refuses an order that lifts the total over the cap', () => {
    const ctx = context({ positions: held, limits: cap });
    // 8,000 held + 5 × 400 = 10,000: at the cap; 6 × 400 goes over
    expect(checkRiskMaxLossTotal(putCreditSpread({ quantity: 5, limitPrice: 1 }), ctx)).toBeNull();
    const r = checkRiskMaxLossTotal(putCreditSpread({ quantity: 6, limitPrice: 1 }), ctx);
    expect(r?.code).toBe('RISK_MAX_LOSS_TOTAL');
    expect(r?.message).toBe(
      'total max loss after the order $10,400.00 (before $8,000.00); risk.maxLossTotal is $10,000.00',
    );
  });

  it('counts other underlyings and working orders', () => {
    const amd = [
      position(optLeg('sell', 95, 'put', undefined, 1, 'AMD'), -20, 1.5),
      position(optLeg('buy', 90, 'put', undefined, 1, 'AMD'), 20, 0.5),
    ];
    const ctx = context({
      positions: amd,
      openOrders: [workingOrder(putCreditSpread({ quantity: 3, limitPrice: 1 }))],
      limits: cap,
    });
    // 8,000 (AMD) + 1,200 (working) + 800 (this) = 10,000; one more unit is 10,400
    expect(checkRiskMaxLossTotal(putCreditSpread({ quantity: 2, limitPrice: 1 }), ctx)).toBeNull();
    expect(checkRiskMaxLossTotal(putCreditSpread({ quantity: 3, limitPrice: 1 }), ctx)?.message).toMatch(
      /\$10,400.00/,
    );
  });

  it('lets an order that lowers the total through', () => {
    const ctx = context({
      positions: [
        ...held,
        position(optLeg('sell', 85, 'put'), -10, 1),
        position(optLeg('buy', 80, 'put'), 10, 0.5),
      ],
    });
    const close = intent([optLeg('buy', 85, 'put'), optLeg('sell', 80, 'put')], { quantity: 5 });
    expect(checkRiskMaxLossTotal(close, ctx)).toBeNull();
  });
});
