import { describe, expect, it } from 'vitest';
import * as quant from './index.js';

describe('quant public face', () => {
  it('exports the stable names the rest of swarmdesk imports', () => {
    for (const name of [
      'blackScholesPrice',
      'blackScholesIv',
      'calculateGreeks',
      'kellyCriterion',
      'fractionalKelly',
      'kellyContracts',
      'black76Price',
      'black76Iv',
      'ivRank',
      'ivPercentile',
      'probabilityBeyond',
      'probabilityBeyondBreakeven',
      'priceChain',
      'impliedVolChain',
      'greeksChain',
      'toTraderGreeks',
      'vegaPerVolPoint',
      'thetaPerCalendarDay',
      'rhoPerRatePoint',
    ] as const) {
      expect(typeof quant[name], name).toBe('function');
    }
    expect(new quant.IvError('IV_PRICE_ABOVE_MAXIMUM', 'x')).toBeInstanceOf(RangeError);
    expect(new quant.QuantInputError('QUANT_OUT_OF_RANGE', 'x')).toBeInstanceOf(RangeError);
  });

  it('round-trips a Black-76 quote through the face', () => {
    const o = { forward: 100, strike: 95, timeYears: 0.25, rate: 0.03, right: 'put' as const };
    const price = quant.black76Price({ ...o, volatility: 0.3 });
    expect(quant.black76Iv({ ...o, price })).toBeCloseTo(0.3, 14);
  });
});
