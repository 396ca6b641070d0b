/**
 * What the terminal sends, written down: the JSON envelopes (zod, tolerant: unknown keys pass) and,
 * per endpoint, the columns we read and their kinds. Columns may come in any order and extra
 * columns are ignored; a `?` kind may be missing or empty. Column names are v3's; v2 bodies are
 * renamed to them on arrival (see `api-v2.ts`).
 */
import { z } from 'zod';

/** v3 JSON: `{"response": [...]}` (nested `{contract, data}` entries, or flat objects). */
export const v3Envelope = z.looseObject({ response: z.array(z.unknown()) });

/** Legacy JSON (all of v2, and v3's `json_legacy`): a header whose `format` names the row columns. */
export const legacyEnvelope = z.looseObject({
  header: z.looseObject({
    format: z.array(z.string()).nullish(),
    next_page: z.unknown().optional(),
    error_type: z.unknown().optional(),
    error_msg: z.unknown().optional(),
  }),
  response: z.array(z.unknown()).nullish(),
});

/** How one cell is read. */
export type CellKind = 'number' | 'int' | 'string' | 'date' | 'timestamp' | 'right';
export type ColumnSpec = Readonly<Record<string, CellKind | `${CellKind}?`>>;

const CONTRACT = { symbol: 'string', expiration: 'date', strike: 'number', right: 'right' } as const;

const QUOTE = {
  bid_size: 'int',
  bid: 'number',
  bid_condition: 'int?',
  bid_exchange: 'int?',
  ask_size: 'int',
  ask: 'number',
  ask_condition: 'int?',
  ask_exchange: 'int?',
} as const;

export const OPTION_QUOTE = { ...CONTRACT, timestamp: 'timestamp', ...QUOTE } as const satisfies ColumnSpec;

export const OPTION_OHLC = {
  ...CONTRACT,
  timestamp: 'timestamp?',
  close: 'number?',
  volume: 'int?',
  count: 'int?',
} as const satisfies ColumnSpec;

export const OPTION_OPEN_INTEREST = {
  ...CONTRACT,
  timestamp: 'timestamp?',
  open_interest: 'int',
} as const satisfies ColumnSpec;

/** First-order Greeks (vega and rho per 1.00 of vol and rate, theta per calendar day). */
export const OPTION_GREEKS = {
  ...CONTRACT,
  timestamp: 'timestamp?',
  delta: 'number?',
  theta: 'number?',
  vega: 'number?',
  rho: 'number?',
  implied_vol: 'number?',
  iv_error: 'number?',
  underlying_price: 'number?',
} as const satisfies ColumnSpec;

export const OPTION_EOD = {
  ...CONTRACT,
  created: 'timestamp',
  close: 'number?',
  volume: 'int?',
  bid: 'number?',
  ask: 'number?',
} as const satisfies ColumnSpec;

export const STOCK_QUOTE = {
  symbol: 'string?',
  timestamp: 'timestamp',
  ...QUOTE,
} as const satisfies ColumnSpec;

export const STOCK_OHLC = {
  symbol: 'string?',
  timestamp: 'timestamp?',
  close: 'number?',
  volume: 'int?',
} as const satisfies ColumnSpec;

export const STOCK_EOD = {
  created: 'timestamp',
  close: 'number?',
  bid: 'number?',
  ask: 'number?',
} as const satisfies ColumnSpec;

export const EXPIRATION_LIST = { expiration: 'date' } as const satisfies ColumnSpec;
export const STRIKE_LIST = { strike: 'number' } as const satisfies ColumnSpec;
export const RATE_EOD = { created: 'date', rate: 'number' } as const satisfies ColumnSpec;
export const CALENDAR_DAY = {
  type: 'string',
  open: 'string?',
  close: 'string?',
} as const satisfies ColumnSpec;
export const CALENDAR_YEAR = { date: 'date', ...CALENDAR_DAY } as const satisfies ColumnSpec;
