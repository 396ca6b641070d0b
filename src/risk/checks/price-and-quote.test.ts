import { describe, expect, it } from 'vitest';
import { stock } from '../../domain/index.js';
import { evaluateGate } from '../evaluate-gate.js';
import {
  T0,
  context,
  intent,
  limits,
  optLeg,
  putCreditSpread,
  withRow,
  withUnderlying,
} from '../test-support/fixtures.js';
import { checkPriceCollar, collarAllowance } from './price-collar.js';
import { checkPriceMinimum } from './price-minimum.js';
import { checkPricePositive } from './price-positive.js';
import { checkPriceTick } from './price-tick.js';
import { checkQuoteCrossed } from './quote-crossed.js';
import { checkQuoteHalted } from './quote-halted.js';
import { checkQuotePresent } from './quote-present.js';
import { checkQuoteStale } from './quote-stale.js';

const put95 = optLeg('sell', 95, 'put');
const sellPut = (limitPrice: number) => intent([put95], { limitPrice, priceEffect: 'credit' });
const buyPut = (limitPrice: number) =>
  intent([optLeg('buy', 95, 'put')], { limitPrice, priceEffect: 'debit' });

describe('price-positive', () => {
  it('refuses a zero limit and passes a cent', () => {
    expect(checkPricePositive(sellPut(0), context())?.code).toBe('PRICE_NOT_POSITIVE');
    expect(checkPricePositive(sellPut(0.01), context())).toBeNull();
  });
});

describe('price-tick', () => {
  it('puts single penny-class options on $0.01 below $3 and $0.05 from $3', () => {
    expect(checkPriceTick(buyPut(2.99), context())).toBeNull();
    expect(checkPriceTick(buyPut(3.05), context())).toBeNull();
    const r = checkPriceTick(buyPut(3.02), context());
    expect(r?.code).toBe('PRICE_OFF_TICK');
    expect(r?.message).toMatch(/3.02 is not a multiple of the \$0.05 tick/);
  });

  it('puts other classes on $0.05 below $3', () => {
    const ctx = context({ limits: limits({ pennyTickUnderlyings: [] }) });
    expect(checkPriceTick(buyPut(2.99), ctx)?.code).toBe('PRICE_OFF_TICK');
    expect(checkPriceTick(buyPut(2.95), ctx)).toBeNull();
  });

  it('puts combos on $0.01 and stock on $0.01', () => {
    expect(checkPriceTick(putCreditSpread({ limitPrice: 1.23 }), context())).toBeNull();
    const s = { ...buyPut(100.005), legs: [{ contract: stock('NVDA'), side: 'buy' as const, ratio: 1 }] };
    expect(checkPriceTick(s, context())?.code).toBe('PRICE_OFF_TICK');
  });
});

describe('price-minimum', () => {
  it('refuses an option order under the minimum and passes one at it', () => {
    expect(checkPriceMinimum(buyPut(0.04), context())?.code).toBe('PRICE_BELOW_MINIMUM');
    expect(checkPriceMinimum(buyPut(0.05), context())).toBeNull();
  });
});

describe('quotes', () => {
  it('refuses a leg without a two-sided quote, and an underlying without a price', () => {
    expect(checkQuotePresent(sellPut(2), withRow(context(), put95, { quote: { bid: null } }))?.code).toBe(
      'QUOTE_MISSING',
    );
    expect(checkQuotePresent(sellPut(2), withRow(context(), put95, { quote: { ask: 0 } }))?.code).toBe(
      'QUOTE_MISSING',
    );
    expect(checkQuotePresent(sellPut(2), withUnderlying(context(), null))?.message).toMatch(/NVDA: no quote/);
    expect(checkQuotePresent(sellPut(2), context({ markets: {} }))?.code).toBe('QUOTE_MISSING');
    expect(checkQuotePresent(sellPut(2), context())).toBeNull();
  });

  it('refuses a halted underlying or leg', () => {
    expect(checkQuoteHalted(sellPut(2), withUnderlying(context(), { flags: ['halted'] }))?.code).toBe(
      'QUOTE_HALTED',
    );
    expect(checkQuoteHalted(sellPut(2), withRow(context(), put95, { flags: ['halted'] }))?.code).toBe(
      'QUOTE_HALTED',
    );
    expect(checkQuoteHalted(sellPut(2), context())).toBeNull();
  });

  it('refuses a crossed leg or underlying and passes a locked one', () => {
    expect(
      checkQuoteCrossed(sellPut(2), withRow(context(), put95, { quote: { bid: 2.3, ask: 2.2 } }))?.code,
    ).toBe('QUOTE_CROSSED');
    expect(checkQuoteCrossed(sellPut(2), withUnderlying(context(), { bid: 101, ask: 100 }))?.code).toBe(
      'QUOTE_CROSSED',
    );
    expect(
      checkQuoteCrossed(sellPut(2), withRow(context(), put95, { quote: { bid: 2.2, ask: 2.2 } })),
    ).toBeNull();
  });

  it('passes a quote exactly as old as the limit and refuses one a millisecond older', () => {
    const max = limits().maxQuoteAge;
    expect(checkQuoteStale(sellPut(2), withRow(context(), put95, { quote: { time: T0 - max } }))).toBeNull();
    const r = checkQuoteStale(sellPut(2), withRow(context(), put95, { quote: { time: T0 - max - 1 } }));
    expect(r?.code).toBe('QUOTE_STALE');
    expect(r?.message).toMatch(/risk.maxQuoteAge is 1m/);
  });

  it('refuses a stale underlying, a source-flagged stale quote, a quote from the future and an unknown market time', () => {
    const max = limits().maxQuoteAge;
    expect(checkQuoteStale(sellPut(2), withUnderlying(context(), { time: T0 - max - 1 }))?.code).toBe(
      'QUOTE_STALE',
    );
    expect(checkQuoteStale(sellPut(2), withRow(context(), put95, { flags: ['stale'] }))?.code).toBe(
      'QUOTE_STALE',
    );
    expect(
      checkQuoteStale(sellPut(2), withRow(context(), put95, { quote: { time: T0 + max + 1 } }))?.code,
    ).toBe('QUOTE_STALE');
    expect(checkQuoteStale(sellPut(2), context({ marketTime: null }))?.code).toBe('QUOTE_STALE');
  });
});

describe('price-collar', () => {
  it('computes the allowance as max(half spread, min(percent of mid, spreads))', () => {
    const l = { collarPercent: 0.1, collarSpreads: 1 };
    expect(collarAllowance(2.1, 0.2, l)).toBeCloseTo(0.2, 12); // spread bound
    expect(collarAllowance(5.3, 1.0, l)).toBeCloseTo(0.53, 12); // percent bound
    expect(collarAllowance(1.25, 0.5, l)).toBeCloseTo(0.25, 12); // never short of the natural price
  });

  it('passes a limit on the edge of the collar and rejects a limit outside the collar', () => {
    const ctx = withRow(context(), put95, { quote: { bid: 2.0, ask: 2.2 } }); // mid 2.10, allowance 0.20
    expect(checkPriceCollar(sellPut(1.9), ctx)).toBeNull();
    expect(checkPriceCollar(sellPut(2.3), ctx)).toBeNull();
    const r = checkPriceCollar(sellPut(1.89), ctx);
    expect(r?.code).toBe('PRICE_OUTSIDE_COLLAR');
    expect(r?.message).toMatch(/is 0.21 from the mid -2.1; the collar allows 0.2/);
    expect(checkPriceCollar(sellPut(2.31), ctx)?.code).toBe('PRICE_OUTSIDE_COLLAR');
  });

  it('binds on the percent of the mid when that is tighter than the spread', () => {
    const ctx = withRow(context(), put95, { quote: { bid: 4.8, ask: 5.8 } }); // mid 5.30, allowance 0.53
    expect(checkPriceCollar(buyPut(5.83), ctx)).toBeNull();
    expect(checkPriceCollar(buyPut(5.84), ctx)?.code).toBe('PRICE_OUTSIDE_COLLAR');
  });

  it('catches a debit paid for what the market pays as a credit', () => {
    const i = putCreditSpread();
    const flipped = { ...i, priceEffect: 'debit' as const };
    expect(checkPriceCollar(i, context())).toBeNull();
    expect(checkPriceCollar(flipped, context())?.code).toBe('PRICE_OUTSIDE_COLLAR');
  });

  it('refuses to collar without quotes', () => {
    expect(checkPriceCollar(sellPut(2), withRow(context(), put95, { quote: { bid: null } }))?.code).toBe(
      'PRICE_OUTSIDE_COLLAR',
    );
  });

  it('judges a market order at its natural price, inside the collar', () => {
    const ctx = context({ limits: limits({ allowedOrderTypes: ['limit', 'market'] }) });
    const market = putCreditSpread({ orderType: 'market' });
    const e = evaluateGate(market, ctx);
    expect(e.codes).toEqual([]);
    expect(e.metrics.price).toBeCloseTo(e.metrics.natural!, 12);
  });
});
