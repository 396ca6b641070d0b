import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { option, SimulatedClock } from '../../domain/index.js';
import { createSimMarket } from '../../market/sim/index.js';
import { describe, expect, it } from 'vitest';
import { runBrokerContract, type BrokerHarness, type QuotedOption } from '../broker.contract.js';
import { createPaperBroker } from './index.js';

const harness = async (): Promise<BrokerHarness> => {
  const clock = new SimulatedClock(Date.parse('2026-03-10T15:00:00Z'));
  const market = createSimMarket({ symbols: ['NVDA'], seed: 3 }, clock);
  const dataDir = mkdtempSync(join(tmpdir(), 'paper-contract-'));
  const broker = createPaperBroker({ matchIntervalMs: 0 }, { dataDir, marketData: market, clock });
  const expiry = (await market.expirations('NVDA'))[2]!;
  const calls = async (): Promise<QuotedOption[]> => {
    const chain = await market.chain('NVDA', { expiries: [expiry], moneynessWindow: 0.04 });
    return chain.rows
      .filter(
        (r) => r.contract.right === 'call' && r.quote.bid !== null && r.quote.ask !== null && r.quote.bid > 0,
      )
      .map((r) => ({ contract: r.contract, bid: r.quote.bid!, ask: r.quote.ask! }));
  };
  const atm = (await calls())[2]!.contract;
  return {
    broker,
    capabilities: { combos: true, restingFills: true, partialFills: true },
    liquidOption: async () => (await calls()).find((c) => c.contract.strike === atm.strike)!,
    verticalPair: async () => {
      const list = await calls();
      const i = list.findIndex((c) => c.contract.strike === atm.strike);
      return [list[i]!, list[i + 1]!] as const;
    },
    unknownContract: () => option('NVDA', expiry, 3.33, 'call'),
    setTouch: (contract, touch) => Promise.resolve(market.pinQuote(contract, touch)),
    settle: () => Promise.resolve(clock.advance(market.options.stepMs)),
    cleanup: () => {
      rmSync(dataDir, { recursive: true, force: true });
      return market.close();
    },
  };
};

runBrokerContract('paper on the sim market', harness);

describe('the paper contract harness', () => {
  it('exercises the paper broker with every capability on, so no contract case is waived', async () => {
    const h = await harness();
    try {
      expect(h.broker.name).toBe('paper');
      expect(h.capabilities).toEqual({ combos: true, restingFills: true, partialFills: true });
      await h.broker.connect();
      expect(await h.broker.accountKind()).toBe('paper');
    } finally {
      await h.cleanup();
    }
  });
});
