/** Tickers: plain ASCII, checked before any case folding. */

/** A ticker as exchanges write it: an upper-case letter, then up to nine of A–Z, 0–9 and `.` (`NVDA`, `BRK.B`). */
export const TICKER_PATTERN = /^[A-Z][A-Z0-9.]{0,9}$/;

const TICKER_EITHER_CASE = /^[A-Za-z][A-Za-z0-9.]{0,9}$/;

/**
 * A ticker as a person types it or an LLM writes it, in either case, returned upper-cased — or null
 * when it is not a plain ASCII ticker. The shape is checked before upper-casing because
 * `toUpperCase` maps some non-ASCII letters onto ASCII ones (`"Gſ"` would become `GS`).
 */
export function tickerFromInput(raw: string): string | null {
  return TICKER_EITHER_CASE.test(raw) ? raw.toUpperCase() : null;
}
