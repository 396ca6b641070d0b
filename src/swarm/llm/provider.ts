import { SwarmdeskError, type InstanceId } from '../../domain/index.js';
import type { FailureReason } from '../errors.js';
import type { InstanceContext } from '../context/market-context.js';
import type { TemplateParameters } from '../templates/template-schema.js';
import type { RawUsage } from './usage.js';

/** One block of the static prompt. `cache` marks the end of a prefix worth caching. */
export interface PromptBlock {
  readonly text: string;
  readonly cache: boolean;
}

/**
 * What an instance is asked. `system` is static (contract, then rendered template) and comes first
 * so providers can cache it; `user` is this cycle's market context. `structured` carries the same
 * inputs as data for the rules provider; LLM providers ignore it.
 */
export interface LlmRequest {
  readonly instanceId: InstanceId;
  readonly model: string | null;
  readonly system: readonly PromptBlock[];
  readonly user: string;
  readonly maxOutputTokens: number;
  readonly temperature: number;
  readonly structured: {
    readonly template: string;
    readonly rulesScreen: string | null;
    readonly parameters: TemplateParameters;
    readonly context: InstanceContext;
  };
}

/** A provider's answer: the text (untrusted), usage as reported, the model that answered. */
export interface LlmResponse {
  readonly text: string;
  readonly usage: RawUsage;
  /** The model that answered, or null for rules. */
  readonly model: string | null;
  readonly stopReason: string | null;
}

export interface CallOptions {
  /** Aborts the call and closes its connection (per-call timeout, deadline, budget). */
  readonly signal: AbortSignal;
  /** The SDK's own timeout, a backstop behind ours. */
  readonly timeoutMs: number;
}

/** The narrow interface every provider adapter implements. */
export interface LlmProvider {
  readonly kind: 'anthropic' | 'openai' | 'rules';
  complete(request: LlmRequest, options: CallOptions): Promise<LlmResponse>;
}

/**
 * A failed call, classified. `retryable` for 429, 5xx, 529 and dropped connections; `retryAfterMs`
 * when the server said how long to wait.
 */
export class LlmCallError extends SwarmdeskError {
  constructor(
    readonly reason: FailureReason | 'aborted',
    message: string,
    options: {
      cause?: unknown;
      retryable?: boolean;
      retryAfterMs?: number | null;
      status?: number | null;
    } = {},
  ) {
    super(`LLM_${reason.toUpperCase()}`, message, options);
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.status = options.status ?? null;
  }
  readonly retryAfterMs: number | null;
  readonly status: number | null;
}
