import { SwarmdeskError } from '../../domain/index.js';
import { DEFAULT_MODELS, PROVIDER_KINDS, type LlmConfig, type ProviderKind } from './llm-config.js';

/** Which provider and model answer for an instance. `rules` has no model. */
export type LlmSelection =
  | { readonly provider: 'rules'; readonly model: null }
  | { readonly provider: 'anthropic' | 'openai'; readonly model: string };

/** Where a selection came from, for the report. */
export type SelectionSource = 'cli' | 'env' | 'instance' | 'config';

/** A `--llm` / SWARMDESK_LLM value that does not name a provider we have. */
export class LlmSelectionError extends SwarmdeskError {
  constructor(
    readonly value: string,
    readonly origin: string,
  ) {
    super(
      'LLM_SELECTION_INVALID',
      `${origin}: ${JSON.stringify(value)} is not a provider selection; expected "rules", "anthropic[:model]" or "openai[:model]" (e.g. "anthropic:claude-sonnet-4-6", "openai:llama3.1")`,
    );
  }
}

function isProviderKind(value: string): value is ProviderKind {
  return (PROVIDER_KINDS as readonly string[]).includes(value);
}

/**
 * Parses `provider[:model]`. The model is everything after the first colon, so Ollama tags such as
 * `openai:llama3.1:8b` keep theirs. A provider without a model takes the configured or built-in default.
 */
export function parseLlmSelection(value: string, config: LlmConfig, origin = '--llm'): LlmSelection {
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  const provider = (colon < 0 ? trimmed : trimmed.slice(0, colon)).toLowerCase();
  const model = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
  if (!isProviderKind(provider)) throw new LlmSelectionError(value, origin);
  if (provider === 'rules') {
    if (model) throw new LlmSelectionError(value, origin);
    return { provider: 'rules', model: null };
  }
  return { provider, model: model || config[provider].model || DEFAULT_MODELS[provider] };
}

/** A run-wide override: `--llm` first, then SWARMDESK_LLM; null when neither is set. */
export interface LlmOverride {
  readonly selection: LlmSelection;
  readonly source: 'cli' | 'env';
}

/**
 * Resolves the run-wide override from the `--llm` flag and the SWARMDESK_LLM environment variable.
 * The flag wins. An override applies to every instance, whatever the instance or config names.
 */
export function resolveLlmOverride(
  config: LlmConfig,
  options: { readonly cli?: string | undefined; readonly env?: Readonly<Record<string, string | undefined>> },
): LlmOverride | null {
  if (options.cli !== undefined && options.cli.trim() !== '') {
    return { selection: parseLlmSelection(options.cli, config, '--llm'), source: 'cli' };
  }
  const fromEnv = options.env?.SWARMDESK_LLM;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { selection: parseLlmSelection(fromEnv, config, 'SWARMDESK_LLM'), source: 'env' };
  }
  return null;
}

/** What an instance file may say about its provider. */
export interface InstanceProviderChoice {
  readonly provider?: ProviderKind | undefined;
  readonly model?: string | undefined;
}

/** The selection for one instance: override, else the instance's own choice, else the config default. */
export function selectionForInstance(
  instance: InstanceProviderChoice,
  config: LlmConfig,
  override: LlmOverride | null,
): { readonly selection: LlmSelection; readonly source: SelectionSource } {
  if (override) return override;
  if (instance.provider) {
    const text = instance.model ? `${instance.provider}:${instance.model}` : instance.provider;
    return { selection: parseLlmSelection(text, config, 'instance'), source: 'instance' };
  }
  const text =
    instance.model && config.provider !== 'rules' ? `${config.provider}:${instance.model}` : config.provider;
  return { selection: parseLlmSelection(text, config, 'config'), source: 'config' };
}
