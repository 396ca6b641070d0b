/** Pure views of an option chain for the CLI: JSON rows and a readable calls | strike | puts table. */
import {
  daysBetween,
  formatStrike,
  midPrice,
  nyDate,
  nyWallTime,
  type ChainRow,
  type OptionChain,
} from '../domain/index.js';

/** One chain row as `swarmdesk chain --json` prints it. */
export interface ChainJsonRow {
  readonly symbol: string;
  /** `YYYY-MM-DD` */
  readonly expiry: string;
  readonly strike: number;
  readonly right: 'C' | 'P';
  readonly bid: number | null;
  readonly ask: number | null;
  readonly mid: number | null;
  readonly bidSize: number;
  readonly askSize: number;
  readonly last: number | null;
  readonly volume: number;
  readonly openInterest: number;
  readonly iv: number | null;
  readonly delta: number | null;
  readonly gamma: number | null;
  /** Per 1.00 of vol. */
  readonly vega: number | null;
  /** −∂V/∂T per year. */
  readonly theta: number | null;
  readonly flags: readonly string[];
  /** Epoch ms of the quote. */
  readonly quoteTime: number;
}

/** The chain's rows as plain JSON-ready objects, in the chain's order. */
export function chainRowsJson(chain: OptionChain): ChainJsonRow[] {
  return chain.rows.map((row) => ({
    symbol: row.contract.symbol,
    expiry: row.contract.expiry,
    strike: row.contract.strike,
    right: row.contract.right === 'call' ? 'C' : 'P',
    bid: row.quote.bid,
    ask: row.quote.ask,
    mid: midPrice(row.quote),
    bidSize: row.quote.bidSize,
    askSize: row.quote.askSize,
    last: row.quote.last,
    volume: row.volume,
    openInterest: row.openInterest,
    iv: row.iv,
    delta: row.greeks?.delta ?? null,
    gamma: row.greeks?.gamma ?? null,
    vega: row.greeks?.vega ?? null,
    theta: row.greeks?.theta ?? null,
    flags: row.flags,
    quoteTime: row.quote.time,
  }));
}

const SIDE_COLUMNS = ['bid', 'ask', 'iv', 'delta', 'oi', 'vol'] as const;
const WIDTH = 8;

function cell(text: string): string {
  return text.padStart(WIDTH);
}

function price(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

function side(row: ChainRow | undefined): string {
  if (!row) return SIDE_COLUMNS.map(() => cell('')).join('');
  const flag = row.flags.length > 0 ? '!' : ' ';
  return [
    price(row.quote.bid),
    price(row.quote.ask),
    row.iv === null ? '-' : `${(row.iv * 100).toFixed(1)}%`,
    row.greeks === null ? '-' : row.greeks.delta.toFixed(3),
    String(row.openInterest),
    String(row.volume) + flag,
  ]
    .map(cell)
    .join('');
}

function stamp(epochMs: number): string {
  const w = nyWallTime(epochMs);
  return `${nyDate(epochMs)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')} New York`;
}

/**
 * A text table per expiry: calls on the left, strike in the middle, puts on the right. Only
 * `expiry` when given, else every expiry in the chain. `!` after the volume marks a flagged quote.
 */
export function formatChainTable(chain: OptionChain, expiry?: string): string {
  const u = chain.underlying;
  const lines: string[] = [
    `${chain.symbol}  bid ${price(u.bid)}  ask ${price(u.ask)}  last ${price(u.last)}` +
      `${u.flags.length > 0 ? `  [${u.flags.join(', ')}]` : ''}  at ${stamp(chain.time)}` +
      `  rate ${(chain.rate * 100).toFixed(2)}%  div yield ${(chain.dividendYield * 100).toFixed(2)}%`,
  ];
  const expiries = [...new Set(chain.rows.map((r) => r.contract.expiry))].filter(
    (e) => expiry === undefined || e === expiry,
  );
  if (expiries.length === 0) {
    lines.push(expiry === undefined ? 'no rows' : `no rows for expiry ${expiry}`);
    return `${lines.join('\n')}\n`;
  }
  const header = `${SIDE_COLUMNS.map(cell).join('')}  ${'strike'.padStart(WIDTH)}  ${SIDE_COLUMNS.map(cell).join('')}`;
  for (const e of expiries) {
    const rows = chain.rows.filter((r) => r.contract.expiry === e);
    const strikes = [...new Set(rows.map((r) => r.contract.strike))].sort((a, b) => a - b);
    const half = SIDE_COLUMNS.length * WIDTH;
    lines.push(
      '',
      `${e}  (${daysBetween(nyDate(chain.time), e)} days)`,
      `${'CALLS'.padEnd(half)}  ${''.padStart(WIDTH)}  PUTS`,
      header,
    );
    for (const k of strikes) {
      const call = rows.find((r) => r.contract.strike === k && r.contract.right === 'call');
      const put = rows.find((r) => r.contract.strike === k && r.contract.right === 'put');
      lines.push(`${side(call)}  ${formatStrike(k).padStart(WIDTH)}  ${side(put)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
