/** What the fake server does with one request. */
export type FakeReply =
  /** A normal answer whose assistant text is `text`. */
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly latencyMs?: number;
      readonly usage?: Partial<FakeUsage>;
      /** Leave usage out of the body, as some OpenAI-compatible servers do. */
      readonly omitUsage?: boolean;
    }
  /** An answer that calls tools (Anthropic `tool_use` blocks / OpenAI `tool_calls`), with optional text. */
  | {
      readonly kind: 'tool_calls';
      readonly calls: readonly { readonly name: string; readonly input: unknown }[];
      readonly text?: string;
      readonly latencyMs?: number;
      readonly usage?: Partial<FakeUsage>;
    }
  /** An HTTP error in the API's own error format, e.g. 429 with Retry-After, 529 overloaded, 500. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfter?: string;
      readonly retryAfterMs?: number;
      readonly errorType?: string;
      readonly latencyMs?: number;
    }
  /** 200 with a JSON content type and a body that is not JSON. */
  | { readonly kind: 'malformed'; readonly latencyMs?: number }
  /** 200 whose body stops half way: Content-Length promises more, then the socket is destroyed. */
  | { readonly kind: 'truncated'; readonly latencyMs?: number }
  /** 200 with a valid JSON body that is not the API's shape (no content / choices). */
  | { readonly kind: 'wrong_shape'; readonly latencyMs?: number }
  /** The connection is dropped without an answer. */
  | { readonly kind: 'reset'; readonly latencyMs?: number }
  /** Never answers; the connection stays open until the client closes it. */
  | { readonly kind: 'hang' };

export interface FakeUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
}

export type FakeApi = 'anthropic' | 'openai';

/** One request as the fake server received it. */
export interface FakeRequest {
  readonly api: FakeApi;
  readonly model: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Record<string, unknown>;
  /** Arrival order across the server, from 0. */
  readonly index: number;
  /** Arrival order among requests for the same model, from 0. */
  readonly indexForModel: number;
  /** The static prompt prefix (system), for cache simulation and assertions. */
  readonly system: string;
  /** The user message text. */
  readonly user: string;
}

export type FakeHandler = (request: FakeRequest) => FakeReply;

const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The API's error body for a status. */
export function errorBody(api: FakeApi, status: number, errorType?: string): unknown {
  if (api === 'anthropic') {
    const type = errorType ?? anthropicErrorTypes[status] ?? 'api_error';
    return { type: 'error', error: { type, message: `fake ${type}` } };
  }
  return {
    error: {
      message: `fake error ${status}`,
      type: errorType ?? (status === 429 ? 'rate_limit_exceeded' : 'server_error'),
      code: null,
    },
  };
}

/** The API's success body for an assistant text. */
export function successBody(
  api: FakeApi,
  request: FakeRequest,
  text: string,
  usage: FakeUsage | null,
): unknown {
  if (usage === null) {
    const { usage: _omitted, ...rest } = successBody(api, request, text, {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    }) as {
      usage: unknown;
    };
    return rest;
  }
  if (api === 'anthropic') {
    return {
      id: `msg_fake_${request.index}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cache_creation_input_tokens: usage.cacheWriteTokens,
        cache_read_input_tokens: usage.cacheReadTokens,
      },
    };
  }
  return {
    id: `chatcmpl-fake-${request.index}`,
    object: 'chat.completion',
    created: 0,
    model: request.model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: usage.inputTokens + usage.cacheReadTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.cacheReadTokens + usage.outputTokens,
      prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    },
  };
}

/** The API's success body for an answer that calls tools. Call ids are `call_<request>_<n>`. */
export function toolCallsBody(
  api: FakeApi,
  request: FakeRequest,
  calls: readonly { readonly name: string; readonly input: unknown }[],
  text: string,
  usage: FakeUsage,
): unknown {
  const ids = calls.map((_c, i) => `call_${request.index}_${i}`);
  if (api === 'anthropic') {
    return {
      id: `msg_fake_${request.index}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: [
        ...(text ? [{ type: 'text', text }] : []),
        ...calls.map((c, i) => ({ type: 'tool_use', id: ids[i], name: c.name, input: c.input })),
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cache_creation_input_tokens: usage.cacheWriteTokens,
        cache_read_input_tokens: usage.cacheReadTokens,
      },
    };
  }
  return {
    id: `chatcmpl-fake-${request.index}`,
    object: 'chat.completion',
    created: 0,
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || null,
          tool_calls: calls.map((c, i) => ({
            id: ids[i],
            type: 'function',
            function: { name: c.name, arguments: JSON.stringify(c.input) },
          })),
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: {
      prompt_tokens: usage.inputTokens + usage.cacheReadTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.cacheReadTokens + usage.outputTokens,
    },
  };
}
