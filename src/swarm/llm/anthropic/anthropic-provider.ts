import Anthropic from '@anthropic-ai/sdk';
import type { Clock } from '../../../domain/index.js';
import { validateUntrusted } from '../../untrusted.js';
import { classifyProviderFailure } from '../http-failure.js';
import {
  LlmCallError,
  type CallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../provider.js';
import { estimateTokens } from '../usage.js';
import { anthropicMessageSchema } from './wire.js';

export interface AnthropicProviderOptions {
  readonly baseUrl: string | undefined;
  readonly apiKey: string;
  readonly clock: Clock;
}

/**
 * Anthropic Messages API through the official SDK, its retries off (we retry, see
 * docs/decisions/0002-swarm-retries.md). The static system blocks carry `cache_control` so the
 * contract and the rendered template are cached across cycles. No `temperature`: the Messages API
 * of this SDK no longer takes one.
 */
export class AnthropicProvider implements LlmProvider {
  readonly kind = 'anthropic' as const;
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicProviderOptions) {
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? null,
      maxRetries: 0,
      logLevel: 'off',
      // No OpenTelemetry spans per call: we record usage ourselves, and a span costs CPU on every
      // one of hundreds of concurrent calls.
      openTelemetry: false,
    });
  }

  async complete(request: LlmRequest, call: CallOptions): Promise<LlmResponse> {
    if (request.model === null) throw new LlmCallError('bad_request', 'anthropic: no model selected');
    let raw: unknown;
    try {
      raw = await this.client.messages.create(
        {
          model: request.model,
          max_tokens: request.maxOutputTokens,
          system: request.system.map((block) => ({
            type: 'text' as const,
            text: block.text,
            ...(block.cache ? { cache_control: { type: 'ephemeral' as const } } : {}),
          })),
          messages: [{ role: 'user', content: request.user }],
        },
        { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
      );
    } catch (err) {
      throw classifyProviderFailure(err, call.signal, this.options.clock.now(), 'anthropic');
    }
    const parsed = validateUntrusted(raw, anthropicMessageSchema);
    if (!parsed.ok) {
      throw new LlmCallError(
        'bad_response',
        `anthropic: unexpected response shape (${parsed.problems.join('; ')})`,
      );
    }
    const message = parsed.value;
    const text = message.content
      .filter((block) => block.type === 'text' && typeof block.text === 'string')
      .map((block) => block.text)
      .join('');
    const u = message.usage;
    const reported = typeof u?.input_tokens === 'number' && typeof u.output_tokens === 'number';
    return {
      text,
      model: message.model ?? request.model,
      stopReason: message.stop_reason ?? null,
      usage: {
        inputTokens: reported
          ? u.input_tokens!
          : estimateTokens(request.system.map((b) => b.text).join('') + request.user),
        outputTokens: reported ? u.output_tokens! : estimateTokens(text),
        cacheReadTokens: u?.cache_read_input_tokens ?? 0,
        cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
        estimated: !reported,
      },
    };
  }
}
