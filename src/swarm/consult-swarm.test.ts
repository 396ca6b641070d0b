import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../domain/index.js';
import { byModel, FakeLlmServer } from '../../test/fakes/llm-server/index.js';
import { consultSwarm, seeMarketForSwarm } from './consult-swarm.js';
import { SwarmFilesError } from './errors.js';
import { buildSwarm, TEMPLATES_DIR, type SwarmDefinition } from './instances/load-swarm.js';
import { llmConfigSchema } from './llm/llm-config.js';
import { FixedStartClock, spreadFromContext } from './test-support/context-replies.js';
import {
  fixtureIvStats,
  FixtureMarket,
  FIXTURE_NOW,
  FIXTURE_SYMBOLS,
} from './test-support/fixture-market.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A swarm of vol_sniper instances, one per model name, each on its own provider choice. */
function sniperSwarm(
  instances: { id: string; model?: string; provider?: string; pool?: string[] }[],
): SwarmDefinition {
  const built = buildSwarm(
    [{ fileName: 'vol_sniper.md', text: readFileSync(join(REPO, TEMPLATES_DIR, 'vol_sniper.md'), 'utf8') }],
    instances.map(({ id, model, provider, pool }) => ({
      fileName: `${id}.json`,
      text: JSON.stringify({
        id,
        template: 'vol_sniper.md',
        ...(provider ? { provider } : {}),
        ...(model ? { model } : {}),
        parameters: {
          symbol_pool: pool ?? ['NVDA', 'AMD'],
          min_iv_rank: 80,
          max_delta_exposure: 0.3,
          sentiment_filter: 'neutral_or_better',
        },
      }),
    })),
  );
  expect(built.issues).toEqual([]);
  return built.swarm;
}

describe('consultSwarm with rules (no LLM configured)', () => {
  it('asks every enabled instance, reports rules as rules, and merges signals into consensus', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    const seen: string[] = [];
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock),
      clock,
      rootDir: REPO,
      env: {},
      ivStats: fixtureIvStats,
      onInstance: (o) => seen.push(o.id),
    });
    expect(result.instances).toHaveLength(10);
    expect(seen).toHaveLength(10);
    expect(
      result.instances.every((i) => i.outcome === 'ok' && i.provider === 'rules' && i.model === null),
    ).toBe(true);
    expect(result.instances.map((i) => i.id)).not.toContain('local_llm_vol_sniper');
    expect(result.signals.length).toBeGreaterThan(5);
    expect(result.usage).toMatchObject({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['signals', 'instances', 'usage']));
    const first = (json.instances as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ id: 'bank_bear_hedge', outcome: 'ok', usage: expect.any(Object) });
    expect((json.signals as Record<string, unknown>[])[0]).toMatchObject({
      key: expect.any(String),
      agreement: expect.any(Number),
      instanceIds: expect.any(Array),
      confidence: { mean: expect.any(Number), min: expect.any(Number), max: expect.any(Number) },
    });
  });

  it('counts two instances proposing the same trade as agreement', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    const swarm = sniperSwarm([{ id: 'one' }, { id: 'two' }]);
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock),
      clock,
      swarm,
      env: {},
      ivStats: fixtureIvStats,
    });
    expect(result.signals.map((s) => [s.signal.underlying, s.agreement, s.instanceIds])).toEqual([
      ['NVDA', 2, ['one', 'two']],
      ['AMD', 2, ['one', 'two']],
    ]);
  });

  it('reports a symbol without data and keeps going with the rest of the pool', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock, new Set(['AMD'])),
      clock,
      swarm: sniperSwarm([{ id: 'one' }]),
      env: {},
      ivStats: fixtureIvStats,
    });
    expect(result.unavailableSymbols).toEqual([{ symbol: 'AMD', error: 'fixture: no data for AMD' }]);
    expect(result.signals.map((s) => s.signal.underlying)).toEqual(['NVDA']);
  });

  it('thinks on a market snapshot seen beforehand (the Sense step), without a market', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    const swarm = sniperSwarm([{ id: 'one' }]);
    const market = new FixtureMarket(FIXTURE_SYMBOLS, clock);
    const snapshot = await seeMarketForSwarm(market, swarm.instances, { ivStats: fixtureIvStats });
    const calls = market.calls;
    const result = await consultSwarm({ snapshot, clock, swarm, env: {} });
    expect(market.calls).toBe(calls);
    expect(result.signals.map((s) => s.signal.underlying).sort()).toEqual(['AMD', 'NVDA']);
    await expect(consultSwarm({ clock, swarm, env: {} })).rejects.toMatchObject({ code: 'SWARM_NO_MARKET' });
  });

  it('refuses to run on invalid swarm files, listing them', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    await expect(
      consultSwarm({ market: new FixtureMarket([], clock), clock, rootDir: '/nonexistent', env: {} }),
    ).rejects.toBeInstanceOf(SwarmFilesError);
  });

  it('fails every LLM instance with missing_api_key when the vendor API has no key, without a call', async () => {
    const clock = new SimulatedClock(FIXTURE_NOW);
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock),
      clock,
      swarm: sniperSwarm([{ id: 'one' }]),
      llm: 'anthropic:claude-sonnet-4-6',
      env: {},
    });
    expect(result.instances[0]).toMatchObject({
      outcome: 'error',
      reason: 'missing_api_key',
      provider: 'anthropic',
      selectedBy: 'cli',
    });
  });
});

describe('consultSwarm against the fake LLM server', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await FakeLlmServer.start();
  });
  afterAll(async () => server.close());

  const config = llmConfigSchema.parse({
    // Generous: a loaded machine must not turn a prompt answer into a timeout.
    callTimeout: '1500ms',
    deadline: '20s',
    retries: { max: 2, baseDelay: '10ms', maxDelay: '20ms' },
  });

  it('returns partial results: ok, timeout, error and refused outcomes in one cycle', async () => {
    const ok = (text?: string) => ({ kind: 'text' as const, text: text ?? '' });
    server.setHandler((req) => {
      const script = byModel({
        'm-429-then-ok': [
          { kind: 'status', status: 429, retryAfter: '0.05' },
          ok(spreadFromContext(req.user)),
        ],
        'm-529-forever': [{ kind: 'status', status: 529 }],
        'm-hang': [{ kind: 'hang' }],
        'm-prose': [ok('NVDA looks great, sell puts!')],
        'm-outside': [ok(spreadFromContext(req.user, { underlying: 'TSLA' }))],
        'm-malformed': [{ kind: 'malformed' }],
      });
      return req.model === 'm-ok' ? ok(spreadFromContext(req.user)) : script(req);
    });
    const clock = new FixedStartClock(FIXTURE_NOW);
    const models = [
      'm-ok',
      'm-429-then-ok',
      'm-529-forever',
      'm-hang',
      'm-prose',
      'm-outside',
      'm-malformed',
    ];
    const swarm = sniperSwarm(models.map((model, i) => ({ id: `i${i}`, provider: 'openai', model })));
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock),
      clock,
      swarm,
      config,
      env: { OPENAI_BASE_URL: server.openaiBaseUrl },
      ivStats: fixtureIvStats,
    });
    const outcomes = result.instances.map((o) => [o.model, o.outcome, o.reason ?? null, o.attempts]);
    expect(outcomes).toEqual([
      ['m-ok', 'ok', null, 1],
      ['m-429-then-ok', 'ok', null, 2],
      ['m-529-forever', 'error', 'overloaded', 3],
      ['m-hang', 'timeout', 'call_timeout', 1],
      ['m-prose', 'refused', 'unparseable', 1],
      ['m-outside', 'refused', 'symbol_outside_pool', 1],
      ['m-malformed', 'error', 'bad_response', 1],
    ]);
    expect(result.signals).toHaveLength(1);
    expect(result.signals[0]).toMatchObject({ agreement: 2, instanceIds: ['i0', 'i1'] });
    expect(result.instances[4]!.output).toBe('NVDA looks great, sell puts!');
    expect(result.instances[0]!.output).toBeUndefined();
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.instances[0]!.usage!.costUsd).toBeNull(); // an unpriced model: cost unknown, not zero
    // The hanging call's connection was closed when it timed out.
    expect(await server.waitFor(() => server.hangsOpen === 0)).toBe(true);
  });

  it('cancels stragglers at the deadline and closes their sockets', async () => {
    server.setHandler(() => ({ kind: 'hang' }));
    const closedBefore = server.hangsClosed;
    const clock = new FixedStartClock(FIXTURE_NOW);
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock),
      clock,
      swarm: sniperSwarm([{ id: 'a' }, { id: 'b' }, { id: 'c' }]),
      config: llmConfigSchema.parse({ callTimeout: '10s', deadline: '1s', concurrency: 2 }),
      llm: 'openai:slow',
      env: { OPENAI_BASE_URL: server.openaiBaseUrl, SWARMDESK_LLM: 'rules' },
    });
    expect(result.instances.map((o) => [o.outcome, o.reason, o.attempts, o.selectedBy])).toEqual([
      ['timeout', 'deadline', 1, 'cli'],
      ['timeout', 'deadline', 1, 'cli'],
      ['timeout', 'deadline', 0, 'cli'],
    ]);
    expect(await server.waitFor(() => server.hangsClosed === closedBefore + 2)).toBe(true);
    expect(server.hangsOpen).toBe(0);
  });

  it('stops calling when the cycle token budget is spent', async () => {
    server.setHandler(() => ({ kind: 'text', text: '{"signals": []}' }));
    const clock = new FixedStartClock(FIXTURE_NOW);
    const before = server.requests.length;
    const result = await consultSwarm({
      market: new FixtureMarket(FIXTURE_SYMBOLS, clock),
      clock,
      swarm: sniperSwarm([{ id: 'a' }, { id: 'b' }, { id: 'c' }]),
      // Each call may take ~20k tokens (prompt + output cap); 30k covers one, so the other two are not made.
      config: llmConfigSchema.parse({
        concurrency: 3,
        maxOutputTokens: 20_000,
        budget: { maxTokensPerCycle: 30_000 },
      }),
      env: { SWARMDESK_LLM: 'anthropic:claude-haiku-4-5', ANTHROPIC_BASE_URL: server.anthropicBaseUrl },
    });
    expect(result.instances.map((o) => [o.outcome, o.reason ?? null])).toEqual([
      ['ok', null],
      ['error', 'budget_exhausted'],
      ['error', 'budget_exhausted'],
    ]);
    expect(server.requests.length - before).toBe(1);
    expect(result.instances[0]).toMatchObject({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      selectedBy: 'env',
    });
    expect(result.usage.costUsd).toBeGreaterThan(0);
  });
});
