import { SwarmdeskError } from '../domain/index.js';

export type MarketDataErrorCode =
  'UNKNOWN_SYMBOL' | 'UNKNOWN_EXPIRY' | 'NO_DATA' | 'UNAVAILABLE' | 'PERMISSION' | 'BAD_RESPONSE' | 'TIMEOUT';

/** Market data could not be had. `retryable` when waiting may help (rate limits, timeouts). */
export class MarketDataError extends SwarmdeskError {
  constructor(
    readonly reason: MarketDataErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(`MARKET_DATA_${reason}`, message, options);
  }
}
