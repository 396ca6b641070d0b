/**
 * The Theta Terminal's failures as typed errors. The terminal answers with its own HTTP codes (47x,
 * 57x) and a plain-text body; each becomes a `ThetaTerminalError` (a `MarketDataError`) whose
 * `terminalCode` names the code and whose message names the endpoint and what to do.
 */
import { MarketDataError, type MarketDataErrorCode } from '../index.js';
import type { ThetaDataTier } from './options.js';

/** The terminal's names for its status codes (v2 and v3 docs), plus our own for transport failures. */
export type TerminalCode =
  | 'NO_IMPL'
  | 'GONE'
  | 'OS_LIMIT'
  | 'GENERAL'
  | 'PERMISSION'
  | 'NO_DATA'
  | 'INVALID_PARAMS'
  | 'DISCONNECTED'
  | 'TERMINAL_PARSE'
  | 'WRONG_IP'
  | 'NO_PAGE_FOUND'
  | 'INVALID_SESSION_ID'
  | 'LARGE_REQUEST'
  | 'SERVER_STARTING'
  | 'UNCAUGHT_ERROR'
  | 'HTTP_ERROR'
  | 'NOT_RUNNING'
  | 'CONNECTION_LOST'
  | 'TIMEOUT'
  | 'BAD_BODY';

export const STATUS_CODES: Readonly<Record<number, TerminalCode>> = {
  404: 'NO_IMPL',
  410: 'GONE',
  429: 'OS_LIMIT',
  470: 'GENERAL',
  471: 'PERMISSION',
  472: 'NO_DATA',
  473: 'INVALID_PARAMS',
  474: 'DISCONNECTED',
  475: 'TERMINAL_PARSE',
  476: 'WRONG_IP',
  477: 'NO_PAGE_FOUND',
  478: 'INVALID_SESSION_ID',
  570: 'LARGE_REQUEST',
  571: 'SERVER_STARTING',
  572: 'UNCAUGHT_ERROR',
};

/** Statuses worth retrying after a pause: queue overflow, upstream lost, upstream restarting. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 474, 571]);

const REASONS: Readonly<Record<TerminalCode, MarketDataErrorCode>> = {
  NO_IMPL: 'UNAVAILABLE',
  GONE: 'UNAVAILABLE',
  OS_LIMIT: 'UNAVAILABLE',
  GENERAL: 'BAD_RESPONSE',
  PERMISSION: 'PERMISSION',
  NO_DATA: 'NO_DATA',
  INVALID_PARAMS: 'BAD_RESPONSE',
  DISCONNECTED: 'UNAVAILABLE',
  TERMINAL_PARSE: 'BAD_RESPONSE',
  WRONG_IP: 'UNAVAILABLE',
  NO_PAGE_FOUND: 'BAD_RESPONSE',
  INVALID_SESSION_ID: 'UNAVAILABLE',
  LARGE_REQUEST: 'BAD_RESPONSE',
  SERVER_STARTING: 'UNAVAILABLE',
  UNCAUGHT_ERROR: 'BAD_RESPONSE',
  HTTP_ERROR: 'BAD_RESPONSE',
  NOT_RUNNING: 'UNAVAILABLE',
  CONNECTION_LOST: 'UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  BAD_BODY: 'BAD_RESPONSE',
};

const RETRYABLE: ReadonlySet<TerminalCode> = new Set<TerminalCode>([
  'OS_LIMIT',
  'DISCONNECTED',
  'SERVER_STARTING',
  'INVALID_SESSION_ID',
  'NOT_RUNNING',
  'CONNECTION_LOST',
  'TIMEOUT',
]);

/** A failure talking to the Theta Terminal. `endpoint` is the path and query asked. */
export class ThetaTerminalError extends MarketDataError {
  constructor(
    readonly terminalCode: TerminalCode,
    readonly endpoint: string,
    message: string,
    readonly status: number | null = null,
    options: { cause?: unknown } = {},
  ) {
    super(REASONS[terminalCode], message, { cause: options.cause, retryable: RETRYABLE.has(terminalCode) });
  }
}

/** What a status-code error message needs to say what to fix. */
export interface StatusContext {
  /** `127.0.0.1:25503` */
  readonly hostPort: string;
  readonly tier: ThetaDataTier;
  /** The least tier the endpoint needs, when known. */
  readonly needsTier: ThetaDataTier | null;
}

function quoted(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  return ` Terminal said: "${text.length > 200 ? `${text.slice(0, 197)}...` : text}".`;
}

/** The error for a non-200 answer (472 included: callers that expect rows turn it into an empty result). */
export function statusError(
  status: number,
  endpoint: string,
  body: string,
  ctx: StatusContext,
): ThetaTerminalError {
  const code = STATUS_CODES[status] ?? 'HTTP_ERROR';
  const head = `ThetaData ${endpoint}: ${status} ${code}`;
  const said = quoted(body);
  let advice: string;
  switch (code) {
    case 'PERMISSION':
      advice =
        ctx.needsTier === null
          ? ` — the subscription does not include this data (configured tier: ${ctx.tier}).`
          : ` — this endpoint needs the ${ctx.needsTier} subscription or higher (configured tier: ${ctx.tier}).`;
      break;
    case 'GONE':
      advice = endpoint.startsWith('/v2/')
        ? ` — the terminal at ${ctx.hostPort} no longer serves the v2 API; switch to v3: set marketData.apiVersion to "v3" (terminal port 25503).`
        : ` — the terminal at ${ctx.hostPort} refused this v3 request as an old-style one.`;
      break;
    case 'DISCONNECTED':
      advice = ` — the terminal at ${ctx.hostPort} is running but not connected to ThetaData (not logged in or upstream down); check its console and /v3/terminal/mdds/status.`;
      break;
    case 'SERVER_STARTING':
      advice = ' — ThetaData is restarting; try again shortly.';
      break;
    case 'OS_LIMIT':
      advice = ` — the terminal's request queue is full (tier ${ctx.tier} allows few outstanding requests).`;
      break;
    case 'WRONG_IP':
      advice = ` — the terminal saw requests from another address; use ${ctx.hostPort} everywhere (never mix localhost and 127.0.0.1).`;
      break;
    case 'INVALID_SESSION_ID':
      advice = ' — another terminal is logged in with this account; run only one.';
      break;
    case 'NO_IMPL':
      advice = ` — the terminal at ${ctx.hostPort} does not know this endpoint (too old a terminal, or the wrong apiVersion).`;
      break;
    case 'INVALID_PARAMS':
    case 'TERMINAL_PARSE':
      advice = ' — the terminal refused the request parameters.';
      break;
    case 'LARGE_REQUEST':
      advice = ' — the request is too large; ask for less at once.';
      break;
    case 'NO_DATA':
      advice = ' — no data for this request.';
      break;
    default:
      advice = '.';
  }
  return new ThetaTerminalError(code, endpoint, `${head}${advice}${said}`, status);
}

/** The error for a connection that could not be made or was dropped. */
export function transportError(endpoint: string, hostPort: string, cause: unknown): ThetaTerminalError {
  if (connectionRefused(cause)) {
    return new ThetaTerminalError(
      'NOT_RUNNING',
      endpoint,
      `Theta Terminal is not running at ${hostPort} (connection refused on ${endpoint}); start it (java -jar ThetaTerminalv3.jar) or fix marketData.url.`,
      null,
      { cause },
    );
  }
  return new ThetaTerminalError(
    'CONNECTION_LOST',
    endpoint,
    `ThetaData ${endpoint}: the connection to ${hostPort} failed: ${messageOf(cause)}`,
    null,
    { cause },
  );
}

function messageOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++)
    parts.push(e.message);
  return parts.join(': ') || String(err);
}

/** True when the error chain holds an ECONNREFUSED (undici nests it in `cause`, sometimes in an AggregateError). */
export function connectionRefused(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length > 0) {
    const e = stack.pop();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if ((e as { code?: unknown }).code === 'ECONNREFUSED') return true;
    stack.push((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) stack.push(...(inner as unknown[]));
  }
  return false;
}
