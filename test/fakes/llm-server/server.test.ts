import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byModel, FakeLlmServer, type FakeReply } from './index.js';

let server: FakeLlmServer;
let reply: FakeReply = { kind: 'text', text: 'hi' };

beforeAll(async () => {
  server = await FakeLlmServer.start({ handler: () => reply });
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const anthropicBody = (
  model = 'claude-x',
  system: unknown = [{ type: 'text', text: 'SYS', cache_control: { type: 'ephemeral' } }],
) => ({
  model,
  max_tokens: 10,
  system,
  messages: [{ role: 'user', content: 'USER' }],
});
const openaiBody = (model = 'gpt-x') => ({
  model,
  messages: [
    { role: 'system', content: 'SYS' },
    { role: 'user', content: 'USER' },
  ],
});

function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

describe('FakeLlmServer', () => {
  it('listens on 127.0.0.1 with an ephemeral port and answers unknown paths with 404', async () => {
    expect(server.anthropicBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.openaiBaseUrl).toBe(`${server.anthropicBaseUrl}/v1`);
    expect((await post('/v2/nothing', {})).status).toBe(404);
  });

  it('speaks the Anthropic Messages API and records the request', async () => {
    reply = { kind: 'text', text: 'hello' };
    const res = await post('/v1/messages', anthropicBody());
    const body = (await res.json()) as {
      content: { text: string }[];
      usage: Record<string, number>;
      model: string;
    };
    expect(body.content[0]!.text).toBe('hello');
    expect(body.model).toBe('claude-x');
    expect(Object.keys(body.usage).sort()).toEqual([
      'cache_creation_input_tokens',
      'cache_read_input_tokens',
      'input_tokens',
      'output_tokens',
    ]);
    expect(server.requests[0]).toMatchObject({
      api: 'anthropic',
      model: 'claude-x',
      system: 'SYS',
      user: 'USER',
      index: 0,
    });
  });

  it('speaks OpenAI chat completions', async () => {
    reply = { kind: 'text', text: 'hello' };
    const body = (await (await post('/v1/chat/completions', openaiBody())).json()) as {
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number };
    };
    expect(body.choices[0]!.message.content).toBe('hello');
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(server.requests[0]).toMatchObject({ api: 'openai', system: 'SYS', user: 'USER' });
  });

  it('simulates a prompt cache: written once, read after, only for a marked Anthropic prefix', async () => {
    reply = { kind: 'text', text: 'x' };
    const usage = async (body: unknown) =>
      ((await (await post('/v1/messages', body)).json()) as { usage: Record<string, number> }).usage;
    const marked = anthropicBody('m', [
      { type: 'text', text: 'A LONG PREFIX', cache_control: { type: 'ephemeral' } },
    ]);
    expect((await usage(marked)).cache_creation_input_tokens).toBeGreaterThan(0);
    expect((await usage(marked)).cache_read_input_tokens).toBeGreaterThan(0);
    const unmarked = anthropicBody('m', 'ANOTHER PREFIX');
    await usage(unmarked);
    expect((await usage(unmarked)).cache_read_input_tokens).toBe(0);
  });

  it('answers 429 with Retry-After and 529 overloaded in the API error format', async () => {
    reply = { kind: 'status', status: 429, retryAfter: '3', retryAfterMs: 3000 };
    const limited = await post('/v1/chat/completions', openaiBody());
    expect([
      limited.status,
      limited.headers.get('retry-after'),
      limited.headers.get('retry-after-ms'),
    ]).toEqual([429, '3', '3000']);
    reply = { kind: 'status', status: 529 };
    const overloaded = await post('/v1/messages', anthropicBody());
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    reply = { kind: 'status', status: 500 };
    expect((await post('/v1/messages', anthropicBody())).status).toBe(500);
  });

  it('sends malformed JSON, wrong shapes, truncated bodies and dropped connections', async () => {
    reply = { kind: 'malformed' };
    await expect((await post('/v1/messages', anthropicBody())).json()).rejects.toThrow(SyntaxError);
    reply = { kind: 'wrong_shape' };
    expect(await (await post('/v1/messages', anthropicBody())).json()).toEqual({ id: 'x', unexpected: true });
    reply = { kind: 'truncated' };
    const truncated = await post('/v1/messages', anthropicBody());
    await expect(truncated.text()).rejects.toThrow();
    reply = { kind: 'reset' };
    await expect(post('/v1/messages', anthropicBody())).rejects.toThrow();
  });

  it('leaves a hanging request open until the client closes it, and counts the close', async () => {
    reply = { kind: 'hang' };
    const closed = server.hangsClosed;
    const controller = new AbortController();
    const pending = post('/v1/messages', anthropicBody(), controller.signal);
    expect(await server.waitFor(() => server.hangsOpen === 1)).toBe(true);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await server.waitFor(() => server.hangsClosed === closed + 1 && server.hangsOpen === 0)).toBe(
      true,
    );
  });

  it('omits usage on request, as some OpenAI-compatible servers do', async () => {
    reply = { kind: 'text', text: 'x', omitUsage: true };
    expect(await (await post('/v1/chat/completions', openaiBody())).json()).not.toHaveProperty('usage');
  });
});

describe('byModel', () => {
  it('plays each model its own sequence, repeating the last reply, with a fallback for others', async () => {
    server.setHandler(
      byModel(
        {
          flaky: [
            { kind: 'status', status: 500 },
            { kind: 'text', text: 'recovered' },
          ],
        },
        { kind: 'text', text: 'other' },
      ),
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/v1/messages', anthropicBody('flaky'))).status);
    expect(statuses).toEqual([500, 200, 200]);
    const other = (await (await post('/v1/messages', anthropicBody('plain'))).json()) as {
      content: { text: string }[];
    };
    expect(other.content[0]!.text).toBe('other');
    expect(server.requests.map((r) => r.indexForModel)).toEqual([0, 1, 2, 0]);
    server.setHandler(() => reply);
  });
});
