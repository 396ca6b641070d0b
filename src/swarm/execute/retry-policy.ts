/** Backoff settings, all in ms. */
export interface RetrySettings {
  /** Extra attempts after the first. */
  readonly max: number;
  readonly baseDelay: number;
  readonly maxDelay: number;
}

/**
 * How long to wait before retry number `retry` (1 for the first): the server's Retry-After when it
 * sent one, as is; else exponential backoff capped at `maxDelay`, with up to 25 % jitter taken off
 * so a herd of instances does not come back in step.
 */
export function retryDelayMs(
  retry: number,
  settings: RetrySettings,
  retryAfterMs: number | null,
  random: () => number,
): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const backoff = Math.min(settings.maxDelay, settings.baseDelay * 2 ** (retry - 1));
  return backoff * (1 - 0.25 * random());
}
