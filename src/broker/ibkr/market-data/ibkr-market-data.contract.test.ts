import { runMarketDataContract } from '../../../market/market-data.contract.js';
import { startFake } from '../test-support/fake-harness.js';
import { createIbkrMarketData } from '../index.js';

runMarketDataContract('ibkr on the fake IB Gateway (delayed data)', async () => {
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
});
