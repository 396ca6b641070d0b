import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  errorBody,
  successBody,
  toolCallsBody,
  type FakeApi,
  type FakeHandler,
  type FakeReply,
  type FakeRequest,
  type FakeUsage,
} from './replies.js';

export interface FakeLlmServerOptions {
  /** Added to every reply that does not set its own latency. */
  readonly latencyMs?: number;
  /** Decides each reply; by default every request gets `{"signals": []}`. */
  readonly handler?: FakeHandler;
}

/**
 * A fake LLM API on 127.0.0.1 (ephemeral port) speaking the Anthropic Messages API
 * (`POST /v1/messages`) and OpenAI chat completions (`POST /v1/chat/completions`), non-streaming.
 * Scripted per request; simulates latency, 429 with Retry-After, 529, 500, malformed and truncated
 * bodies, dropped and hanging connections, and prompt-cache hits on a repeated system prefix.
 */
export class FakeLlmServer {
  readonly requests: FakeRequest[] = [];
  /** Requests left hanging whose connection the client has since closed. */
  hangsClosed = 0;
  hangsOpen = 0;
  private handler: FakeHandler;
  private readonly sockets = new Set<Socket>();
  private readonly perModel = new Map<string, number>();
  private readonly seenPrefixes = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    private readonly options: FakeLlmServerOptions,
  ) {
    this.handler = options.handler ?? (() => ({ kind: 'text', text: '{"signals": []}' }));
  }

  /** Starts a server; close it with `close()`. */
  static async start(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
    const server = createServer();
    const fake = new FakeLlmServer(server, options);
    server.on('request', (req, res) => fake.onRequest(req, res));
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** Base URL for the Anthropic SDK (it appends `/v1/messages`). */
  get anthropicBaseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** Base URL for the OpenAI SDK (it appends `/chat/completions`). */
  get openaiBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }
  /** Open TCP connections right now. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Replaces the reply script. */
  setHandler(handler: FakeHandler): void {
    this.handler = handler;
  }

  /** Polls until `predicate` holds or `timeoutMs` passes (for events that follow a client's abort). */
  async waitFor(predicate: () => boolean, timeoutMs = 2000): Promise<boolean> {
    for (let waited = 0; waited <= timeoutMs; waited += 10) {
      if (predicate()) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return predicate();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private later(ms: number, fn: () => void): void {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const api: FakeApi | null = req.url?.endsWith('/v1/messages')
        ? 'anthropic'
        : req.url?.endsWith('/chat/completions')
          ? 'openai'
          : null;
      if (req.method !== 'POST' || api === null) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(api, 400)));
        return;
      }
      const request = this.record(api, req, body);
      this.reply(api, request, this.handler(request), req, res);
    });
  }

  private record(api: FakeApi, req: IncomingMessage, body: Record<string, unknown>): FakeRequest {
    const model = typeof body.model === 'string' ? body.model : '';
    const indexForModel = this.perModel.get(model) ?? 0;
    this.perModel.set(model, indexForModel + 1);
    const { system, user } = promptOf(api, body);
    const request: FakeRequest = {
      api,
      model,
      path: req.url ?? '',
      headers: req.headers,
      body,
      index: this.requests.length,
      indexForModel,
      system,
      user,
    };
    this.requests.push(request);
    return request;
  }

  /**
   * Token counts as the APIs report them, with a prompt cache: Anthropic caches a system prefix marked
   * with `cache_control` (written the first time, read after); OpenAI caches any repeated prefix.
   * `inputTokens` here excludes cached tokens (OpenAI's body adds them back into prompt_tokens).
   */
  private usageFor(request: FakeRequest, text: string, override: Partial<FakeUsage> | undefined): FakeUsage {
    const prefix = Math.ceil(request.system.length / 4);
    const user = Math.ceil(request.user.length / 4);
    const hit = this.seenPrefixes.has(request.system);
    this.seenPrefixes.add(request.system);
    const cacheable =
      request.api === 'openai' || JSON.stringify(request.body.system ?? '').includes('cache_control');
    const base: FakeUsage = !cacheable
      ? { inputTokens: prefix + user, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
      : hit
        ? { inputTokens: user, outputTokens: 0, cacheReadTokens: prefix, cacheWriteTokens: 0 }
        : request.api === 'anthropic'
          ? { inputTokens: user, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: prefix }
          : { inputTokens: prefix + user, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    return { ...base, outputTokens: Math.ceil(text.length / 4), ...override };
  }

  private reply(
    api: FakeApi,
    request: FakeRequest,
    reply: FakeReply,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    if (reply.kind === 'hang') {
      this.hangsOpen++;
      req.socket.on('close', () => {
        this.hangsOpen--;
        this.hangsClosed++;
      });
      return;
    }
    const latency = reply.latencyMs ?? this.options.latencyMs ?? 0;
    this.later(latency, () => {
      if (res.destroyed) return;
      switch (reply.kind) {
        case 'text': {
          const usage = reply.omitUsage ? null : this.usageFor(request, reply.text, reply.usage);
          const json = JSON.stringify(successBody(api, request, reply.text, usage));
          res.writeHead(200, { 'content-type': 'application/json' }).end(json);
          return;
        }
        case 'tool_calls': {
          const text = reply.text ?? '';
          const usage = this.usageFor(request, text + JSON.stringify(reply.calls), reply.usage);
          const json = JSON.stringify(toolCallsBody(api, request, reply.calls, text, usage));
          res.writeHead(200, { 'content-type': 'application/json' }).end(json);
          return;
        }
        case 'status': {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
          if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
          // Tell the SDKs not to second-guess: retries are ours (and theirs are off anyway).
          headers['x-should-retry'] = 'false';
          res
            .writeHead(reply.status, headers)
            .end(JSON.stringify(errorBody(api, reply.status, reply.errorType)));
          return;
        }
        case 'malformed':
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end('{"id": "msg_broken", "content": [ this is not json');
          return;
        case 'wrong_shape':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "x", "unexpected": true}');
          return;
        case 'truncated': {
          const full = JSON.stringify(
            successBody(api, request, '{"signals": []}', this.usageFor(request, '', undefined)),
          );
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length) });
          res.write(full.slice(0, Math.floor(full.length / 3)));
          this.later(5, () => res.socket?.destroy());
          return;
        }
        case 'reset':
          req.socket.destroy();
          return;
      }
    });
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b) =>
        b && typeof b === 'object' && typeof (b as { text?: unknown }).text === 'string'
          ? (b as { text: string }).text
          : '',
      )
      .join('');
  }
  return '';
}

function promptOf(api: FakeApi, body: Record<string, unknown>): { system: string; user: string } {
  const messages = Array.isArray(body.messages)
    ? (body.messages as { role?: unknown; content?: unknown }[])
    : [];
  const user = messages
    .filter((m) => m.role === 'user')
    .map((m) => textOf(m.content))
    .join('\n');
  if (api === 'anthropic') return { system: textOf(body.system), user };
  return {
    system: messages
      .filter((m) => m.role === 'system')
      .map((m) => textOf(m.content))
      .join('\n'),
    user,
  };
}
