import { z } from 'zod';
import { durationSchema } from '../../domain/index.js';

/** The providers a swarm instance can be asked through. `rules` is no LLM at all. */
export const PROVIDER_KINDS = ['rules', 'anthropic', 'openai'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Models used when neither config nor the instance names one. */
export const DEFAULT_MODELS = { anthropic: 'claude-sonnet-4-6', openai: 'gpt-4o-mini' } as const;

const duration = (defaultValue: string, minMs: number, maxMs: number) =>
  durationSchema(defaultValue, { minMs, maxMs });

const modelName = z.string().min(1).max(200);

const endpointSchema = z.strictObject({
  /** e.g. `http://127.0.0.1:11434/v1` for Ollama. The env var (ANTHROPIC_BASE_URL / OPENAI_BASE_URL) wins. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Default model for this provider. */
  model: modelName.optional(),
});

/** US dollars per million tokens. Cache reads/writes default to the input price when omitted. */
export const modelPriceSchema = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  cacheReadPerMTok: z.number().nonnegative().optional(),
  cacheWritePerMTok: z.number().nonnegative().optional(),
});
export type ModelPrice = z.output<typeof modelPriceSchema>;

/**
 * Built-in list prices (vendors' published prices, 5-minute cache writes); config `prices` adds to
 * and overrides these. A model in neither has an unknown cost (null), never a guessed one.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5, cacheReadPerMTok: 0.1, cacheWritePerMTok: 1.25 },
  'claude-opus-4-6': { inputPerMTok: 5, outputPerMTok: 25, cacheReadPerMTok: 0.5, cacheWritePerMTok: 6.25 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25, cacheReadPerMTok: 0.5, cacheWritePerMTok: 6.25 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6, cacheReadPerMTok: 0.075 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10, cacheReadPerMTok: 1.25 },
};

/**
 * The `llm` section of `swarmdesk.config.json`. Strict: unknown keys are errors. API keys are never
 * here; they come from ANTHROPIC_API_KEY / OPENAI_API_KEY in the environment.
 */
export const llmConfigSchema = z.strictObject({
  /** Default provider for instances that name none. `rules` (no LLM) unless configured. */
  provider: z.enum(PROVIDER_KINDS).default('rules'),
  anthropic: endpointSchema.prefault({}),
  openai: endpointSchema.prefault({}),
  /** Instances asked at the same time. */
  concurrency: z.number().int().min(1).max(500).default(10),
  /** Limit for one HTTP call (one attempt). */
  callTimeout: duration('60s', 100, 600_000),
  /** Limit for the whole consultation; stragglers are cancelled then. */
  deadline: duration('120s', 100, 1_800_000),
  retries: z
    .strictObject({
      /** Extra attempts after a 429, 5xx, 529 or a dropped connection. */
      max: z.number().int().min(0).max(10).default(3),
      /** First backoff; doubles each retry up to `maxDelay`, with up to 25 % jitter taken off. */
      baseDelay: duration('500ms', 0, 60_000),
      maxDelay: duration('8s', 0, 300_000),
    })
    .prefault({}),
  /** Output-token cap per call. */
  maxOutputTokens: z.number().int().min(64).max(32_000).default(1500),
  /** Sampling temperature for OpenAI-compatible servers (the Anthropic Messages API no longer takes one). */
  temperature: z.number().min(0).max(2).default(0.2),
  budget: z
    .strictObject({
      /** Input + output tokens per cycle, across all calls; calls that would exceed it are not made. */
      maxTokensPerCycle: z.number().int().positive().default(500_000),
      /** Dollars per cycle, for models with a known price. */
      maxCostUsdPerCycle: z.number().positive().default(2),
    })
    .prefault({}),
  /** Prices per model, merged over DEFAULT_PRICES. */
  prices: z.record(modelName, modelPriceSchema).default({}),
  /** Signals one instance may propose in one cycle; more and its whole output is refused. */
  maxSignalsPerInstance: z.number().int().min(1).max(10).default(3),
});

export type LlmConfig = z.output<typeof llmConfigSchema>;
export type LlmConfigInput = z.input<typeof llmConfigSchema>;

/** The defaults: rules, nothing to configure. */
export function defaultLlmConfig(): LlmConfig {
  return llmConfigSchema.parse({});
}

/** The price of a model from config, else the built-in table, else null (unknown). */
export function priceOf(config: Pick<LlmConfig, 'prices'>, model: string): ModelPrice | null {
  const exact = config.prices[model] ?? DEFAULT_PRICES[model];
  if (exact) return exact;
  // A dated snapshot (`claude-sonnet-4-5-20250929`) costs what its family name costs.
  const family = [...Object.keys(config.prices), ...Object.keys(DEFAULT_PRICES)]
    .filter((name) => model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return family ? (config.prices[family] ?? DEFAULT_PRICES[family] ?? null) : null;
}
