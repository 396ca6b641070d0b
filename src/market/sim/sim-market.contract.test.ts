import { SimulatedClock } from '../../domain/index.js';
import { describe, expect, it } from 'vitest';
import { runMarketDataContract, type MarketDataHarness } from '../market-data.contract.js';
import { createSimMarket } from './index.js';

const alwaysOpen = (): Promise<MarketDataHarness> => {
  const clock = new SimulatedClock(Date.parse('2026-03-10T15:00:00Z'));
  const marketData = createSimMarket({ symbols: ['NVDA', 'BAC'] }, clock);
  return Promise.resolve({
    marketData,
    symbol: 'NVDA',
    unknownSymbol: 'ZZZZ',
    capabilities: { minIvHistoryPoints: 240 },
    cleanup: () => marketData.close(),
  });
};

runMarketDataContract('sim (always open)', alwaysOpen);

runMarketDataContract('sim (real calendar, a Saturday)', () => {
  const clock = new SimulatedClock(Date.parse('2026-03-14T18:00:00Z'));
  const marketData = createSimMarket({ symbols: ['JPM'], calendar: 'real', seed: 7 }, clock);
  return Promise.resolve({
    marketData,
    symbol: 'JPM',
    unknownSymbol: 'NOPE',
    capabilities: { minIvHistoryPoints: 240 },
    cleanup: () => marketData.close(),
  });
});

describe('the sim contract harness', () => {
  it('exercises the simulated market it names', async () => {
    const h = await alwaysOpen();
    try {
      expect(h.marketData.source).toBe('sim');
      expect(h.marketData.symbols()).toEqual(['NVDA', 'BAC']);
    } finally {
      await h.cleanup();
    }
  });
});
