import { describe, expect, it } from 'vitest';
import { runMarketDataContract, type MarketDataHarness } from '../market-data.contract.js';
import { startFixture, type FixtureOptions } from './test-support/fixture.js';

function harness(options: FixtureOptions) {
  return async (): Promise<MarketDataHarness> => {
    const f = await startFixture(options);
    return {
      marketData: f.adapter,
      symbol: 'NVDA',
      unknownSymbol: 'ZZZZ',
      capabilities: { minIvHistoryPoints: 240 },
      cleanup: () => f.close(),
    };
  };
}

runMarketDataContract('thetadata v3 (CSV, pro) against the fake terminal', harness({}));
runMarketDataContract(
  'thetadata v3 (JSON, value tier) against the fake terminal',
  harness({ fake: { tier: 'value' }, tuning: { format: 'json' } }),
);
runMarketDataContract(
  'thetadata v2 (standard tier) against the fake terminal',
  harness({ fake: { apiVersion: 'v2', tier: 'standard' } }),
);

describe('the thetadata contract harness', () => {
  it('exercises the ThetaData adapter over HTTP, not a stand-in', async () => {
    const h = await harness({})();
    try {
      expect(h.marketData.source).toBe('thetadata');
      expect((await h.marketData.expirations('NVDA')).length).toBeGreaterThan(0);
    } finally {
      await h.cleanup();
    }
  });
});
