import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../evaluate-gate.js';
import {
  context,
  optLeg,
  position,
  putCreditSpread,
  intent,
  workingOrder,
} from '../test-support/fixtures.js';
import { checkAccountData } from './account-data.js';
import { checkBreakerState } from './breaker-state.js';
import { checkModeAccountKind } from './mode-account-kind.js';
import { checkModeLiveSwitch } from './mode-live-switch.js';
import { checkModePortKind } from './mode-port-kind.js';

const shortPut = optLeg('sell', 95, 'put');
const closeShortPut = intent([optLeg('buy', 95, 'put')], { quantity: 1 });

describe('breaker-state', () => {
  it('lets everything through when ACTIVE', () => {
    expect(checkBreakerState(putCreditSpread(), context())).toBeNull();
  });

  it('refuses every order when HALTED, closing ones too', () => {
    const ctx = context({ breaker: 'HALTED', positions: [position(shortPut, -1, 2)] });
    expect(checkBreakerState(putCreditSpread(), ctx)?.code).toBe('BREAKER_HALTED');
    expect(checkBreakerState(closeShortPut, ctx)?.code).toBe('BREAKER_HALTED');
  });

  it('judges an unreadable breaker as HALTED', () => {
    expect(checkBreakerState(putCreditSpread(), context({ breaker: null }))?.code).toBe('BREAKER_HALTED');
  });

  it('refuses an opening order when REDUCING', () => {
    const r = checkBreakerState(putCreditSpread(), context({ breaker: 'REDUCING' }));
    expect(r?.code).toBe('BREAKER_REDUCING_ONLY');
    expect(r?.message).toMatch(/nothing held/);
  });

  it('lets a partial or full close through when REDUCING', () => {
    const ctx = context({ breaker: 'REDUCING', positions: [position(shortPut, -2, 2)] });
    expect(checkBreakerState(closeShortPut, ctx)).toBeNull();
    expect(checkBreakerState(intent([optLeg('buy', 95, 'put')], { quantity: 2 }), ctx)).toBeNull();
  });

  it('refuses a close that would flip the position when REDUCING', () => {
    const ctx = context({ breaker: 'REDUCING', positions: [position(shortPut, -1, 2)] });
    const r = checkBreakerState(intent([optLeg('buy', 95, 'put')], { quantity: 2 }), ctx);
    expect(r?.code).toBe('BREAKER_REDUCING_ONLY');
  });

  it('counts working closing orders against the position when REDUCING', () => {
    const ctx = context({
      breaker: 'REDUCING',
      positions: [position(shortPut, -1, 2)],
      openOrders: [workingOrder(intent([optLeg('buy', 95, 'put')], { quantity: 1 }))],
    });
    expect(checkBreakerState(closeShortPut, ctx)?.code).toBe('BREAKER_REDUCING_ONLY');
  });

  it('refuses when REDUCING and positions are unknown', () => {
    expect(checkBreakerState(closeShortPut, context({ breaker: 'REDUCING', positions: null }))?.code).toBe(
      'BREAKER_REDUCING_ONLY',
    );
  });

  it('refuses adding to a position when REDUCING', () => {
    const ctx = context({ breaker: 'REDUCING', positions: [position(shortPut, -1, 2)] });
    expect(checkBreakerState(intent([optLeg('sell', 95, 'put')]), ctx)?.code).toBe('BREAKER_REDUCING_ONLY');
  });
});

describe('mode guard', () => {
  const live = { configured: 'live', liveSwitch: true, accountKind: 'live', portKind: 'live' } as const;

  it('passes paper config against a paper account', () => {
    const ctx = context();
    expect(checkModeLiveSwitch(putCreditSpread(), ctx)).toBeNull();
    expect(checkModeAccountKind(putCreditSpread(), ctx)).toBeNull();
    expect(checkModePortKind(putCreditSpread(), ctx)).toBeNull();
  });

  it('passes live only with both switches and a live account and port', () => {
    const ctx = context({ mode: live });
    expect(evaluateGate(putCreditSpread(), ctx).codes).toEqual([]);
  });

  it('refuses live mode without the environment switch', () => {
    const ctx = context({ mode: { ...live, liveSwitch: false } });
    expect(checkModeLiveSwitch(putCreditSpread(), ctx)?.code).toBe('MODE_LIVE_NOT_ENABLED');
  });

  it('refuses a live config against a paper account, and a paper config against a live one', () => {
    expect(
      checkModeAccountKind(putCreditSpread(), context({ mode: { ...live, accountKind: 'paper' } }))?.code,
    ).toBe('MODE_ACCOUNT_MISMATCH');
    const paperToLive = context({
      mode: { configured: 'paper', liveSwitch: true, accountKind: 'live', portKind: null },
    });
    expect(checkModeAccountKind(putCreditSpread(), paperToLive)?.code).toBe('MODE_ACCOUNT_MISMATCH');
  });

  it('refuses a port that says otherwise than the mode', () => {
    const ctx = context({
      mode: { configured: 'paper', liveSwitch: false, accountKind: 'paper', portKind: 'live' },
    });
    expect(checkModePortKind(putCreditSpread(), ctx)?.code).toBe('MODE_ACCOUNT_MISMATCH');
    expect(
      checkModePortKind(putCreditSpread(), context({ mode: { ...live, portKind: 'paper' } }))?.code,
    ).toBe('MODE_ACCOUNT_MISMATCH');
  });

  it('refuses when the broker does not say what its account is', () => {
    const ctx = context({
      mode: { configured: 'paper', liveSwitch: false, accountKind: null, portKind: 'paper' },
    });
    expect(checkModeAccountKind(putCreditSpread(), ctx)?.code).toBe('MODE_ACCOUNT_UNKNOWN');
  });
});

describe('account-data', () => {
  it('refuses when any of account, positions, open orders or P&L is missing', () => {
    for (const missing of ['account', 'positions', 'openOrders', 'pnl'] as const) {
      const r = checkAccountData(putCreditSpread(), context({ [missing]: null }));
      expect(r?.code, missing).toBe('ACCOUNT_DATA_MISSING');
    }
    expect(checkAccountData(putCreditSpread(), context())).toBeNull();
  });
});
