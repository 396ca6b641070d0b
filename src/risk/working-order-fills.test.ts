import { describe, expect, it } from 'vitest';
import {
  option,
  signedNetPrice,
  type Leg,
  type OptionChain,
  type OrderIntent,
  type Side,
} from '../domain/index.js';
import { analyze } from './analysis/analyze.js';
import { combine, intentBook } from './analysis/book.js';
import { lossValue, maxLossOf } from './analysis/payoff.js';
import { checkGreeksDelta } from './checks/greeks-delta.js';
import { checkRiskMaxLossTotal } from './checks/risk-max-loss-total.js';
import { checkRiskNakedCall } from './checks/risk-naked-call.js';
import { checkRiskNakedPut } from './checks/risk-naked-put.js';
import { checkSizePositionUnderlying } from './checks/size-position-underlying.js';
import { evaluateGate } from './evaluate-gate.js';
import type { GateContext } from './gate-context.js';
import {
  EXP1,
  context,
  intent,
  limits,
  optLeg,
  position,
  putCreditSpread,
  slice,
  workingOrder,
} from './test-support/fixtures.js';

/** NVDA near 190, strikes 180 … 215: the chain of the reproduced bug. */
const market = slice({ spot: 190, strikes: [180, 185, 190, 195, 200, 205, 210, 215] });
const chain = market.chain!;
const call = (side: Side, strike: number): Leg => ({
  contract: option('NVDA', EXP1, strike, 'call'),
  side,
  ratio: 1,
});
const row = (c: OptionChain, strike: number) =>
  c.rows.find(
    (r) => r.contract.right === 'call' && r.contract.strike === strike && r.contract.expiry === EXP1,
  )!;
const ask = (strike: number) => row(chain, strike).quote.ask!;
const bid = (strike: number) => row(chain, strike).quote.bid!;

/** Long the 190 and 195 calls, as in the report. */
const held = [position(call('buy', 190), 1, 9), position(call('buy', 195), 1, 7)];
const sellAtAsk = (strike: number) =>
  workingOrder(intent([call('sell', strike)], { chain, limitPrice: ask(strike), priceEffect: 'credit' }));
const buyAtBid = (strike: number) =>
  workingOrder(intent([call('buy', strike)], { chain, limitPrice: bid(strike), priceEffect: 'debit' }));
const sell200 = () => intent([call('sell', 200)], { chain });
const on190 = (o: Partial<GateContext> = {}) => context({ markets: { NVDA: market }, positions: held, ...o });

describe('working orders: the gate judges their worst fill, not three scenarios', () => {
  it('refuses to sell a 200 call when sells of both covering calls rest and a buy of the 210 call rests', () => {
    const ctx = on190({ openOrders: [sellAtAsk(190), sellAtAsk(195), buyAtBid(210)] });
    // Both sells fill, the buy does not: −1 × 200C with nothing over it.
    const e = evaluateGate(sell200(), ctx);
    expect(e.accepted).toBe(false);
    expect(e.codes).toContain('RISK_NAKED_SHORT_CALL');
    expect(checkRiskNakedCall(sell200(), ctx)?.code).toBe('RISK_NAKED_SHORT_CALL');
  });

  it('refuses it as before when only the two sells rest, and passes the check with the calls held and nothing working', () => {
    expect(checkRiskNakedCall(sell200(), on190({ openOrders: [sellAtAsk(190), sellAtAsk(195)] }))?.code).toBe(
      'RISK_NAKED_SHORT_CALL',
    );
    expect(checkRiskNakedCall(sell200(), on190())).toBeNull();
  });

  it('counts a partly filled working order by what remains of it', () => {
    const partly = {
      ...sellAtAsk(190),
      intent: { ...sellAtAsk(190).intent, quantity: 2 },
      filledQuantity: 1,
    };
    // 1 of 2 left to sell: with the 195 sell also resting, the 200 call could end uncovered.
    expect(checkRiskNakedCall(sell200(), on190({ openOrders: [partly, sellAtAsk(195)] }))?.code).toBe(
      'RISK_NAKED_SHORT_CALL',
    );
  });

  it('refuses an uncovered short put that needs one sell of cover among several resting orders', () => {
    const put = (side: Side, strike: number) => optLeg(side, strike, 'put');
    const ctx = context({
      positions: [position(put('buy', 90), 1, 1), position(put('buy', 85), 1, 1)],
      openOrders: [
        workingOrder(intent([put('sell', 90)])),
        workingOrder(intent([put('sell', 85)])),
        workingOrder(intent([put('buy', 80)])),
      ],
    });
    expect(checkRiskNakedPut(intent([put('sell', 95)]), ctx)?.code).toBe('RISK_NAKED_SHORT_PUT');
  });

  it('finds the worst subset of resting orders that none of "none", "all" and "each alone" is', () => {
    const spread = (side: Side, lo: number, hi: number) =>
      intent([optLeg(side, lo, 'call'), optLeg(side === 'buy' ? 'sell' : 'buy', hi, 'call')]);
    const resting = [spread('buy', 100, 105), spread('buy', 105, 110), spread('sell', 100, 105)];
    const ctx = context({
      openOrders: resting.map((o) => workingOrder(o)),
      limits: limits({ maxLossTotal: 100_000 }),
    });
    const risk = analyze(putCreditSpread(), ctx).risk();
    if (!('underlyingBefore' in risk)) throw new Error(risk.missing);
    const lossOf = (orders: readonly OrderIntent[]) =>
      lossValue(maxLossOf(combine(...orders.map((o) => intentBook(o, o.quantity, signedNetPrice(o))))));
    const subsets = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => resting.filter((_, i) => mask & (1 << i)));
    const threeScenarios = Math.max(lossOf([]), lossOf(resting), ...resting.map((o) => lossOf([o])));
    const everySubset = Math.max(...subsets.map(lossOf));
    // The second debit spread and the sale of the first together lose both at 105.
    expect(everySubset).toBeGreaterThan(threeScenarios + 1);
    expect(risk.underlyingBefore).toBeCloseTo(everySubset, 6);
  });

  it('holds Σ |contracts| to its cap in the worst fill, not counting a roll as both legs at once', () => {
    const ctx = (max: number) =>
      context({
        positions: [position(optLeg('buy', 100, 'call'), 20, 1)],
        openOrders: [
          workingOrder(intent([optLeg('sell', 100, 'call'), optLeg('buy', 105, 'call')], { quantity: 20 })),
        ],
        limits: limits({ maxContractsPerUnderlying: max }),
      });
    const buyPuts = intent([optLeg('buy', 90, 'put')], { quantity: 2 });
    // Filled or not, the roll leaves 20 calls: 22 with the puts, never 42.
    expect(checkSizePositionUnderlying(buyPuts, ctx(22))).toBeNull();
    const r = checkSizePositionUnderlying(buyPuts, ctx(21));
    expect(r?.code).toBe('SIZE_POSITION_PER_UNDERLYING');
    expect(r?.message).toMatch(/^NVDA: 22 contracts after the order \(before 20\)/);
  });

  it('judges delta on the side where every resting order pushing it that way fills', () => {
    const buyCall = intent([optLeg('buy', 100, 'call')]);
    const one = evaluateGate(buyCall, context()).metrics.greeksAfter!.delta;
    const resting = [
      workingOrder(intent([optLeg('buy', 100, 'call')], { quantity: 3 })),
      workingOrder(intent([optLeg('buy', 100, 'call')], { quantity: 3 })),
      workingOrder(intent([optLeg('sell', 100, 'call'), optLeg('buy', 105, 'call')], { quantity: 5 })),
    ];
    const ctx = context({ openOrders: resting, limits: limits({ maxNetDelta: one * 6.5 }) });
    const g = analyze(buyCall, ctx).greeks();
    if (!('after' in g)) throw new Error(g.missing);
    // Both buys fill and the sale does not: 7 calls. "All fill" would be about 2 + 5 × 0.8 calls.
    expect(g.after.delta).toBeCloseTo(one * 7, 6);
    expect(checkGreeksDelta(buyCall, ctx)?.code).toBe('GREEKS_DELTA');
  });

  it('lets an order that lowers the worst fill through the total even when the book is over it', () => {
    const ctx = context({
      openOrders: [
        workingOrder(intent([optLeg('buy', 100, 'call'), optLeg('sell', 110, 'call')], { quantity: 10 })),
      ],
      limits: limits({ maxLossTotal: 1_000 }),
    });
    const closeHalf = intent([optLeg('sell', 100, 'call'), optLeg('buy', 110, 'call')], { quantity: 5 });
    const risk = analyze(closeHalf, ctx).risk();
    if (!('totalBefore' in risk)) throw new Error(risk.missing);
    expect(risk.totalAfter).toBeGreaterThan(1_000);
    expect(risk.totalAfter).toBeLessThan(risk.totalBefore);
    expect(checkRiskMaxLossTotal(closeHalf, ctx)).toBeNull();
  });
});
