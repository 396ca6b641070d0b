import { describe, expect, it } from 'vitest';
import { simMarketOptionsSchema } from './options.js';

describe('sim market options', () => {
  it('defaults to the six names, always open, real-time speed', () => {
    expect(simMarketOptionsSchema.parse({})).toEqual({
      seed: 42,
      symbols: ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'],
      speed: 1,
      calendar: 'always_open',
      rate: 0.04,
      stepMs: 60_000,
      staleAfterMs: 300_000,
      ivHistoryDays: 365,
      badData: [],
    });
  });

  it('refuses unknown keys, duplicate symbols, a bad start and a malformed fault', () => {
    for (const bad of [
      { sede: 1 },
      { symbols: ['NVDA', 'NVDA'] },
      { symbols: ['nvda'] },
      { startTime: 'yesterday' },
      { speed: 0 },
      { badData: [{ kind: 'crossed' }] },
    ]) {
      expect(simMarketOptionsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
