import { priceOf, type LlmConfig } from './llm-config.js';

/** Tokens one call (or a sum of calls) used, and what they cost. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  readonly cacheReadTokens: number;
  /** Input tokens written to the provider's prompt cache. */
  readonly cacheWriteTokens: number;
  /** Dollars, or null when a model in the sum has no known price. */
  readonly costUsd: number | null;
  /** HTTP calls made (attempts, including retries). */
  readonly calls: number;
  /** True when a provider did not report usage and the numbers are estimated from text length. */
  readonly estimated: boolean;
}

export const ZERO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
  calls: 0,
  estimated: false,
};

/** Usage as a provider reports it, before pricing. */
export interface RawUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly estimated: boolean;
}

/** A rough token count for text a provider did not count for us (about four characters a token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Prices raw usage for one call. `inputTokens` excludes cached tokens, as Anthropic reports it. */
export function priceUsage(
  raw: RawUsage,
  model: string | null,
  config: Pick<LlmConfig, 'prices'>,
): TokenUsage {
  let costUsd: number | null = 0;
  if (model !== null) {
    const price = priceOf(config, model);
    costUsd =
      price === null
        ? null
        : (raw.inputTokens * price.inputPerMTok +
            raw.outputTokens * price.outputPerMTok +
            raw.cacheReadTokens * (price.cacheReadPerMTok ?? price.inputPerMTok) +
            raw.cacheWriteTokens * (price.cacheWritePerMTok ?? price.inputPerMTok)) /
          1_000_000;
  }
  return { ...raw, costUsd, calls: 1 };
}

/** Sums usage; the cost is unknown (null) as soon as one part is. */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd,
    calls: a.calls + b.calls,
    estimated: a.estimated || b.estimated,
  };
}

/** Tokens that count against the per-cycle token budget. */
export function totalTokens(
  u: Pick<TokenUsage, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
): number {
  return u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}
