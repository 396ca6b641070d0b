import { describe, expect, it } from 'vitest';
import { llmConfigSchema } from './llm-config.js';
import {
  LlmSelectionError,
  parseLlmSelection,
  resolveLlmOverride,
  selectionForInstance,
} from './selection.js';

const config = llmConfigSchema.parse({ provider: 'anthropic', openai: { model: 'llama3.1' } });

describe('parseLlmSelection', () => {
  it('reads provider:model, keeping colons inside the model (Ollama tags)', () => {
    expect(parseLlmSelection('anthropic:claude-sonnet-4-6', config)).toEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
    });
    expect(parseLlmSelection('openai:llama3.1:8b', config)).toEqual({
      provider: 'openai',
      model: 'llama3.1:8b',
    });
  });

  it('fills in the configured, then the built-in, default model', () => {
    expect(parseLlmSelection('openai', config)).toEqual({ provider: 'openai', model: 'llama3.1' });
    expect(parseLlmSelection('anthropic', config)).toEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
    });
  });

  it('makes rules a provider with no model, never a model', () => {
    expect(parseLlmSelection('rules', config)).toEqual({ provider: 'rules', model: null });
    expect(() => parseLlmSelection('rules:gpt', config)).toThrow(LlmSelectionError);
  });

  it('refuses an unknown provider, naming where the value came from', () => {
    expect(() => parseLlmSelection('gemini:pro', config, 'SWARMDESK_LLM')).toThrow(
      /SWARMDESK_LLM: "gemini:pro"/,
    );
  });
});

describe('resolveLlmOverride', () => {
  it('prefers --llm over SWARMDESK_LLM, and has none without either', () => {
    expect(resolveLlmOverride(config, { cli: 'openai:qwen', env: { SWARMDESK_LLM: 'rules' } })).toEqual({
      selection: { provider: 'openai', model: 'qwen' },
      source: 'cli',
    });
    expect(resolveLlmOverride(config, { env: { SWARMDESK_LLM: 'rules' } })).toEqual({
      selection: { provider: 'rules', model: null },
      source: 'env',
    });
    expect(resolveLlmOverride(config, { cli: ' ', env: { SWARMDESK_LLM: '' } })).toBeNull();
  });
});

describe('selectionForInstance', () => {
  it('uses the override, else the instance, else the config default', () => {
    const override = resolveLlmOverride(config, { cli: 'rules' });
    expect(selectionForInstance({ provider: 'openai', model: 'x' }, config, override)).toEqual({
      selection: { provider: 'rules', model: null },
      source: 'cli',
    });
    expect(selectionForInstance({ provider: 'openai', model: 'x' }, config, null)).toEqual({
      selection: { provider: 'openai', model: 'x' },
      source: 'instance',
    });
    expect(selectionForInstance({}, config, null)).toEqual({
      selection: { provider: 'anthropic', model: 'claude-sonnet-4-6' },
      source: 'config',
    });
    expect(selectionForInstance({}, llmConfigSchema.parse({}), null).selection).toEqual({
      provider: 'rules',
      model: null,
    });
  });
});
