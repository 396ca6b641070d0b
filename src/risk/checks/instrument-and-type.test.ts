import { describe, expect, it } from 'vitest';
import { option, stock } from '../../domain/index.js';
import { context, intent, limits, optLeg, putCreditSpread, stockLeg } from '../test-support/fixtures.js';
import { checkInstrumentAllowlist } from './instrument-allowlist.js';
import { checkInstrumentExpiryWindow } from './instrument-expiry-window.js';
import { checkInstrumentInChain } from './instrument-in-chain.js';
import { checkInstrumentSecurityType } from './instrument-security-type.js';
import { checkOrderStructure } from './order-structure.js';
import { checkOrderType } from './order-type.js';
import { checkTimeInForce } from './time-in-force.js';

const at = (expiry: string) => ({
  ...putCreditSpread(),
  legs: [optLeg('sell', 95, 'put', expiry), optLeg('buy', 90, 'put', expiry)],
});

describe('order-structure', () => {
  it('passes a single-underlying option combo', () => {
    expect(checkOrderStructure(putCreditSpread(), context())).toBeNull();
  });

  it('refuses legs on two underlyings', () => {
    const i = {
      ...putCreditSpread(),
      legs: [optLeg('sell', 95, 'put'), optLeg('buy', 90, 'put', undefined, 1, 'AMD')],
    };
    expect(checkOrderStructure(i, context())?.code).toBe('ORDER_STRUCTURE_UNSUPPORTED');
  });

  it('refuses the same contract in two legs', () => {
    const i = { ...putCreditSpread(), legs: [optLeg('sell', 95, 'put'), optLeg('buy', 95, 'put')] };
    expect(checkOrderStructure(i, context())?.message).toMatch(/more than one leg/);
  });

  it('refuses a combo with a stock leg and one with mixed multipliers', () => {
    const withStock = { ...putCreditSpread(), legs: [stockLeg('buy'), optLeg('sell', 105, 'call')] };
    expect(checkOrderStructure(withStock, context())?.code).toBe('ORDER_STRUCTURE_UNSUPPORTED');
    const mini = { contract: option('NVDA', '2026-04-17', 90, 'put', 10), side: 'buy' as const, ratio: 1 };
    const mixed = { ...putCreditSpread(), legs: [optLeg('sell', 95, 'put'), mini] };
    expect(checkOrderStructure(mixed, context())?.message).toMatch(/multipliers/);
  });
});

describe('instrument', () => {
  it('refuses an underlying not on the allowlist', () => {
    const i = { ...putCreditSpread(), legs: [optLeg('sell', 95, 'put', undefined, 1, 'AAPL')] };
    const r = checkInstrumentAllowlist(i, context());
    expect(r?.code).toBe('INSTRUMENT_NOT_ALLOWED');
    expect(r?.message).toMatch(/AAPL not in risk.allowedUnderlyings/);
    expect(checkInstrumentAllowlist(putCreditSpread(), context())).toBeNull();
  });

  it('refuses stock unless stock is an allowed security type', () => {
    const i = { ...putCreditSpread(), legs: [{ contract: stock('NVDA'), side: 'buy' as const, ratio: 1 }] };
    expect(checkInstrumentSecurityType(i, context())?.code).toBe('INSTRUMENT_SECURITY_TYPE');
    const ctx = context({ limits: limits({ allowedSecurityTypes: ['option', 'stock'] }) });
    expect(checkInstrumentSecurityType(i, ctx)).toBeNull();
  });

  it('passes expiries at both edges of the days-to-expiry window', () => {
    // today (market time) is 2026-03-10: 1 day and 120 days out
    expect(checkInstrumentExpiryWindow(at('2026-03-11'), context())).toBeNull();
    expect(checkInstrumentExpiryWindow(at('2026-07-08'), context())).toBeNull();
  });

  it('refuses expiries just outside the days-to-expiry window', () => {
    const today = checkInstrumentExpiryWindow(at('2026-03-10'), context());
    expect(today?.code).toBe('INSTRUMENT_EXPIRY_WINDOW');
    expect(today?.message).toMatch(/expires in 0 day\(s\).*allowed 1 to 120/);
    expect(checkInstrumentExpiryWindow(at('2026-07-09'), context())?.message).toMatch(/121 day/);
    expect(checkInstrumentExpiryWindow(at('2026-03-09'), context())?.code).toBe('INSTRUMENT_EXPIRY_WINDOW');
  });

  it('refuses an impossible expiry date by name instead of counting NaN days', () => {
    for (const bad of ['2026-13-45', '2026-02-30']) {
      const r = checkInstrumentExpiryWindow(at(bad), context());
      expect(r?.code).toBe('INSTRUMENT_EXPIRY_WINDOW');
      expect(r?.message).toContain(`legs[0].contract.expiry: "${bad}" (NVDA) is not a calendar date`);
      expect(r?.message).not.toMatch(/NaN/);
    }
    expect(checkInstrumentExpiryWindow(at('2026-03-31'), context())).toBeNull();
  });

  it('refuses an option order when the market time is unknown', () => {
    expect(checkInstrumentExpiryWindow(putCreditSpread(), context({ marketTime: null }))?.code).toBe(
      'INSTRUMENT_EXPIRY_WINDOW',
    );
  });

  it('refuses a contract that is not in the current chain', () => {
    const i = intent([optLeg('sell', 95, 'put')], { limitPrice: 2 });
    const missingStrike = { ...i, legs: [optLeg('sell', 97, 'put')] };
    expect(checkInstrumentInChain(missingStrike, context())?.code).toBe('INSTRUMENT_UNKNOWN_CONTRACT');
    expect(checkInstrumentInChain(i, context({ markets: {} }))?.message).toMatch(/no option chain/);
    const mini = {
      ...i,
      legs: [{ contract: option('NVDA', '2026-04-17', 95, 'put', 10), side: 'sell' as const, ratio: 1 }],
    };
    expect(checkInstrumentInChain(mini, context())?.message).toMatch(/multiplier 10/);
    expect(checkInstrumentInChain(i, context())).toBeNull();
  });
});

describe('instrument-in-chain strikes', () => {
  it('refuses a strike that is not exactly a listed strike, naming the strike in full', () => {
    const listed = intent([optLeg('sell', 95, 'put')], { limitPrice: 2 });
    expect(checkInstrumentInChain(listed, context())).toBeNull();
    for (const strike of [95.0000000001, 94.9999999999]) {
      const r = checkInstrumentInChain({ ...listed, legs: [optLeg('sell', strike, 'put')] }, context());
      expect(r?.code).toBe('INSTRUMENT_UNKNOWN_CONTRACT');
      expect(r?.message).toContain(`strike ${String(strike)} is not listed; the chain lists 95`);
    }
  });
});

describe('order type and time in force', () => {
  it('refuses market orders and GTC by default and passes them when allowed', () => {
    const market = putCreditSpread({ orderType: 'market' });
    expect(checkOrderType(market, context())?.code).toBe('ORDER_TYPE_NOT_ALLOWED');
    expect(
      checkOrderType(market, context({ limits: limits({ allowedOrderTypes: ['limit', 'market'] }) })),
    ).toBeNull();
    const gtc = putCreditSpread({ timeInForce: 'gtc' });
    expect(checkTimeInForce(gtc, context())?.code).toBe('TIME_IN_FORCE_NOT_ALLOWED');
    expect(
      checkTimeInForce(gtc, context({ limits: limits({ allowedTimeInForce: ['day', 'gtc'] }) })),
    ).toBeNull();
    expect(checkOrderType(putCreditSpread(), context())).toBeNull();
    expect(checkTimeInForce(putCreditSpread(), context())).toBeNull();
  });
});
