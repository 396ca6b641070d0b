import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, defaultLlmConfig, llmConfigSchema, priceOf } from './llm-config.js';
import { addUsage, priceUsage, ZERO_USAGE } from './usage.js';

describe('llmConfigSchema', () => {
  it('defaults to rules with safe limits when nothing is configured', () => {
    expect(defaultLlmConfig()).toEqual({
      provider: 'rules',
      anthropic: {},
      openai: {},
      concurrency: 10,
      callTimeout: 60_000,
      deadline: 120_000,
      retries: { max: 3, baseDelay: 500, maxDelay: 8000 },
      maxOutputTokens: 1500,
      temperature: 0.2,
      budget: { maxTokensPerCycle: 500_000, maxCostUsdPerCycle: 2 },
      prices: {},
      maxSignalsPerInstance: 3,
    });
  });

  it('reads durations as text or milliseconds', () => {
    const c = llmConfigSchema.parse({
      callTimeout: '20s',
      deadline: 90_000,
      retries: { baseDelay: '250ms' },
    });
    expect([c.callTimeout, c.deadline, c.retries.baseDelay, c.retries.max]).toEqual([20_000, 90_000, 250, 3]);
  });

  it('rejects unknown keys, keys in config, bad URLs and out-of-range values, all at once', () => {
    const r = llmConfigSchema.safeParse({
      apiKey: 'sk-nope',
      provider: 'gemini',
      anthropic: { baseUrl: 'ftp://x', apiKey: 'sk' },
      concurrency: 0,
      callTimeout: 'soon',
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['', 'anthropic', 'anthropic.baseUrl', 'callTimeout', 'concurrency', 'provider']);
  });

  it('accepts an Ollama endpoint and a price for a local model', () => {
    const c = llmConfigSchema.parse({
      provider: 'openai',
      openai: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
      prices: { 'llama3.1': { inputPerMTok: 0, outputPerMTok: 0 } },
    });
    expect(priceOf(c, 'llama3.1')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
  });
});

describe('prices and usage', () => {
  const config = defaultLlmConfig();

  it('prices a dated model by its family and leaves an unknown model unpriced', () => {
    expect(priceOf(config, 'claude-sonnet-4-5-20250929')).toBe(DEFAULT_PRICES['claude-sonnet-4-5']);
    expect(priceOf(config, 'mystery-model')).toBeNull();
  });

  it('prices cache reads and writes apart from plain input', () => {
    const u = priceUsage(
      {
        inputTokens: 1_000_000,
        outputTokens: 0,
        cacheReadTokens: 1_000_000,
        cacheWriteTokens: 1_000_000,
        estimated: false,
      },
      'claude-sonnet-4-6',
      config,
    );
    expect(u.costUsd).toBeCloseTo(3 + 0.3 + 3.75, 10);
    expect(priceUsage({ ...ZERO_USAGE, inputTokens: 10 }, null, config).costUsd).toBe(0);
  });

  it('sums usage and makes the cost unknown as soon as one part is', () => {
    const known = priceUsage({ ...ZERO_USAGE, inputTokens: 1000 }, 'gpt-4o-mini', config);
    const unknown = priceUsage({ ...ZERO_USAGE, inputTokens: 1000 }, 'mystery-model', config);
    expect(addUsage(known, known)).toMatchObject({ inputTokens: 2000, calls: 2 });
    expect(addUsage(known, unknown).costUsd).toBeNull();
  });
});
