import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock, type InstanceId, type OptionChain, type Signal } from '../../../domain/index.js';
import { gatherMarket } from '../../context/gather-market.js';
import { buildInstanceContext, isAvailable, type Sentiment } from '../../context/market-context.js';
import { loadSwarmOrThrow, type SwarmDefinition } from '../../instances/load-swarm.js';
import { buildRequest } from '../../prompt/build-prompt.js';
import { parseSignal } from '../../signal/parse-signal.js';
import { checkParameters } from '../../templates/template.js';
import {
  fixtureIvStats,
  FixtureMarket,
  FIXTURE_NOW,
  type FixtureSymbol,
} from '../../test-support/fixture-market.js';
import { RulesProvider } from './rules-provider.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
let swarm: SwarmDefinition;
beforeAll(async () => {
  swarm = await loadSwarmOrThrow(REPO);
});

/** Runs a template's rules screen on fixture symbols and judges its output like any model's. */
async function screen(
  template: string,
  parameters: Record<string, unknown>,
  symbols: FixtureSymbol[],
  sentiment?: Record<string, Exclude<Sentiment, 'unknown'>>,
  maxSignals = 3,
): Promise<Signal[]> {
  const t = swarm.templates.get(template)!;
  const params = checkParameters(t, { symbol_pool: symbols.map((s) => s.symbol), ...parameters });
  if (!params.ok) throw new Error(JSON.stringify(params.issues));
  const clock = new SimulatedClock(FIXTURE_NOW);
  const snapshot = await gatherMarket(
    new FixtureMarket(symbols, clock),
    symbols.map((s) => s.symbol),
    {
      specsFor: () => [t.frontMatter.context],
      ivStats: fixtureIvStats,
      sentiment,
    },
  );
  const instance = {
    ...swarm.instances[0]!,
    id: 'rules_test' as InstanceId,
    template: t,
    parameters: params.value,
    symbolPool: symbols.map((s) => s.symbol),
  };
  const request = buildRequest(
    instance,
    buildInstanceContext(snapshot, instance.symbolPool, t.frontMatter.context),
    {
      model: null,
      maxOutputTokens: 100,
      temperature: 0,
    },
  );
  const res = await new RulesProvider(maxSignals).complete(request, {
    signal: new AbortController().signal,
    timeoutMs: 1000,
  });
  expect(res.model).toBeNull();
  expect(res.usage).toMatchObject({ inputTokens: 0, outputTokens: 0 });
  const chains = new Map<string, OptionChain>();
  for (const s of snapshot.symbols.values()) if (isAvailable(s)) chains.set(s.symbol, s.chain);
  const parsed = parseSignal(res.text, {
    instanceId: instance.id,
    pool: instance.symbolPool,
    chains,
    maxSignals,
  });
  expect(parsed.refusals).toEqual([]);
  return [...parsed.signals];
}

const rich: FixtureSymbol = { symbol: 'NVDA', spot: 180, atmIv: 0.55, ivRank: 90, skew: 0.08 };
const cheap: FixtureSymbol = { symbol: 'AAPL', spot: 270, atmIv: 0.3, ivRank: 15, skew: 0.08 };
const sniper = { min_iv_rank: 80, max_delta_exposure: 0.3, sentiment_filter: 'neutral_or_better' };

describe('vol_sniper rules', () => {
  it('sells an iron condor on rich, neutral premium with shorts and net delta within the limit', async () => {
    const [s, ...rest] = await screen('vol_sniper.md', sniper, [rich]);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      underlying: 'NVDA',
      strategy: 'iron_condor',
      view: 'neutral',
      priceEffect: 'credit',
    });
    expect(s!.legs.filter((l) => l.side === 'sell')).toHaveLength(2);
    expect(s!.thesis).toMatch(/^rules: IV rank 9\d >= 80/);
  });

  it('stands aside below the IV-rank bar', async () => {
    expect(await screen('vol_sniper.md', { ...sniper, min_iv_rank: 95 }, [rich])).toEqual([]);
  });

  it('honours the sentiment filter and picks the structure from sentiment', async () => {
    expect(await screen('vol_sniper.md', sniper, [rich], { NVDA: 'bearish' })).toEqual([]);
    const [bull] = await screen('vol_sniper.md', sniper, [rich], { NVDA: 'bullish' });
    expect(bull).toMatchObject({ strategy: 'put_credit_spread', view: 'bullish' });
    const [bear] = await screen('vol_sniper.md', { ...sniper, sentiment_filter: 'any' }, [rich], {
      NVDA: 'bearish',
    });
    expect(bear).toMatchObject({ strategy: 'call_credit_spread', view: 'bearish' });
    expect(bear!.legs.every((l) => l.right === 'call')).toBe(true);
  });
});

describe('earnings_crush rules', () => {
  it('sells the front month when its IV stands over the back month', async () => {
    const [s] = await screen('earnings_crush.md', {}, [{ ...cheap, frontBump: 0.15 }]);
    expect(s).toMatchObject({ underlying: 'AAPL', strategy: 'iron_condor', view: 'neutral' });
    expect(new Set(s!.legs.map((l) => l.expiry))).toEqual(new Set(['2026-12-01']));
  });

  it('does nothing on a normal term structure', async () => {
    expect(await screen('earnings_crush.md', {}, [cheap])).toEqual([]);
  });
});

describe('skew_relative_value rules', () => {
  it('sells a put spread when puts are rich and a call spread when calls are', async () => {
    const [puts] = await screen('skew_relative_value.md', {}, [{ ...cheap, skew: 0.8 }]);
    expect(puts).toMatchObject({ strategy: 'put_credit_spread', view: 'bullish' });
    const [calls] = await screen('skew_relative_value.md', {}, [{ ...cheap, skew: -0.3 }]);
    expect(calls).toMatchObject({ strategy: 'call_credit_spread', view: 'bearish' });
  });

  it('does nothing on a flat smile', async () => {
    expect(await screen('skew_relative_value.md', {}, [{ ...cheap, skew: 0.02 }])).toEqual([]);
  });
});

describe('directional_debit rules', () => {
  it('buys a call spread when options are cheap and sentiment is bullish', async () => {
    const [s] = await screen('directional_debit.md', {}, [cheap], { AAPL: 'bullish' });
    expect(s).toMatchObject({ strategy: 'call_debit_spread', view: 'bullish', priceEffect: 'debit' });
    expect(s!.legs.map((l) => l.side).sort()).toEqual(['buy', 'sell']);
  });

  it('follows a standing bearish bias with a put spread', async () => {
    const [s] = await screen('directional_debit.md', { bias: 'bearish' }, [cheap]);
    expect(s).toMatchObject({ strategy: 'put_debit_spread', view: 'bearish' });
  });

  it('stands aside when options are dear or the direction is neutral', async () => {
    expect(await screen('directional_debit.md', {}, [rich], { NVDA: 'bullish' })).toEqual([]);
    expect(await screen('directional_debit.md', {}, [cheap], { AAPL: 'neutral' })).toEqual([]);
  });
});

describe('RulesProvider', () => {
  it('keeps the most confident proposals up to the per-instance limit', async () => {
    const pool: FixtureSymbol[] = [
      rich,
      { ...rich, symbol: 'AMD', ivRank: 99 },
      { ...rich, symbol: 'JPM', ivRank: 82 },
    ];
    const out = await screen('vol_sniper.md', sniper, pool, undefined, 2);
    expect(out.map((s) => s.underlying)).toEqual(['AMD', 'NVDA']);
  });

  it('refuses a template without a rules screen', async () => {
    const t = swarm.templates.get('vol_sniper.md')!;
    const instance = swarm.instances.find((i) => i.id === 'tech_aggressive')!;
    const request = buildRequest(
      { ...instance, template: { ...t, frontMatter: { ...t.frontMatter, rules: null } } },
      buildInstanceContext({ time: 0, today: '2026-11-24', symbols: new Map() }, [], t.frontMatter.context),
      { model: null, maxOutputTokens: 1, temperature: 0 },
    );
    await expect(
      new RulesProvider(3).complete(request, { signal: new AbortController().signal, timeoutMs: 1 }),
    ).rejects.toMatchObject({
      reason: 'no_rules_screen',
    });
  });
});
