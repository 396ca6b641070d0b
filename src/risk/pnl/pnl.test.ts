import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../journal/index.js';
import { resumeTrading } from '../breaker/index.js';
import { T0, account } from '../test-support/fixtures.js';
import { closedResults, consecutiveLosses, type TradeRow } from './closed-trades.js';
import { readPnlState } from './pnl-state.js';

let id = 0;
function trade(t: Partial<TradeRow> & Pick<TradeRow, 'side' | 'quantity' | 'price'>): TradeRow {
  return {
    id: ++id,
    time: id * 1_000,
    contract: 'NVDA 2026-04-17 95 P',
    commission: 0,
    clientOrderId: `o${id}`,
    fillId: null,
    ...t,
  };
}

describe('closed trades', () => {
  it('realises (price − average cost) × closed × multiplier less the closing commission', () => {
    const rows = [
      trade({ side: 'sell', quantity: 2, price: 2.0 }),
      trade({ side: 'buy', quantity: 1, price: 1.5, commission: 0.65 }),
      trade({ side: 'buy', quantity: 1, price: 2.5, commission: 0.65 }),
    ];
    const r = closedResults(rows);
    expect(r.map((x) => x.realized)).toEqual([50 - 0.65, -50 - 0.65]);
  });

  it('counts losing closes in a row from the newest, stopping at a win', () => {
    const rows = [
      trade({ side: 'buy', quantity: 3, price: 1, contract: 'NVDA' }),
      trade({ side: 'sell', quantity: 1, price: 2, contract: 'NVDA' }), // win
      trade({ side: 'sell', quantity: 1, price: 0.5, contract: 'NVDA' }), // loss
      trade({ side: 'sell', quantity: 1, price: 0.9, contract: 'NVDA' }), // loss
    ];
    expect(consecutiveLosses(rows, 0)).toBe(2);
    expect(consecutiveLosses(rows, rows[3]!.time)).toBe(1);
  });

  it('treats a flip as a close and a fresh open at the fill price', () => {
    const rows = [
      trade({ side: 'buy', quantity: 1, price: 1, contract: 'AMD' }),
      trade({ side: 'sell', quantity: 3, price: 2, contract: 'AMD' }),
      trade({ side: 'buy', quantity: 2, price: 1, contract: 'AMD' }),
    ];
    expect(closedResults(rows).map((r) => r.realized)).toEqual([1, 2]);
  });
});

const opened: Journal[] = [];
afterEach(() => opened.splice(0).forEach((j) => j.close()));

describe('readPnlState', () => {
  it('measures the day from the last mark before midnight and the high-water mark over every mark', () => {
    const j = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-pnl-')) });
    opened.push(j);
    j.recordEquityMark({ time: T0 - 3 * 86_400_000, netLiquidation: 104_000, source: 't' });
    j.recordEquityMark({ time: T0 - 86_400_000, netLiquidation: 101_000, source: 't' });
    j.recordEquityMark({ time: T0 - 3_600_000, netLiquidation: 100_500, source: 't' });
    const p = readPnlState(j, account({ netLiquidation: 100_000 }), T0);
    expect(p).toEqual({
      netLiquidation: 100_000,
      dailyPnl: -1_000,
      highWaterMark: 104_000,
      consecutiveLosses: 0,
    });
  });

  it("falls back to the broker's figures with no marks at all", () => {
    const j = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-pnl-')) });
    opened.push(j);
    const p = readPnlState(j, account({ dailyRealizedPnl: -300, unrealizedPnl: -450 }), T0);
    expect(p.dailyPnl).toBe(-750);
    expect(p.highWaterMark).toBe(100_000);
  });

  it("starts every period again at a person's resume", () => {
    const j = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-pnl-')) });
    opened.push(j);
    j.recordEquityMark({ time: T0 - 86_400_000, netLiquidation: 130_000, source: 't' });
    j.logTrade({
      time: T0 - 7_200_000,
      underlying: 'NVDA',
      contract: 'NVDA',
      legs: [{ contract: 'NVDA', side: 'buy', ratio: 1 }],
      side: 'buy',
      quantity: 1,
      price: 10,
      commission: 0,
    });
    j.logTrade({
      time: T0 - 7_100_000,
      underlying: 'NVDA',
      contract: 'NVDA',
      legs: [{ contract: 'NVDA', side: 'sell', ratio: 1 }],
      side: 'sell',
      quantity: 1,
      price: 9,
      commission: 0,
      clientOrderId: 'x',
    });
    expect(readPnlState(j, account(), T0)).toMatchObject({
      dailyPnl: -30_000,
      highWaterMark: 130_000,
      consecutiveLosses: 1,
    });
    resumeTrading(j, { reason: 'reviewed', time: T0 - 3_600_000 });
    expect(readPnlState(j, account(), T0)).toEqual({
      netLiquidation: 100_000,
      dailyPnl: 0,
      highWaterMark: 100_000,
      consecutiveLosses: 0,
    });
    j.recordEquityMark({ time: T0 - 1_800_000, netLiquidation: 100_400, source: 't' });
    expect(readPnlState(j, account(), T0)).toMatchObject({ dailyPnl: -400, highWaterMark: 100_400 });
  });
});
