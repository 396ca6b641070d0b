/**
 * How the terminal writes its answers. v3: CSV by default (CRLF, a header row, strikes with 3
 * decimals, option prices with 2, stock prices with 4, New York timestamps without an offset and
 * with trailing zeros of the fraction dropped), JSON (nested `{contract, data}` per option contract
 * or flat objects; or the legacy header/row-array shape), NDJSON (flat), HTML. v2: header/row-array
 * JSON with `"null"` strings, bulk `{ticks, contract}`, `ms_of_day` + `date` integers, CSV on request.
 */
import { nyWallTime } from '../../../src/domain/index.js';

/** How a column's values print. */
export type ColumnKind =
  'text' | 'int' | 'strike' | 'price2' | 'price4' | 'decimal' | 'stamp' | 'date' | 'right';
export type Cell = string | number | null;

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** Option endpoints: JSON groups rows per contract (`symbol, strike, right, expiration`). */
  readonly nested: boolean;
}

export function columns(spec: string): Column[] {
  return spec.split(',').map((part) => {
    const [name, kind] = part.trim().split(':') as [string, ColumnKind | undefined];
    return { name, kind: kind ?? 'text' };
  });
}

const stamps = new Map<number, string>();

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2025-08-20T15:59:59.805` (New York); `.43` for 430 ms; no fraction on a whole second. */
export function nyStamp(epochMs: number): string {
  let s = stamps.get(epochMs);
  if (s === undefined) {
    const w = nyWallTime(epochMs);
    const ms = ((epochMs % 1000) + 1000) % 1000;
    const frac = ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
    s = `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${frac}`;
    if (stamps.size > 50_000) stamps.clear();
    stamps.set(epochMs, s);
  }
  return s;
}

/** v2: `[ms_of_day, date]` of an instant, New York wall clock. */
export function v2Time(epochMs: number): [number, number] {
  const stamp = nyStamp(epochMs);
  const [date, time] = stamp.split('T') as [string, string];
  const [h, m, rest] = time.split(':') as [string, string, string];
  const ms = Math.round(Number(rest) * 1000);
  return [(Number(h) * 60 + Number(m)) * 60_000 + ms, Number(date.replace(/-/g, ''))];
}

function csvCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (typeof cell === 'string') {
    if (kind === 'right') return cell.toUpperCase();
    return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  switch (kind) {
    case 'strike':
      return cell.toFixed(3);
    case 'price2':
      return cell.toFixed(2);
    case 'price4':
      return cell.toFixed(4);
    case 'decimal':
      return String(Math.round(cell * 1e4) / 1e4);
    case 'stamp':
      return nyStamp(cell);
    default:
      return String(cell);
  }
}

function jsonValue(cell: Cell, kind: ColumnKind): string | number | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return kind === 'right' ? cell.toUpperCase() : cell;
  switch (kind) {
    case 'strike':
      return Math.round(cell * 1000) / 1000;
    case 'price2':
      return Math.round(cell * 100) / 100;
    case 'price4':
    case 'decimal':
      return Math.round(cell * 1e4) / 1e4;
    case 'stamp':
      return nyStamp(cell);
    default:
      return cell;
  }
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => c.name).join(',')];
  for (const row of table.rows)
    lines.push(row.map((cell, i) => csvCell(cell, table.columns[i]!.kind)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function objects(table: Table): Record<string, string | number | null>[] {
  return table.rows.map((row) => {
    const o: Record<string, string | number | null> = {};
    table.columns.forEach((c, i) => (o[c.name] = jsonValue(row[i]!, c.kind)));
    return o;
  });
}

const CONTRACT_KEYS = ['symbol', 'strike', 'right', 'expiration'] as const;

/** v3 JSON: `{contract, data}` per option contract, flat objects otherwise. */
export function toJson(table: Table): string {
  const flat = objects(table);
  if (!table.nested) return JSON.stringify({ response: flat });
  const groups = new Map<string, { contract: Record<string, unknown>; data: Record<string, unknown>[] }>();
  for (const o of flat) {
    const key = CONTRACT_KEYS.map((k) => String(o[k])).join('|');
    let g = groups.get(key);
    if (!g) {
      g = { contract: Object.fromEntries(CONTRACT_KEYS.map((k) => [k, o[k]])), data: [] };
      groups.set(key, g);
    }
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o))
      if (!(CONTRACT_KEYS as readonly string[]).includes(k)) data[k] = v;
    g.data.push(data);
  }
  return JSON.stringify({ response: [...groups.values()] });
}

/** v3 `json_legacy`: a header naming the columns and rows as arrays. */
export function toLegacyJson(table: Table): string {
  return JSON.stringify({
    header: { format: table.columns.map((c) => c.name) },
    response: table.rows.map((row) => row.map((cell, i) => jsonValue(cell, table.columns[i]!.kind))),
  });
}

export function toNdjson(table: Table): string {
  return objects(table)
    .map((o) => JSON.stringify(o))
    .join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toHtml(table: Table): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td>${escapeHtml(csvCell(cell, table.columns[i]!.kind))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<html><body><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></body></html>`;
}

/** A v2 header: every absent value is the string "null". */
export function v2Header(format: readonly string[] | null, nextPage: string | null): Record<string, unknown> {
  return {
    latency_ms: 3,
    error_type: 'null',
    error_msg: 'null',
    next_page: nextPage ?? 'null',
    format: format ?? 'null',
  };
}
