/**
 * Reads a `WireTable` by a column spec into typed rows: numbers from JSON numbers or numeric text,
 * dates as `YYYY-MM-DD`, New York timestamps as epoch ms UTC, `CALL`/`PUT` (any case, or `C`/`P`)
 * as our right. A missing required column or an unreadable cell is a `WireFormatError` that names
 * the column, the row and the value.
 */
import type { Right } from '../../domain/index.js';
import { parseNyTimestamp, parseWireDate } from './ny-time.js';
import type { CellKind, ColumnSpec } from './wire-schemas.js';
import { WireFormatError, type ColumnReader, type WireTable } from './wire-table.js';

type BaseKind<K> = K extends `${infer B}?` ? B : K;
type Value<K> = K extends 'number' | 'int' | 'timestamp' ? number : K extends 'right' ? Right : string;

/** The row type a spec decodes to: `?` columns may be null. */
export type Decoded<S extends ColumnSpec> = {
  -readonly [C in keyof S]: S[C] extends `${string}?` ? Value<BaseKind<S[C]>> | null : Value<S[C]>;
};

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return String(v);
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function readNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isFinite(n) && v.trim() !== '' ? n : undefined;
  }
  return undefined;
}

function readRight(v: unknown): Right | undefined {
  if (typeof v !== 'string') return undefined;
  switch (v.trim().toUpperCase()) {
    case 'CALL':
    case 'C':
      return 'call';
    case 'PUT':
    case 'P':
      return 'put';
    default:
      return undefined;
  }
}

/** Dates and timestamps repeat down a column (one expiry, one quote time for many rows): parse each once. */
function memoised(read: (v: unknown) => unknown): (v: unknown) => unknown {
  const seen = new Map<unknown, unknown>();
  return (v) => {
    let out = seen.get(v);
    if (out === undefined && !seen.has(v)) {
      out = read(v);
      if (seen.size > 4096) seen.clear();
      seen.set(v, out);
    }
    return out;
  };
}

function reader(kind: CellKind): (v: unknown) => unknown {
  switch (kind) {
    case 'number':
      return readNumber;
    case 'int':
      return (v) => {
        const n = readNumber(v);
        return n !== undefined && Number.isInteger(n) ? n : undefined;
      };
    case 'string':
      return (v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);
    case 'date':
      return memoised((v) =>
        typeof v === 'string' || typeof v === 'number' ? (parseWireDate(v) ?? undefined) : undefined,
      );
    case 'timestamp':
      return memoised((v) => (typeof v === 'string' ? (parseNyTimestamp(v) ?? undefined) : undefined));
    case 'right':
      return readRight;
  }
}

const EXPECTED: Readonly<Record<CellKind, string>> = {
  number: 'a number',
  int: 'an integer',
  string: 'text',
  date: 'a date (YYYY-MM-DD or YYYYMMDD)',
  timestamp: 'a New York timestamp (YYYY-MM-DDTHH:mm:ss.SSS)',
  right: 'CALL or PUT',
};

interface Plan {
  readonly name: string;
  readonly kind: CellKind;
  readonly optional: boolean;
  readonly column: ColumnReader | null;
  readonly read: (v: unknown) => unknown;
}

/** Decodes every row of `table` by `spec`; `where` (the endpoint) goes into error messages. */
export function decodeTable<S extends ColumnSpec>(table: WireTable, spec: S, where: string): Decoded<S>[] {
  if (table.length === 0) return [];
  const plans: Plan[] = Object.entries(spec).map(([name, raw]) => {
    const optional = raw.endsWith('?');
    const kind = (optional ? raw.slice(0, -1) : raw) as CellKind;
    const column = table.column(name);
    if (column === null && !optional) {
      throw new WireFormatError(
        `${where}: the answer has no "${name}" column (columns: ${table.columns.join(', ') || 'none'})`,
      );
    }
    return { name, kind, optional, column, read: reader(kind) };
  });
  const out = new Array<Decoded<S>>(table.length);
  for (let row = 0; row < table.length; row++) {
    const record: Record<string, unknown> = {};
    for (const p of plans) {
      const cell = p.column === null ? undefined : p.column(row);
      if (p.optional && empty(cell)) {
        record[p.name] = null;
        continue;
      }
      const value = p.read(cell);
      if (value === undefined) {
        throw new WireFormatError(
          `${where}: row ${row + 1}, column "${p.name}": expected ${EXPECTED[p.kind]}, got ${show(cell)}`,
        );
      }
      record[p.name] = value;
    }
    out[row] = record as Decoded<S>;
  }
  return out;
}
