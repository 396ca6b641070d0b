import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { evaluateGate } from '../evaluate-gate.js';
import {
  account,
  context,
  intent,
  limits,
  optLeg,
  position,
  putCreditSpread,
} from '../test-support/fixtures.js';
import { checkBuyingPower } from './buying-power.js';
import { checkLossConsecutive } from './loss-consecutive.js';
import { checkLossDaily } from './loss-daily.js';
import { checkLossDrawdown } from './loss-drawdown.js';

const spread = putCreditSpread({ limitPrice: 1 }); // adds $400 of max loss
const pnl = { netLiquidation: 100_000, dailyPnl: 0, highWaterMark: 100_000, consecutiveLosses: 0 };

describe('buying-power', () => {
  it('keeps the reserve after the order (our model): at the edge and a dollar short', () => {
    // reserve 20 % of 100,000 = 20,000; the order uses 400
    expect(checkBuyingPower(spread, context({ account: account({ buyingPower: 20_400 }) }))).toBeNull();
    const r = checkBuyingPower(spread, context({ account: account({ buyingPower: 20_399 }) }));
    expect(r?.code).toBe('BUYING_POWER_INSUFFICIENT');
    expect(r?.message).toMatch(/\$19,999.00/);
  });

  it('takes the broker what-if when it is lower than our model', () => {
    const preview = {
      initialMarginChange: 500,
      maintenanceMarginChange: 500,
      commission: 1.3,
      buyingPowerAfter: 19_000,
      source: 'broker' as const,
    };
    const r = checkBuyingPower(spread, context({ marginPreview: preview }));
    expect(r?.message).toMatch(/broker what-if \$19,000.00/);
  });

  it('lets an order that uses no buying power through', () => {
    const ctx = context({
      account: account({ buyingPower: 0 }),
      positions: [position(optLeg('sell', 95, 'put'), -1, 2), position(optLeg('buy', 90, 'put'), 1, 1)],
    });
    const close = intent([optLeg('buy', 95, 'put'), optLeg('sell', 90, 'put')]);
    expect(checkBuyingPower(close, ctx)).toBeNull();
  });

  it('refuses without an account', () => {
    expect(checkBuyingPower(spread, context({ account: null }))?.code).toBe('ACCOUNT_DATA_MISSING');
  });

  it('reports buying power after in the metrics', () => {
    expect(evaluateGate(spread, context()).metrics.buyingPowerAfter).toBeCloseTo(100_000 - 400, 9);
    expect(analyze(spread, context()).premium).toBeCloseTo(100, 9);
  });
});

describe('loss limits', () => {
  it('passes a day just short of the loss limit and refuses one at it', () => {
    expect(checkLossDaily(spread, context({ pnl: { ...pnl, dailyPnl: -999.99 } }))).toBeNull();
    const r = checkLossDaily(spread, context({ pnl: { ...pnl, dailyPnl: -1_000 } }));
    expect(r?.code).toBe('LOSS_DAILY');
    expect(r?.message).toMatch(
      /today's loss \$1,000.00 has reached risk.maxDailyLoss \$1,000.00; the breaker goes to HALTED/,
    );
  });

  it('passes a drawdown just short of the limit and refuses one at it', () => {
    expect(checkLossDrawdown(spread, context({ pnl: { ...pnl, netLiquidation: 90_000.01 } }))).toBeNull();
    expect(checkLossDrawdown(spread, context({ pnl: { ...pnl, netLiquidation: 90_000 } }))?.code).toBe(
      'LOSS_DRAWDOWN',
    );
  });

  it('passes 4 losing trades in a row and refuses at 5', () => {
    expect(checkLossConsecutive(spread, context({ pnl: { ...pnl, consecutiveLosses: 4 } }))).toBeNull();
    expect(checkLossConsecutive(spread, context({ pnl: { ...pnl, consecutiveLosses: 5 } }))?.code).toBe(
      'LOSS_CONSECUTIVE',
    );
  });

  it('reports crossed limits in the metrics so the gate trips the breaker', () => {
    const e = evaluateGate(spread, context({ pnl: { ...pnl, dailyPnl: -2_000, consecutiveLosses: 9 } }));
    expect(e.metrics.lossLimitsCrossed).toEqual(['LOSS_DAILY', 'LOSS_CONSECUTIVE']);
    expect(e.codes).toEqual(expect.arrayContaining(['LOSS_DAILY', 'LOSS_CONSECUTIVE']));
  });

  it('lets a reducing order through only when the loss-limit state is REDUCING', () => {
    const held = [position(optLeg('sell', 95, 'put'), -1, 2)];
    const close = intent([optLeg('buy', 95, 'put')]);
    const crossed = { ...pnl, dailyPnl: -5_000 };
    expect(checkLossDaily(close, context({ pnl: crossed, positions: held }))?.code).toBe('LOSS_DAILY');
    const reducing = context({
      pnl: crossed,
      positions: held,
      limits: limits({ lossLimitBreakerState: 'REDUCING' }),
    });
    expect(checkLossDaily(close, reducing)).toBeNull();
    expect(checkLossDaily(spread, reducing)?.code).toBe('LOSS_DAILY');
  });

  it('refuses without a P&L state', () => {
    expect(checkLossDaily(spread, context({ pnl: null }))?.code).toBe('ACCOUNT_DATA_MISSING');
  });
});
