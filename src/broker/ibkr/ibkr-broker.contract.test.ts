import { runBrokerContract } from '../broker.contract.js';
import { startFake, unlistedOption } from './test-support/fake-harness.js';

runBrokerContract('ibkr on the fake IB Gateway', async () => {
  const fake = await startFake();
  const broker = fake.broker();
  const atm = (await fake.calls())[2]!.contract;
  return {
    broker,
    capabilities: { combos: true, restingFills: true, partialFills: true },
    liquidOption: async () => (await fake.calls()).find((c) => c.contract.strike === atm.strike)!,
    verticalPair: async () => {
      const list = await fake.calls();
      const i = list.findIndex((c) => c.contract.strike === atm.strike);
      return [list[i]!, list[i + 1]!] as const;
    },
    unknownContract: () => unlistedOption(fake.expiry),
    setTouch: async (contract, touch) => {
      fake.market.pinQuote(contract, touch);
      await fake.gateway.match();
    },
    settle: () => fake.settle(),
    cleanup: () => fake.close(),
  };
});
