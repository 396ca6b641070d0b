import { describe, expect, it } from 'vitest';
import type { MarketDataHarness } from '../../../market/market-data.contract.js';
import { runMarketDataContract } from '../../../market/market-data.contract.js';
import { startFake } from '../test-support/fake-harness.js';
import { createIbkrMarketData } from '../index.js';

const harness = async (): Promise<MarketDataHarness> => {
  const fake = await startFake();
  const broker = fake.broker({ clientId: 21 });
  await broker.connect();
  // The fake's market is frozen in simulated time; the adapter reads that time, with real timers.
  const clock = fake.simTimeClock();
  const marketData = createIbkrMarketData({ symbols: ['NVDA'] }, { broker, clock });
  return {
    marketData,
    symbol: 'NVDA',
    unknownSymbol: 'ZZZZ',
    capabilities: { minIvHistoryPoints: 200 },
    cleanup: async () => {
      await marketData.close();
      await fake.close();
    },
  };
};

runMarketDataContract('ibkr on the fake IB Gateway (delayed data)', harness);

describe('the ibkr market-data contract harness', () => {
  it('exercises the IB market-data adapter, not a stand-in', async () => {
    const h = await harness();
    try {
      expect(h.marketData.source).toBe('ibkr');
      expect(h.marketData.symbols()).toEqual(['NVDA']);
    } finally {
      await h.cleanup();
    }
  });
});
