import { LlmCallError } from './provider.js';

interface HeadersLike {
  get(name: string): string | null;
}

interface HttpErrorLike {
  readonly status?: unknown;
  readonly headers?: unknown;
  readonly error?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
}

function headersOf(err: HttpErrorLike): HeadersLike | null {
  const h = err.headers;
  return h !== null && typeof h === 'object' && typeof (h as HeadersLike).get === 'function'
    ? (h as HeadersLike)
    : null;
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms`, then `retry-after` as seconds or
 * an HTTP date (relative to `now`). Null when absent or unreadable.
 */
export function retryAfterMs(headers: HeadersLike | null, now: number): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function bodyErrorType(err: HttpErrorLike): string | null {
  const body = err.error;
  if (body === null || typeof body !== 'object') return null;
  const inner = (body as { error?: unknown; type?: unknown }).error;
  const type =
    inner !== null && typeof inner === 'object'
      ? (inner as { type?: unknown }).type
      : (body as { type?: unknown }).type;
  return typeof type === 'string' ? type : null;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

function isConnectionFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (
      e.name === 'APIConnectionError' ||
      (e instanceof TypeError && /terminated|fetch failed/i.test(e.message))
    ) {
      return true;
    }
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /^(ECONNRESET|ECONNREFUSED|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)/.test(code)
    )
      return true;
  }
  return false;
}

/**
 * Maps whatever an SDK threw to an `LlmCallError`. Both official SDKs throw errors with `status`,
 * `headers` and the parsed error body, which is all this reads. An abort by our own signal is
 * `aborted`: the executor knows whether that was the per-call timeout, the deadline or the budget.
 */
export function classifyProviderFailure(
  err: unknown,
  signal: AbortSignal,
  now: number,
  provider: string,
): LlmCallError {
  if (err instanceof LlmCallError) return err;
  if (signal.aborted) return new LlmCallError('aborted', `${provider}: call aborted`, { cause: err });
  const e = (err !== null && typeof err === 'object' ? err : {}) as HttpErrorLike;
  const status = typeof e.status === 'number' ? e.status : null;
  const what = `${provider}: ${messageOf(err)}`;
  if (status !== null) {
    const wait = retryAfterMs(headersOf(e), now);
    const base = { cause: err, status, retryAfterMs: wait };
    if (status === 429) return new LlmCallError('rate_limited', what, { ...base, retryable: true });
    if (status === 529 || bodyErrorType(e) === 'overloaded_error') {
      return new LlmCallError('overloaded', what, { ...base, retryable: true });
    }
    if (status >= 500 || status === 408)
      return new LlmCallError('server_error', what, { ...base, retryable: true });
    if (status === 401 || status === 403) return new LlmCallError('auth', what, base);
    return new LlmCallError('bad_request', what, base);
  }
  if (e.name === 'APIConnectionTimeoutError') return new LlmCallError('call_timeout', what, { cause: err });
  if (isConnectionFailure(err)) return new LlmCallError('connection', what, { cause: err, retryable: true });
  if (err instanceof SyntaxError)
    return new LlmCallError('bad_response', `${provider}: response body is not JSON`, { cause: err });
  return new LlmCallError('internal', what, { cause: err });
}
