import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from './evaluate-gate.js';
import { lossChange, num, pct, usd } from './rejection.js';
import { gateCase } from './test-support/arbitraries.js';
import { bookCase } from './test-support/book-arbitraries.js';
import { context, intent, optLeg } from './test-support/fixtures.js';

const RAW = /Infinity|NaN|-unbounded/;

describe('rejection messages', () => {
  it('never show Infinity, NaN or -unbounded, over a large random sample of rejections', () => {
    const cases = [
      ...fc.sample(gateCase, { numRuns: 1_500, seed: 20_260_314 }),
      ...fc.sample(bookCase, { numRuns: 400, seed: 20_260_315 }),
    ];
    const messages: string[] = [];
    const unbounded: string[] = [];
    for (const { intent: i, ctx } of cases) {
      for (const r of evaluateGate(i, ctx).rejections) {
        const more = (r.details?.more as string[] | undefined) ?? [];
        for (const m of [r.message, ...more]) {
          messages.push(m);
          if (m.includes('unbounded')) unbounded.push(m);
        }
      }
    }
    expect(messages.length).toBeGreaterThan(2_000);
    expect(messages.filter((m) => RAW.test(m))).toEqual([]);
    // The sample must reach the messages that once printed `Infinity %` and `-unbounded`.
    expect(unbounded.some((m) => m.startsWith('NVDA: max loss after the order is unbounded'))).toBe(true);
    expect(unbounded.some((m) => m.includes('adds unbounded risk'))).toBe(true);
  });

  it('say an unbounded concentration and an unbounded buying-power use in words', () => {
    const nakedCall = intent([optLeg('sell', 105, 'call')]);
    const e = evaluateGate(nakedCall, context());
    const byCode = Object.fromEntries(e.rejections.map((r) => [r.code, r.message]));
    expect(byCode.SIZE_CONCENTRATION).toBe(
      'NVDA: max loss after the order is unbounded against net liquidation $100,000.00; risk.maxConcentration is 30 %',
    );
    expect(byCode.RISK_MAX_LOSS_PER_TRADE).toBe(
      'the order adds unbounded risk; risk.maxLossPerTrade is $2,000.00',
    );
    expect(byCode.BUYING_POWER_INSUFFICIENT).toMatch(
      /^the order adds unbounded risk, so no buying power would be left/,
    );
    expect(byCode.RISK_MAX_LOSS_TOTAL).toMatch(/^total max loss after the order unbounded \(before \$0.00\)/);
  });

  it('format amounts: dollars, numbers, percentages and changes of max loss', () => {
    expect([usd(1234.5), usd(-0.5), usd(Infinity), usd(-Infinity), usd(NaN)]).toEqual([
      '$1,234.50',
      '-$0.50',
      'unbounded',
      'unbounded',
      'unknown',
    ]);
    expect([num(0.1 + 0.2), num(Infinity), num(-Infinity), num(NaN)]).toEqual([
      '0.3',
      'unbounded',
      'unbounded',
      'unknown',
    ]);
    expect([pct(0.123456), pct(Infinity), pct(NaN)]).toEqual(['12.35 %', 'unbounded', 'unknown']);
    expect([lossChange(300), lossChange(-25), lossChange(Infinity), lossChange(-Infinity)]).toEqual([
      'adds $300.00 of max loss',
      'removes $25.00 of max loss',
      'adds unbounded risk',
      'removes unbounded risk',
    ]);
  });
});
