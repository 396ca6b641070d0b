import { describe, expect, it } from 'vitest';
import { yearsToExpiry } from '../../domain/index.js';
import { calculateGreeks, toTraderGreeks } from '../../quant/index.js';
import { evaluateGate } from '../evaluate-gate.js';
import { EXP1, T0, context, intent, limits, optLeg, position, withRow } from '../test-support/fixtures.js';
import { checkGreeksDelta } from './greeks-delta.js';
import { checkGreeksGamma } from './greeks-gamma.js';
import { checkGreeksTheta } from './greeks-theta.js';
import { checkGreeksVega } from './greeks-vega.js';

const call100 = optLeg('buy', 100, 'call');
const buyCall = intent([call100]);

/** Our quant, by hand, for one long 100 call: the figures the gate must reproduce (× 100 shares). */
function expected() {
  const g = toTraderGreeks(
    calculateGreeks({
      spot: 100,
      strike: 100,
      timeYears: yearsToExpiry(EXP1, T0),
      rate: 0.04,
      dividendYield: 0,
      volatility: 0.4,
      right: 'call',
    }),
  );
  return {
    delta: g.delta * 100,
    gamma: g.gamma * 100,
    vega: g.vegaPerVolPoint * 100,
    theta: g.thetaPerCalendarDay * 100,
  };
}

describe('portfolio greeks after the order', () => {
  it('computes net greeks with our quant in shares, shares per $1, $ per vol point and $ per day', () => {
    const m = evaluateGate(buyCall, context()).metrics;
    const e = expected();
    expect(m.greeksAfter!.delta).toBeCloseTo(e.delta, 6);
    expect(m.greeksAfter!.gamma).toBeCloseTo(e.gamma, 6);
    expect(m.greeksAfter!.vega).toBeCloseTo(e.vega, 6);
    expect(m.greeksAfter!.theta).toBeCloseTo(e.theta, 6);
    expect(m.greeksBefore).toEqual({ delta: 0, gamma: 0, vega: 0, theta: 0 });
  });

  it('passes each greek at its bound and refuses it just under', () => {
    const e = expected();
    const cases = [
      ['delta', checkGreeksDelta, 'maxNetDelta', 'GREEKS_DELTA'],
      ['gamma', checkGreeksGamma, 'maxNetGamma', 'GREEKS_GAMMA'],
      ['vega', checkGreeksVega, 'maxNetVega', 'GREEKS_VEGA'],
      ['theta', checkGreeksTheta, 'maxNetTheta', 'GREEKS_THETA'],
    ] as const;
    for (const [name, check, limit, code] of cases) {
      const bound = Math.abs(e[name]);
      expect(check(buyCall, context({ limits: limits({ [limit]: bound * (1 + 1e-9) }) })), name).toBeNull();
      expect(check(buyCall, context({ limits: limits({ [limit]: bound * 0.999 }) }))?.code, name).toBe(code);
    }
  });

  it('adds held positions and lets an order that brings a greek toward zero through', () => {
    const ctx = context({ limits: limits({ maxNetDelta: 30 }), positions: [position(call100, 2, 5)] });
    const r = checkGreeksDelta(buyCall, ctx);
    expect(r?.message).toMatch(/net delta after the order 1\d\d\.\d+ shares/);
    expect(checkGreeksDelta(intent([optLeg('sell', 100, 'call')]), ctx)).toBeNull();
  });

  it('refuses when the greeks cannot be computed', () => {
    const noIv = withRow(context(), call100, { iv: null, quote: { bid: null } });
    expect(checkGreeksDelta(buyCall, noIv)?.code).toBe('GREEKS_UNAVAILABLE');
    const strayPosition = context({ positions: [position(optLeg('buy', 101, 'call'), 1, 1)] });
    expect(checkGreeksVega(buyCall, strayPosition)?.message).toMatch(
      /NVDA 2026-04-17 101 C is not in the current chain/,
    );
    expect(checkGreeksTheta(buyCall, context({ marketTime: null }))?.code).toBe('GREEKS_UNAVAILABLE');
  });

  it('implies the vol from the mid when a row has no IV', () => {
    const ctx = withRow(context(), call100, { iv: null });
    expect(evaluateGate(buyCall, ctx).metrics.greeksAfter!.delta).toBeCloseTo(expected().delta, 0);
  });
});
