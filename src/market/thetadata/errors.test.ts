import { describe, expect, it } from 'vitest';
import { connectionRefused, STATUS_CODES, statusError, transportError } from './errors.js';

const ctx = { hostPort: '127.0.0.1:25503', tier: 'value' as const, needsTier: 'standard' as const };

describe('Theta Terminal status codes as typed errors', () => {
  it('maps every documented code to a stable name, reason and retryability', () => {
    const table = Object.entries(STATUS_CODES).map(([status, code]) => {
      const e = statusError(Number(status), '/v3/x', '', ctx);
      return [Number(status), code, e.terminalCode, e.reason, e.retryable];
    });
    expect(table).toEqual([
      [404, 'NO_IMPL', 'NO_IMPL', 'UNAVAILABLE', false],
      [410, 'GONE', 'GONE', 'UNAVAILABLE', false],
      [429, 'OS_LIMIT', 'OS_LIMIT', 'UNAVAILABLE', true],
      [470, 'GENERAL', 'GENERAL', 'BAD_RESPONSE', false],
      [471, 'PERMISSION', 'PERMISSION', 'PERMISSION', false],
      [472, 'NO_DATA', 'NO_DATA', 'NO_DATA', false],
      [473, 'INVALID_PARAMS', 'INVALID_PARAMS', 'BAD_RESPONSE', false],
      [474, 'DISCONNECTED', 'DISCONNECTED', 'UNAVAILABLE', true],
      [475, 'TERMINAL_PARSE', 'TERMINAL_PARSE', 'BAD_RESPONSE', false],
      [476, 'WRONG_IP', 'WRONG_IP', 'UNAVAILABLE', false],
      [477, 'NO_PAGE_FOUND', 'NO_PAGE_FOUND', 'BAD_RESPONSE', false],
      [478, 'INVALID_SESSION_ID', 'INVALID_SESSION_ID', 'UNAVAILABLE', true],
      [570, 'LARGE_REQUEST', 'LARGE_REQUEST', 'BAD_RESPONSE', false],
      [571, 'SERVER_STARTING', 'SERVER_STARTING', 'UNAVAILABLE', true],
      [572, 'UNCAUGHT_ERROR', 'UNCAUGHT_ERROR', 'BAD_RESPONSE', false],
    ]);
  });

  it('says what to fix: the tier an endpoint needs, v3 for a 410, one address for 476, one terminal for 478', () => {
    expect(
      statusError(471, '/v3/option/snapshot/greeks/first_order?symbol=NVDA', 'PERMISSION', ctx).message,
    ).toBe(
      'ThetaData /v3/option/snapshot/greeks/first_order?symbol=NVDA: 471 PERMISSION — this endpoint needs the standard subscription or higher (configured tier: value). Terminal said: "PERMISSION".',
    );
    expect(statusError(471, '/v3/x', '', { ...ctx, needsTier: null }).message).toContain(
      'the subscription does not include this data',
    );
    expect(statusError(410, '/v2/list/expirations?root=NVDA', 'Gone', ctx).message).toContain('switch to v3');
    expect(statusError(410, '/v3/option/list/expirations', '', ctx).message).toContain('old-style');
    expect(statusError(476, '/v3/x', '', ctx).message).toContain('never mix localhost and 127.0.0.1');
    expect(statusError(478, '/v3/x', '', ctx).message).toContain('run only one');
    expect(statusError(599, '/v3/x', 'boom', ctx)).toMatchObject({ terminalCode: 'HTTP_ERROR', status: 599 });
    expect(statusError(473, '/v3/x', 'x'.repeat(500), ctx).message.length).toBeLessThan(400);
  });

  it('finds ECONNREFUSED however deep undici nests it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25503'), {
      code: 'ECONNREFUSED',
    });
    const nested = new TypeError('fetch failed', { cause: new AggregateError([refused]) });
    expect(connectionRefused(nested)).toBe(true);
    expect(connectionRefused(new TypeError('fetch failed', { cause: new Error('other') }))).toBe(false);
    expect(transportError('/v3/x', '127.0.0.1:25503', nested)).toMatchObject({
      terminalCode: 'NOT_RUNNING',
      retryable: true,
    });
    const reset = transportError(
      '/v3/x',
      '127.0.0.1:25503',
      new TypeError('fetch failed', { cause: new Error('socket hang up') }),
    );
    expect(reset.terminalCode).toBe('CONNECTION_LOST');
    expect(reset.message).toContain('fetch failed: socket hang up');
  });
});
