import { describe, expect, it } from 'vitest';
import { RealClock } from '../../domain/index.js';
import { bareRequest } from '../test-support/scripted-provider.js';
import { llmConfigSchema } from './llm-config.js';
import { FakeLlmServer } from '../../../test/fakes/llm-server/index.js';
import { NO_KEY_PLACEHOLDER, ProviderFactory, resolveBaseUrl } from './provider-factory.js';

const clock = new RealClock();
const call = { signal: new AbortController().signal, timeoutMs: 1000 };

describe('ProviderFactory', () => {
  it('lets the environment base URL win over config, and config over the vendor default', () => {
    const config = llmConfigSchema.parse({ openai: { baseUrl: 'http://127.0.0.1:11434/v1' } });
    expect(resolveBaseUrl('openai', config, {})).toBe('http://127.0.0.1:11434/v1');
    expect(resolveBaseUrl('openai', config, { OPENAI_BASE_URL: 'http://10.0.0.1/v1' })).toBe(
      'http://10.0.0.1/v1',
    );
    expect(resolveBaseUrl('anthropic', config, {})).toBeUndefined();
  });

  it('fails each call with missing_api_key when the vendor API has no key in the environment', async () => {
    const factory = new ProviderFactory(llmConfigSchema.parse({}), {}, clock);
    for (const provider of ['anthropic', 'openai'] as const) {
      const p = factory.get({ provider, model: 'm' });
      await expect(p.complete(bareRequest('x'), call)).rejects.toMatchObject({ reason: 'missing_api_key' });
    }
  });

  it('sends a placeholder key to a local server when none is set, and reuses one client', async () => {
    const server = await FakeLlmServer.start();
    try {
      const factory = new ProviderFactory(
        llmConfigSchema.parse({}),
        { OPENAI_BASE_URL: server.openaiBaseUrl },
        clock,
      );
      const a = factory.get({ provider: 'openai', model: 'llama3.1' });
      expect(factory.get({ provider: 'openai', model: 'qwen' })).toBe(a);
      await a.complete(bareRequest('x', 'llama3.1'), call);
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${NO_KEY_PLACEHOLDER}`);
    } finally {
      await server.close();
    }
  });

  it('sends the key from the environment when there is one', async () => {
    const server = await FakeLlmServer.start();
    try {
      const env = { ANTHROPIC_BASE_URL: server.anthropicBaseUrl, ANTHROPIC_API_KEY: 'sk-from-env' };
      const factory = new ProviderFactory(llmConfigSchema.parse({}), env, clock);
      await factory
        .get({ provider: 'anthropic', model: 'claude-haiku-4-5' })
        .complete(bareRequest('x', 'claude-haiku-4-5'), call);
      const h = server.requests[0]!.headers;
      expect(String(h['x-api-key'] ?? h.authorization).replace(/^Bearer /, '')).toBe('sk-from-env');
    } finally {
      await server.close();
    }
  });

  it('gives rules for rules', () => {
    const factory = new ProviderFactory(llmConfigSchema.parse({}), {}, clock);
    expect(factory.get({ provider: 'rules', model: null }).kind).toBe('rules');
  });
});
