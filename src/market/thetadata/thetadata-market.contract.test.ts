import { runMarketDataContract } from '../market-data.contract.js';
import { startFixture, type FixtureOptions } from './test-support/fixture.js';

function harness(options: FixtureOptions) {
  return async () => {
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
