import { describe, expect, it } from 'vitest';
import { commanderOptionsSchema } from '../commander-options.js';
import type { CommanderInput } from '../commander-input.js';
import {
  ACCOUNT,
  CYCLE,
  EXPIRY,
  NOW,
  consensus,
  fixtureChain,
  putSpread,
} from '../test-support/chain-fixture.js';
import { RulesCommander } from './rules-commander.js';
import { instanceId, option, parseOrderIntent } from '../../domain/index.js';

const options = commanderOptionsSchema.parse({});
function input(signals: CommanderInput['signals'], overrides: Partial<CommanderInput> = {}): CommanderInput {
  return {
    cycleId: CYCLE,
    now: NOW,
    chains: new Map([
      ['AMD', fixtureChain('AMD')],
      ['NVDA', fixtureChain('NVDA', 150, 0.5)],
    ]),
    account: ACCOUNT,
    positions: [],
    openOrders: [],
    signals,
    limits: { maxContractsPerOrder: 10, maxLossPerTrade: 2000, maxOrdersPerCycle: 5 },
    ...overrides,
  };
}

describe('RulesCommander', () => {
  const commander = new RulesCommander(options);

  it('prices a put credit spread from the chain, sizes it with fractional Kelly under the limits, and explains why', () => {
    const { decision, evaluations } = commander.decideNow(
      input([consensus(putSpread(90, 85), { confidence: 0.8 })]),
    );
    expect(decision.kind).toBe('trade');
    if (decision.kind !== 'trade') return;
    const [intent] = decision.intents;
    expect(intent!.clientOrderId).toBe(`${CYCLE}-o1`);
    expect(intent!.priceEffect).toBe('credit');
    expect(
      intent!.legs.map((l) => `${l.side} ${l.contract.kind === 'option' ? l.contract.strike : ''}`),
    ).toEqual(['sell 90', 'buy 85']);
    // max loss per contract = (width − credit) × 100; the per-trade limit caps the size.
    const maxLoss = (5 - intent!.limitPrice!) * 100;
    expect(intent!.quantity).toBeLessThanOrEqual(Math.floor(2000 / maxLoss));
    expect(intent!.quantity).toBeGreaterThanOrEqual(1);
    expect(evaluations[0]!.reason).toMatch(/P\(profit\) .* tilted \+6\.0 pts by confidence 0\.80/);
    expect(decision.decidedBy).toEqual({ kind: 'rules' });
  });

  it('cites at most 50 instances in an intent when a larger swarm agrees, so the gate does not refuse it as malformed', () => {
    const s = consensus(putSpread(90, 85), { confidence: 0.8 });
    const many = Array.from({ length: 120 }, (_, i) => instanceId(`inst_${i}`));
    const { decision } = commander.decideNow(input([{ ...s, instanceIds: many }]));
    expect(decision.kind).toBe('trade');
    if (decision.kind !== 'trade') return;
    expect(decision.intents[0]!.instanceIds).toEqual(many.slice(0, 50));
    expect(parseOrderIntent(decision.intents[0]).ok).toBe(true);
  });

  it('ignores the price the signal proposed and uses the chain mid', () => {
    const s = consensus(putSpread(90, 85));
    const a = commander.decideNow(input([s]));
    const b = commander.decideNow(input([{ ...s, signal: { ...s.signal, limitPrice: 4.99 } }]));
    expect(a.decision).toEqual(b.decision);
  });

  it('never trades conflicts, undefined risk, unknown contracts or low confidence, and says why', () => {
    const nakedCall = consensus([{ right: 'call', strike: 110, expiry: EXPIRY, side: 'sell', ratio: 1 }], {
      strategy: 'naked_call',
    });
    const { decision, evaluations } = commander.decideNow(
      input([
        consensus(putSpread(90, 85), { conflicts: ['x'] }),
        nakedCall,
        consensus(putSpread(91, 86)),
        consensus(putSpread(95, 90), { confidence: 0.5 }),
      ]),
    );
    expect(decision.kind).toBe('no_trade');
    expect(evaluations.map((e) => e.reason)).toEqual([
      expect.stringMatching(/disagree on direction/),
      'undefined risk (unbounded loss)',
      expect.stringMatching(/91 .* not in the current chain/),
      expect.stringMatching(/confidence 0\.50 below 0\.55/),
    ]);
  });

  it('skips a trade with no edge (a far OTM debit with tiny odds)', () => {
    const lottery = consensus([{ right: 'call', strike: 130, expiry: EXPIRY, side: 'buy', ratio: 1 }], {
      confidence: 0.56,
      strategy: 'lottery',
    });
    const { evaluations } = commander.decideNow(input([lottery]));
    expect(evaluations[0]!.reason).toMatch(/^no edge/);
  });

  it('takes at most one trade per underlying and ranks the rest out', () => {
    const { decision, evaluations } = commander.decideNow(
      input([
        consensus(putSpread(90, 85), { confidence: 0.9 }),
        consensus(putSpread(85, 80), { confidence: 0.9 }),
      ]),
    );
    expect(decision.kind === 'trade' && decision.intents).toHaveLength(1);
    expect(evaluations.some((e) => /already trading AMD/.test(e.reason))).toBe(true);
  });

  it('says plainly when the swarm proposed nothing', () => {
    const { decision } = commander.decideNow(input([]));
    expect(decision).toMatchObject({ kind: 'no_trade', reason: 'the swarm proposed nothing this cycle' });
  });
});

describe('RulesCommander sizing against the book and the per-order contract limit', () => {
  const commander = new RulesCommander(commanderOptionsSchema.parse({ volRiskPremium: 0.5 }));

  it('counts every leg against maxContractsPerOrder', () => {
    const condor = consensus(
      [
        { right: 'put', strike: 80, expiry: EXPIRY, side: 'buy', ratio: 1 },
        { right: 'put', strike: 85, expiry: EXPIRY, side: 'sell', ratio: 1 },
        { right: 'call', strike: 115, expiry: EXPIRY, side: 'sell', ratio: 1 },
        { right: 'call', strike: 120, expiry: EXPIRY, side: 'buy', ratio: 1 },
      ],
      { strategy: 'iron_condor', confidence: 0.9 },
    );
    const limits = { maxContractsPerOrder: 10, maxLossPerTrade: 100_000, maxOrdersPerCycle: 5 };
    const { decision } = commander.decideNow(
      input([condor], { limits, account: { ...ACCOUNT, netLiquidation: 10_000_000 } }),
    );
    expect(decision.kind).toBe('trade');
    if (decision.kind === 'trade') expect(decision.intents[0]!.quantity).toBe(2); // 4 legs × 2 = 8 ≤ 10
  });

  it('does not open a second structure on an underlying it already holds', () => {
    const held = {
      contract: option('AMD', EXPIRY, 90, 'put'),
      quantity: -1,
      averagePrice: 1,
      realizedPnl: 0,
    };
    const { decision, evaluations } = commander.decideNow(
      input([consensus(putSpread(90, 85))], { positions: [held] }),
    );
    expect(decision.kind).toBe('no_trade');
    expect(evaluations[0]!.reason).toMatch(/already holding AMD/);
  });
});
