/**
 * What the ThetaData adapter is configured with: the parsed `marketData` section of the config file
 * (`source: "thetadata"`), plus a few knobs tests and the bench set in code.
 */
import { MarketDataError } from '../index.js';

export type ThetaDataTier = 'free' | 'value' | 'standard' | 'pro';
export type ThetaDataApiVersion = 'v3' | 'v2';

/** The parsed config section (`thetaDataSchema` in `src/config/sections/market-data.ts`; `thetaDataOptionsSchema` here). */
export interface ThetaDataMarketOptions {
  readonly source?: 'thetadata';
  /** Terminal base URL, e.g. `http://127.0.0.1:25503` (the `/v3` or `/v2` prefix is added here). */
  readonly url: string;
  readonly apiVersion: ThetaDataApiVersion;
  /** The subscription: sets the outstanding-request limit and which endpoints are asked at all. */
  readonly tier: ThetaDataTier;
  /** Per-request timeout, ms. */
  readonly timeout: number;
  /** The watch list `symbols()` reports. */
  readonly symbols: readonly string[];
  /** A quote older than this is flagged `stale`, ms. */
  readonly staleAfter: number;
  /** Retries after a 429, 474 or 571 (never after any other answer). */
  readonly maxRetries: number;
}

/** Settings that are not in the config file (tests, bench, CLI diagnostics). */
export interface ThetaDataTuning {
  /**
   * Body format asked for. v3: `csv` (the terminal's default; the default here), `json` or `ndjson`.
   * v2: `csv` (`use_csv=true`, pages via the `Next-Page` header); otherwise v2's default JSON.
   */
  readonly format?: 'csv' | 'json' | 'ndjson';
  /** Risk-free rate used when the terminal has no SOFR print (v2 has no rate endpoint). */
  readonly fallbackRate?: number;
  /** First retry delay, ms; doubles per retry up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

/** Outstanding requests per account in v3 (v2 had 1/1/2/4 server threads; the lower v3 table is safe). */
export const TIER_CONCURRENCY: Readonly<Record<ThetaDataTier, number>> = {
  free: 1,
  value: 2,
  standard: 4,
  pro: 8,
};

const TIER_RANK: Readonly<Record<ThetaDataTier, number>> = { free: 0, value: 1, standard: 2, pro: 3 };

/** True when `have` includes what `need` includes. */
export function tierCovers(have: ThetaDataTier, need: ThetaDataTier): boolean {
  return TIER_RANK[have] >= TIER_RANK[need];
}

/** The SOFR-like default when nothing better is known (same as the simulated market's default). */
export const DEFAULT_FALLBACK_RATE = 0.04;

export const V3_DEFAULT_URL = 'http://127.0.0.1:25503';
export const V2_DEFAULT_PORT = 25510;

/** Where requests go: `http://host:port/v3`, with host and port kept for messages. */
export interface TerminalEndpoint {
  readonly version: ThetaDataApiVersion;
  /** `http://127.0.0.1:25503/v3` */
  readonly base: string;
  /** `127.0.0.1:25503` */
  readonly hostPort: string;
}

/**
 * The terminal base for the configured version. v2 terminals listen on 25510: when `apiVersion` is v2
 * and the URL is the v3 default, the v2 port is used. The host is never rewritten (mixing `localhost`
 * and `127.0.0.1` makes the terminal answer 476).
 */
export function terminalEndpoint(
  options: Pick<ThetaDataMarketOptions, 'url' | 'apiVersion'>,
): TerminalEndpoint {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (cause) {
    throw new MarketDataError(
      'UNAVAILABLE',
      `thetadata: marketData.url is not a URL: ${JSON.stringify(options.url)}`,
      {
        cause,
      },
    );
  }
  if (url.protocol !== 'http:') {
    throw new MarketDataError(
      'UNAVAILABLE',
      `thetadata: marketData.url must be http:// (the terminal serves plain HTTP on 127.0.0.1), got ${options.url}`,
    );
  }
  if (url.hostname === 'localhost') {
    throw new MarketDataError(
      'UNAVAILABLE',
      `thetadata: marketData.url uses localhost (${options.url}); use 127.0.0.1 — the terminal binds IPv4 and answers 476 WRONG_IP when localhost and 127.0.0.1 are mixed`,
    );
  }
  if (options.apiVersion === 'v2' && url.origin === new URL(V3_DEFAULT_URL).origin)
    url.port = String(V2_DEFAULT_PORT);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v[23]$/, '');
  return {
    version: options.apiVersion,
    base: `${url.origin}${path}/${options.apiVersion}`,
    hostPort: url.host,
  };
}
