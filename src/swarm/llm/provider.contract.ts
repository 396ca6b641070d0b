/**
 * The contract every LLM provider adapter meets, run against the fake LLM server with the real SDK
 * client. Each adapter's test file calls `describeProviderContract`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InstanceId } from '../../domain/index.js';
import { FakeLlmServer, type FakeApi, type FakeReply } from '../../../test/fakes/llm-server/index.js';
import { buildInstanceContext } from '../context/market-context.js';
import { LlmCallError, type LlmProvider, type LlmRequest } from './provider.js';

export const CONTRACT_KEY = 'sk-test-contract-key';

function request(model = 'fake-model'): LlmRequest {
  return {
    instanceId: 'contract' as InstanceId,
    model,
    system: [
      { text: 'CONTRACT TEXT', cache: false },
      { text: 'TEMPLATE TEXT', cache: true },
    ],
    user: 'CONTEXT TEXT',
    maxOutputTokens: 256,
    temperature: 0,
    structured: {
      template: 't.md',
      rulesScreen: null,
      parameters: { symbol_pool: [] },
      context: buildInstanceContext({ time: 0, today: '2026-11-24', symbols: new Map() }, [], {
        dte: [0, 1],
        deltas: [0, 1],
        maxExpiries: 1,
        maxRowsPerRight: 40,
      }),
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(LlmCallError);
    return err as LlmCallError;
  }
  throw new Error('expected the call to fail');
}

export function describeProviderContract(api: FakeApi, make: (server: FakeLlmServer) => LlmProvider): void {
  describe(`${api} provider against the fake server (real SDK)`, () => {
    let server: FakeLlmServer;
    let provider: LlmProvider;
    let reply: FakeReply;
    const call = (r = request(), signal = new AbortController().signal) =>
      provider.complete(r, { signal, timeoutMs: 10_000 });

    beforeAll(async () => {
      server = await FakeLlmServer.start({ handler: () => reply });
      provider = make(server);
    });
    afterAll(async () => server.close());
    beforeEach(() => {
      server.requests.length = 0;
    });

    it('returns the assistant text, the model and the usage it reported', async () => {
      reply = { kind: 'text', text: '{"signals": []}', usage: { inputTokens: 11, outputTokens: 7 } };
      const res = await call();
      expect(res.text).toBe('{"signals": []}');
      expect(res.model).toBe('fake-model');
      expect(res.usage).toMatchObject({ inputTokens: 11, outputTokens: 7, estimated: false });
    });

    it('sends the key from its options and the static prompt before the context', async () => {
      reply = { kind: 'text', text: 'ok' };
      await call();
      const sent = server.requests[0]!;
      // SDKs differ in the header (x-api-key, or a bearer token); the key is what matters.
      const auth = String(sent.headers['x-api-key'] ?? sent.headers.authorization ?? '').replace(
        /^Bearer /,
        '',
      );
      expect(auth).toBe(CONTRACT_KEY);
      expect(sent.system.indexOf('CONTRACT TEXT')).toBeLessThan(sent.system.indexOf('TEMPLATE TEXT'));
      expect(sent.system).not.toContain('CONTEXT TEXT');
      expect(sent.user).toContain('CONTEXT TEXT');
      expect(sent.body.stream).toBeFalsy();
    });

    it('gets the repeated static prefix from the prompt cache on the next call', async () => {
      reply = { kind: 'text', text: 'ok' };
      const r = request('cache-model');
      await call({
        ...r,
        system: [
          { text: 'CACHE ME', cache: false },
          { text: 'AND ME', cache: true },
        ],
      });
      const second = await call({
        ...r,
        system: [
          { text: 'CACHE ME', cache: false },
          { text: 'AND ME', cache: true },
        ],
      });
      expect(second.usage.cacheReadTokens).toBeGreaterThan(0);
    });

    it('classifies 429 as rate_limited with the Retry-After, and makes one request only (SDK retries off)', async () => {
      reply = { kind: 'status', status: 429, retryAfter: '2' };
      const err = await failure(call());
      expect(err).toMatchObject({ reason: 'rate_limited', retryable: true, retryAfterMs: 2000, status: 429 });
      expect(server.requests).toHaveLength(1);
    });

    it('reads retry-after-ms before retry-after', async () => {
      reply = { kind: 'status', status: 429, retryAfter: '9', retryAfterMs: 250 };
      expect((await failure(call())).retryAfterMs).toBe(250);
    });

    it('classifies 529 as overloaded and retryable', async () => {
      reply = { kind: 'status', status: 529 };
      expect(await failure(call())).toMatchObject({ reason: 'overloaded', retryable: true });
    });

    it('classifies 500 as a retryable server error', async () => {
      reply = { kind: 'status', status: 500 };
      expect(await failure(call())).toMatchObject({ reason: 'server_error', retryable: true, status: 500 });
    });

    it('classifies 401 as auth, not retryable', async () => {
      reply = { kind: 'status', status: 401 };
      expect(await failure(call())).toMatchObject({ reason: 'auth', retryable: false });
    });

    it('classifies a malformed JSON body as bad_response, not retryable', async () => {
      reply = { kind: 'malformed' };
      expect(await failure(call())).toMatchObject({ reason: 'bad_response', retryable: false });
    });

    it('classifies JSON of the wrong shape as bad_response', async () => {
      reply = { kind: 'wrong_shape' };
      expect(await failure(call())).toMatchObject({ reason: 'bad_response' });
    });

    it('classifies a truncated body as a retryable connection failure', async () => {
      reply = { kind: 'truncated' };
      expect(await failure(call())).toMatchObject({ reason: 'connection', retryable: true });
    });

    it('classifies a dropped connection as a retryable connection failure', async () => {
      reply = { kind: 'reset' };
      expect(await failure(call())).toMatchObject({ reason: 'connection', retryable: true });
    });

    it('aborts a hanging call on its signal and closes the connection', async () => {
      reply = { kind: 'hang' };
      const closedBefore = server.hangsClosed;
      const controller = new AbortController();
      const pending = call(request(), controller.signal);
      expect(await server.waitFor(() => server.hangsOpen > 0)).toBe(true);
      controller.abort(new Error('deadline'));
      expect(await failure(pending)).toMatchObject({ reason: 'aborted' });
      expect(await server.waitFor(() => server.hangsClosed === closedBefore + 1)).toBe(true);
    });
  });
}
