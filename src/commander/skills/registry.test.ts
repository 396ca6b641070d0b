import { describe, expect, it } from 'vitest';
import { blackScholesPrice } from '../../quant/index.js';
import type { CommanderInput } from '../commander-input.js';
import { ACCOUNT, CYCLE, NOW, consensus, fixtureChain, putSpread } from '../test-support/chain-fixture.js';
import { SKILLS, runSkill, toolDefinitions } from './registry.js';
import type { SkillEnv } from './skill.js';

function env(): SkillEnv {
  const input: CommanderInput = {
    cycleId: CYCLE,
    now: NOW,
    chains: new Map([['AMD', fixtureChain('AMD')]]),
    account: ACCOUNT,
    positions: [],
    openOrders: [],
    signals: [consensus(putSpread(90, 85))],
    limits: { maxContractsPerOrder: 10, maxLossPerTrade: 2000, maxOrdersPerCycle: 5 },
  };
  return {
    input,
    proposals: [],
    decision: null,
    checkOrder: () => Promise.resolve({ accepted: true, codes: [], messages: [] }),
  };
}

describe('Commander skills', () => {
  it('keeps the seed’s names', () => {
    expect(SKILLS.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'consult_swarm',
        'black_scholes_iv',
        'calculate_greeks',
        'kelly_criterion',
        'place_order_with_guard',
        'get_market_snapshot',
        'get_portfolio',
      ]),
    );
    for (const t of toolDefinitions()) expect(t.inputSchema.type).toBe('object');
  });

  it('computes IV, Greeks and Kelly with our quant', async () => {
    const a = { spot: 100, strike: 95, timeYears: 0.1, rate: 0.04, right: 'put' as const };
    const price = blackScholesPrice({ ...a, dividendYield: 0, volatility: 0.45 });
    const iv = await runSkill('black_scholes_iv', { ...a, price }, env());
    expect(iv.ok && (iv.result as { iv: number }).iv).toBeCloseTo(0.45, 12);
    const g = await runSkill('calculate_greeks', { ...a, volatility: 0.45 }, env());
    expect(g.ok && (g.result as { price: number }).price).toBeCloseTo(price, 12);
    const k = await runSkill(
      'kelly_criterion',
      { winProbability: 0.6, winAmount: 1, lossAmount: 1, fraction: 0.25, cap: 0.02 },
      env(),
    );
    expect(k.ok && k.result).toEqual({ kelly: expect.closeTo(0.2, 12), fractional: 0.02 });
  });

  it('slices the chain by delta for the market snapshot and says when a symbol has no chain', async () => {
    const r = await runSkill('get_market_snapshot', { symbol: 'AMD', minDelta: 0.2, maxDelta: 0.3 }, env());
    const rows = r.ok ? (r.result as { rows: { delta: number }[] }).rows : [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Math.abs(row.delta)).toBeGreaterThanOrEqual(0.2);
    const none = await runSkill('get_market_snapshot', { symbol: 'TSLA' }, env());
    expect(none.ok && none.result).toMatchObject({ error: expect.stringMatching(/no chain for TSLA/) });
  });

  it('reports the book', async () => {
    const r = await runSkill('get_portfolio', {}, env());
    expect(r.ok && r.result).toMatchObject({
      account: { netLiquidation: 100_000 },
      positions: [],
      workingOrders: [],
    });
  });
});
