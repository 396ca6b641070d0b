import type { Clock } from '../../domain/index.js';
import { AnthropicProvider } from './anthropic/index.js';
import type { LlmConfig } from './llm-config.js';
import { OpenAiProvider } from './openai/index.js';
import { LlmCallError, type LlmProvider } from './provider.js';
import { RulesProvider } from './rules/index.js';
import type { LlmSelection } from './selection.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Key placeholder for OpenAI- or Anthropic-compatible servers at a custom base URL (Ollama, vLLM,
 * llama.cpp, a proxy) when no key is set: they take any key. Not a secret.
 */
export const NO_KEY_PLACEHOLDER = 'swarmdesk-no-key';

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

const VENDOR_HOSTS = new Set(['api.anthropic.com', 'api.openai.com']);

/** A base URL that is not the vendor's own API (a local or self-hosted server). */
function isCustomEndpoint(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  try {
    return !VENDOR_HOSTS.has(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/** Where a provider's calls go: the env var wins over config; undefined means the vendor's own API. */
export function resolveBaseUrl(
  kind: 'anthropic' | 'openai',
  config: LlmConfig,
  env: Env,
): string | undefined {
  return (
    nonEmpty(kind === 'anthropic' ? env.ANTHROPIC_BASE_URL : env.OPENAI_BASE_URL) ?? config[kind].baseUrl
  );
}

/** Fails every call with `missing_api_key`: a configuration problem reported per instance, not a crash. */
class MissingKeyProvider implements LlmProvider {
  constructor(
    readonly kind: 'anthropic' | 'openai',
    private readonly variable: string,
  ) {}
  complete(): Promise<never> {
    return Promise.reject(
      new LlmCallError(
        'missing_api_key',
        `${this.kind}: ${this.variable} is not set (keys come only from the environment)`,
      ),
    );
  }
}

/**
 * The one place that chooses adapters. Clients are made once per provider and reused (their
 * connection pools too). Keys only from `env`: ANTHROPIC_API_KEY / OPENAI_API_KEY. When a key is
 * missing, a custom base URL gets `NO_KEY_PLACEHOLDER` (local servers ignore keys); the vendor's own
 * API gets a provider whose calls fail with `missing_api_key`.
 */
export class ProviderFactory {
  private readonly cache = new Map<string, LlmProvider>();

  constructor(
    private readonly config: LlmConfig,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  get(selection: LlmSelection): LlmProvider {
    const cached = this.cache.get(selection.provider);
    if (cached) return cached;
    const provider = this.make(selection.provider);
    this.cache.set(selection.provider, provider);
    return provider;
  }

  private make(kind: LlmSelection['provider']): LlmProvider {
    if (kind === 'rules') return new RulesProvider(this.config.maxSignalsPerInstance);
    const variable = kind === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
    const baseUrl = resolveBaseUrl(kind, this.config, this.env);
    const key = nonEmpty(this.env[variable]) ?? (isCustomEndpoint(baseUrl) ? NO_KEY_PLACEHOLDER : undefined);
    if (!key) return new MissingKeyProvider(kind, variable);
    return kind === 'anthropic'
      ? new AnthropicProvider({ baseUrl, apiKey: key, clock: this.clock })
      : new OpenAiProvider({ baseUrl, apiKey: key, clock: this.clock });
  }
}
