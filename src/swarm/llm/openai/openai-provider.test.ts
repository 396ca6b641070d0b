import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../domain/index.js';
import { FakeLlmServer } from '../../../../test/fakes/llm-server/index.js';
import { bareRequest } from '../../test-support/scripted-provider.js';
import { CONTRACT_KEY, describeProviderContract } from '../provider.contract.js';
import { OpenAiProvider } from './openai-provider.js';

describeProviderContract(
  'openai',
  (server) =>
    new OpenAiProvider({ baseUrl: server.openaiBaseUrl, apiKey: CONTRACT_KEY, clock: new RealClock() }),
);

describe('OpenAiProvider', () => {
  it('sends model, output cap and temperature, and estimates usage when a server reports none', async () => {
    const server = await FakeLlmServer.start({ handler: () => ({ kind: 'text', text: 'x'.repeat(40) }) });
    try {
      const provider = new OpenAiProvider({
        baseUrl: server.openaiBaseUrl,
        apiKey: 'any',
        clock: new RealClock(),
      });
      const res = await provider.complete(bareRequest('o'), {
        signal: new AbortController().signal,
        timeoutMs: 5000,
      });
      expect(res.usage).toMatchObject({ outputTokens: 10, estimated: false });
      expect(server.requests[0]!.body).toMatchObject({
        model: 'gpt-4o-mini',
        max_tokens: 100,
        temperature: 0,
      });

      server.setHandler(() => ({ kind: 'text', text: 'y'.repeat(40), omitUsage: true }));
      const estimated = await provider.complete(bareRequest('o'), {
        signal: new AbortController().signal,
        timeoutMs: 5000,
      });
      expect(estimated.text).toBe('y'.repeat(40));
      expect(estimated.usage).toMatchObject({ outputTokens: 10, cacheReadTokens: 0, estimated: true });
      expect(estimated.usage.inputTokens).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
