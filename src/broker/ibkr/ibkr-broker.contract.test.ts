import { describe, expect, it } from 'vitest';
import type { BrokerHarness } from '../broker.contract.js';
import { runBrokerContract } from '../broker.contract.js';
import { startFake, unlistedOption } from './test-support/fake-harness.js';

const harness = async (): Promise<BrokerHarness> => {
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
};

runBrokerContract('ibkr on the fake IB Gateway', harness);

describe('the ibkr contract harness', () => {
  it('exercises the IB adapter on a paper (D…) account, not a stand-in', async () => {
    const h = await harness();
    try {
      expect(h.broker.name).toBe('ibkr');
      await h.broker.connect();
      expect(await h.broker.accountKind()).toBe('paper');
    } finally {
      await h.cleanup();
    }
  });
});
