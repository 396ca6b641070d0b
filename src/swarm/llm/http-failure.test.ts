import { describe, expect, it } from 'vitest';
import { classifyProviderFailure, retryAfterMs } from './http-failure.js';
import { LlmCallError } from './provider.js';

const NOW = Date.UTC(2026, 10, 24, 15, 30);
const headers = (h: Record<string, string>) => new Headers(h);
const live = new AbortController().signal;

describe('retryAfterMs', () => {
  it('reads milliseconds, seconds and an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '150' }), NOW)).toBe(150);
    expect(retryAfterMs(headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW + 5000).toUTCString() }), NOW)).toBe(5000);
  });

  it('is null when absent or unreadable, and never negative', () => {
    expect(retryAfterMs(null, NOW)).toBeNull();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), NOW)).toBeNull();
    expect(retryAfterMs(headers({ 'retry-after': '-1' }), NOW)).toBeNull();
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW - 5000).toUTCString() }), NOW)).toBe(0);
  });
});

describe('classifyProviderFailure', () => {
  const err = (status: number, body?: unknown) =>
    Object.assign(new Error(`status ${status}`), { status, headers: headers({}), error: body });

  it('maps statuses to reasons and retryability', () => {
    const cases: [number, string, boolean][] = [
      [429, 'rate_limited', true],
      [529, 'overloaded', true],
      [503, 'server_error', true],
      [408, 'server_error', true],
      [401, 'auth', false],
      [403, 'auth', false],
      [400, 'bad_request', false],
    ];
    for (const [status, reason, retryable] of cases) {
      expect(classifyProviderFailure(err(status), live, NOW, 'p')).toMatchObject({
        reason,
        retryable,
        status,
      });
    }
  });

  it('recognises an overloaded error body whatever the status', () => {
    const e = err(500, { type: 'error', error: { type: 'overloaded_error' } });
    expect(classifyProviderFailure(e, live, NOW, 'p').reason).toBe('overloaded');
  });

  it('calls anything after our abort "aborted", and passes our own errors through', () => {
    const c = new AbortController();
    c.abort();
    expect(classifyProviderFailure(new Error('x'), c.signal, NOW, 'p').reason).toBe('aborted');
    const own = new LlmCallError('missing_api_key', 'k');
    expect(classifyProviderFailure(own, live, NOW, 'p')).toBe(own);
  });

  it('tells connection failures, bad bodies and SDK timeouts apart', () => {
    expect(classifyProviderFailure(new TypeError('terminated'), live, NOW, 'p')).toMatchObject({
      reason: 'connection',
      retryable: true,
    });
    const reset = Object.assign(new Error('socket'), { code: 'ECONNRESET' });
    expect(classifyProviderFailure(new Error('wrapped', { cause: reset }), live, NOW, 'p').reason).toBe(
      'connection',
    );
    expect(classifyProviderFailure(new SyntaxError('Unexpected token'), live, NOW, 'p').reason).toBe(
      'bad_response',
    );
    const timeout = Object.assign(new Error('timed out'), { name: 'APIConnectionTimeoutError' });
    expect(classifyProviderFailure(timeout, live, NOW, 'p').reason).toBe('call_timeout');
    expect(classifyProviderFailure('weird', live, NOW, 'p').reason).toBe('internal');
  });
});
