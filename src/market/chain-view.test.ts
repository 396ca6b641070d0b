import { describe, expect, it } from 'vitest';
import { option, type ChainRow, type OptionChain } from '../domain/index.js';
import { chainRowsJson, formatChainTable } from './chain-view.js';

function row(expiry: string, strike: number, right: 'call' | 'put', bid: number, ask: number): ChainRow {
  return {
    contract: option('XYZ', expiry, strike, right),
    quote: { bid, ask, bidSize: 3, askSize: 4, last: null, time: 1 },
    volume: 12,
    openInterest: 345,
    iv: 0.3,
    greeks: { delta: right === 'call' ? 0.52 : -0.48, gamma: 0.05, vega: 0.2, theta: -10, rho: 0.1 },
    flags: right === 'put' && strike === 105 ? ['zero_bid'] : [],
  };
}

const chain: OptionChain = {
  symbol: 'XYZ',
  underlying: {
    symbol: 'XYZ',
    bid: 99.99,
    ask: 100.01,
    bidSize: 1,
    askSize: 1,
    last: 100,
    time: 1,
    flags: [],
  },
  time: Date.parse('2026-03-10T15:00:00Z'),
  rate: 0.04,
  dividendYield: 0,
  rows: [
    row('2026-03-20', 100, 'call', 2, 2.1),
    row('2026-03-20', 100, 'put', 1.9, 2),
    row('2026-03-20', 105, 'call', 0.5, 0.6),
    row('2026-03-20', 105, 'put', 0, 5.3),
    row('2026-04-17', 100, 'call', 3, 3.2),
  ],
};

describe('chain views', () => {
  it('gives JSON rows with the CLI fields', () => {
    const rows = chainRowsJson(chain);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({
      symbol: 'XYZ',
      expiry: '2026-03-20',
      strike: 100,
      right: 'C',
      bid: 2,
      ask: 2.1,
      iv: 0.3,
      delta: 0.52,
    });
    expect(rows[0]?.mid).toBeCloseTo(2.05, 12);
    expect(rows[1]?.right).toBe('P');
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('prints calls | strike | puts per expiry, flagged quotes marked', () => {
    const text = formatChainTable(chain);
    expect(text).toContain('XYZ  bid 99.99  ask 100.01');
    expect(text).toContain('2026-03-20  (10 days)');
    expect(text).toContain('2026-04-17  (38 days)');
    const line = text.split('\n').find((l) => l.includes(' 105 '))!;
    expect(line).toMatch(/0\.50 +0\.60 +30\.0% +0\.520 +345 +12 +105 +0\.00 +5\.30 .*12!/);
  });

  it('prints one expiry when asked, and says when there is none', () => {
    const text = formatChainTable(chain, '2026-04-17');
    expect(text).not.toContain('2026-03-20');
    expect(formatChainTable(chain, '2027-01-15')).toContain('no rows for expiry 2027-01-15');
  });
});
