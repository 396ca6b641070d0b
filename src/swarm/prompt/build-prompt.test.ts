import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../domain/index.js';
import { gatherMarket } from '../context/gather-market.js';
import { buildInstanceContext } from '../context/market-context.js';
import { loadSwarmOrThrow } from '../instances/load-swarm.js';
import {
  fixtureIvStats,
  FixtureMarket,
  FIXTURE_NOW,
  FIXTURE_SYMBOLS,
} from '../test-support/fixture-market.js';
import { parseJsonText } from '../untrusted.js';
import { buildRequest } from './build-prompt.js';
import { OUTPUT_CONTRACT } from './output-contract.js';
import { ROW_COLUMNS } from './render-context.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function requests() {
  const swarm = await loadSwarmOrThrow(REPO);
  const clock = new SimulatedClock(FIXTURE_NOW);
  const snapshot = await gatherMarket(
    new FixtureMarket(FIXTURE_SYMBOLS, clock),
    ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'],
    {
      specsFor: () => swarm.instances.map((i) => i.template.frontMatter.context),
      ivStats: fixtureIvStats,
    },
  );
  const make = (id: string) => {
    const instance = swarm.instances.find((i) => i.id === id)!;
    const context = buildInstanceContext(
      snapshot,
      instance.symbolPool,
      instance.template.frontMatter.context,
    );
    return buildRequest(instance, context, { model: 'm', maxOutputTokens: 500, temperature: 0.2 });
  };
  return { tech: make('tech_aggressive'), fin: make('finance_conservative') };
}

describe('buildRequest', () => {
  it('puts the static part first: the shared contract, then the rendered template marked for caching', async () => {
    const { tech, fin } = await requests();
    expect(tech.system.map((b) => b.cache)).toEqual([false, true]);
    expect(tech.system[0]!.text).toBe(OUTPUT_CONTRACT);
    expect(fin.system[0]!.text).toBe(OUTPUT_CONTRACT);
    expect(tech.system[1]!.text).toContain('NVDA, AMD, TSLA');
    expect(tech.system[1]!.text).toContain('at least **80**');
    expect(tech.system.map((b) => b.text).join('')).not.toMatch(/asOf|2026-11-24T/);
  });

  it('sends the market context of the pool only, as compact JSON with bid/ask, IV and Greeks', async () => {
    const { tech } = await requests();
    const json = parseJsonText(tech.user.slice(tech.user.indexOf('{'), tech.user.lastIndexOf('}') + 1));
    expect(json.ok).toBe(true);
    const ctx = (json.ok ? json.value : {}) as {
      columns: string[];
      symbols: {
        symbol: string;
        ivRank: number;
        underlying: { bid: number };
        expiries: { rows: unknown[][] }[];
      }[];
    };
    expect(ctx.columns).toEqual([...ROW_COLUMNS]);
    expect(ctx.symbols.map((s) => s.symbol)).toEqual(['NVDA', 'AMD', 'TSLA']);
    expect(ctx.symbols[0]!.ivRank).toBeCloseTo(90, 0);
    const row = ctx.symbols[0]!.expiries[0]!.rows[0]!;
    expect(row).toHaveLength(ROW_COLUMNS.length);
    expect(row.slice(2, 6).every((v) => typeof v === 'number')).toBe(true);
    // Theta per calendar day is a decay (negative), vega per vol point positive, as people read them.
    expect(row[ROW_COLUMNS.indexOf('thetaPerDay')]).toBeLessThan(0);
    expect(row[ROW_COLUMNS.indexOf('vegaPerVolPoint')]).toBeGreaterThan(0);
    expect(tech.user).not.toContain('JPM');
    expect(tech.structured).toMatchObject({ template: 'vol_sniper.md', rulesScreen: 'vol_sniper' });
  });
});
