import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../domain/index.js';
import { FakeLlmServer } from '../../../../test/fakes/llm-server/index.js';
import { bareRequest } from '../../test-support/scripted-provider.js';
import { CONTRACT_KEY, describeProviderContract } from '../provider.contract.js';
import { AnthropicProvider } from './anthropic-provider.js';

describeProviderContract(
  'anthropic',
  (server) =>
    new AnthropicProvider({ baseUrl: server.anthropicBaseUrl, apiKey: CONTRACT_KEY, clock: new RealClock() }),
);

describe('AnthropicProvider', () => {
  it('marks the rendered template for prompt caching and leaves the context unmarked', async () => {
    const server = await FakeLlmServer.start();
    try {
      const provider = new AnthropicProvider({
        baseUrl: server.anthropicBaseUrl,
        apiKey: CONTRACT_KEY,
        clock: new RealClock(),
      });
      await provider.complete(
        {
          ...bareRequest('a', 'claude-sonnet-4-6'),
          system: [
            { text: 'contract', cache: false },
            { text: 'template', cache: true },
          ],
        },
        { signal: new AbortController().signal, timeoutMs: 5000 },
      );
      const body = server.requests[0]!.body as {
        system: { text: string; cache_control?: unknown }[];
        messages: unknown[];
      };
      expect(body.system.map((b) => [b.text, b.cache_control ?? null])).toEqual([
        ['contract', null],
        ['template', { type: 'ephemeral' }],
      ]);
      expect(JSON.stringify(body.messages)).not.toContain('cache_control');
    } finally {
      await server.close();
    }
  });
});

describe('AnthropicProvider without usage in the body', () => {
  it('estimates the tokens and says so', async () => {
    const server = await FakeLlmServer.start({
      handler: () => ({ kind: 'text', text: 'z'.repeat(80), omitUsage: true }),
    });
    try {
      const provider = new AnthropicProvider({
        baseUrl: server.anthropicBaseUrl,
        apiKey: CONTRACT_KEY,
        clock: new RealClock(),
      });
      const res = await provider.complete(bareRequest('a', 'claude-haiku-4-5'), {
        signal: new AbortController().signal,
        timeoutMs: 5000,
      });
      expect(res.usage).toMatchObject({ outputTokens: 20, estimated: true });
    } finally {
      await server.close();
    }
  });
});
