import OpenAI from 'openai';
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
import { chatCompletionSchema } from './wire.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAiProviderOptions {
  readonly baseUrl: string | undefined;
  readonly apiKey: string;
  readonly clock: Clock;
}

/**
 * OpenAI-compatible chat completions through the official SDK (so Ollama, vLLM and llama.cpp
 * servers work), its retries off. The static prompt goes first in the system message: OpenAI caches
 * long identical prefixes by itself and reports the cached tokens.
 */
export class OpenAiProvider implements LlmProvider {
  readonly kind = 'openai' as const;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiProviderOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
      organization: null,
      project: null,
      maxRetries: 0,
      logLevel: 'off',
    });
  }

  async complete(request: LlmRequest, call: CallOptions): Promise<LlmResponse> {
    if (request.model === null) throw new LlmCallError('bad_request', 'openai: no model selected');
    const system = request.system.map((block) => block.text).join('\n\n');
    let raw: unknown;
    try {
      raw = await this.client.chat.completions.create(
        {
          model: request.model,
          max_tokens: request.maxOutputTokens,
          temperature: request.temperature,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: request.user },
          ],
        },
        { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
      );
    } catch (err) {
      throw classifyProviderFailure(err, call.signal, this.options.clock.now(), 'openai');
    }
    const parsed = validateUntrusted(raw, chatCompletionSchema);
    if (!parsed.ok) {
      throw new LlmCallError(
        'bad_response',
        `openai: unexpected response shape (${parsed.problems.join('; ')})`,
      );
    }
    const completion = parsed.value;
    const choice = completion.choices[0]!;
    const text = choice.message?.content ?? '';
    const u = completion.usage;
    const prompt = u?.prompt_tokens;
    const output = u?.completion_tokens;
    const cached = u?.prompt_tokens_details?.cached_tokens ?? 0;
    const reported = typeof prompt === 'number' && typeof output === 'number';
    return {
      text,
      model: completion.model ?? request.model,
      stopReason: choice.finish_reason ?? null,
      usage: {
        // OpenAI counts cached tokens inside prompt_tokens; we keep them apart to price them apart.
        inputTokens: reported ? Math.max(0, prompt - cached) : estimateTokens(system + request.user),
        outputTokens: reported ? output : estimateTokens(text),
        cacheReadTokens: reported ? cached : 0,
        cacheWriteTokens: 0,
        estimated: !reported,
      },
    };
  }
}
