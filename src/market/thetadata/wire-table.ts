/**
 * Every terminal body, whatever its format, read into one shape: rows with named columns. CSV,
 * v3 JSON (nested `{contract, data}` per contract, or flat objects), the legacy header/row-array
 * JSON (v3 `json_legacy` and all of v2, bulk `{ticks, contract}` included) and NDJSON all become a
 * `WireTable`, so the decoders downstream do not care how the terminal spelled it.
 */
import { parseCsv } from './csv.js';
import { legacyEnvelope, v3Envelope } from './wire-schemas.js';

/** Reads one column: the cell of a row (a string from CSV, a JSON value otherwise). */
export type ColumnReader = (row: number) => unknown;

export interface WireTable {
  readonly length: number;
  readonly columns: readonly string[];
  /** A reader for a column, or null when the body has no such column. */
  column(name: string): ColumnReader | null;
}

/** A body that is not what the terminal sends (unparseable, or an unknown envelope). */
export class WireFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WireFormatError';
  }
}

export const EMPTY_TABLE: WireTable = { length: 0, columns: [], column: () => null };

/** Rows as arrays in `columns` order (CSV, legacy JSON). */
export function arrayTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): WireTable {
  const index = new Map(columns.map((c, i) => [c, i] as const));
  return {
    length: rows.length,
    columns,
    column(name) {
      const i = index.get(name);
      return i === undefined ? null : (row) => rows[row]![i];
    },
  };
}

/** A table with some columns added or replaced (v2 → v3 names and units). */
export function withColumns(
  table: WireTable,
  extra: Readonly<Record<string, ColumnReader | null>>,
): WireTable {
  const added = Object.entries(extra).filter((e): e is [string, ColumnReader] => e[1] !== null);
  const map = new Map(added);
  return {
    length: table.length,
    columns: [...new Set([...table.columns, ...map.keys()])],
    column: (name) => map.get(name) ?? table.column(name),
  };
}

export function tableFromCsv(text: string): WireTable {
  const { header, rows } = parseCsv(text);
  return arrayTable(header, rows);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Nested v3 JSON (`{contract, data: [...]}` per contract; flat objects pass as they are) as a table
 * whose cells are read from the data row, else from its contract: no merged copies of 2,000 rows.
 */
function nestedTable(items: readonly unknown[]): WireTable {
  const rows: Record<string, unknown>[] = [];
  const contracts: (Record<string, unknown> | null)[] = [];
  for (const item of items) {
    if (!isObject(item)) throw new WireFormatError('a response entry is not an object');
    const { contract, data } = item;
    if (isObject(contract) && Array.isArray(data)) {
      for (const row of data) {
        if (!isObject(row)) throw new WireFormatError('a data row is not an object');
        rows.push(row);
        contracts.push(contract);
      }
    } else {
      rows.push(item);
      contracts.push(null);
    }
  }
  let names: string[] | null = null;
  const columns = (): string[] => {
    if (names === null) {
      const set = new Set<string>();
      for (let i = 0; i < rows.length; i++) {
        for (const k in rows[i]) set.add(k);
        const c = contracts[i];
        if (c) for (const k in c) set.add(k);
      }
      names = [...set];
    }
    return names;
  };
  return {
    length: rows.length,
    get columns() {
      return columns();
    },
    column(name) {
      if (rows.length === 0 || !columns().includes(name)) return null;
      return (row) => {
        const r = rows[row]!;
        return name in r ? r[name] : contracts[row]?.[name];
      };
    },
  };
}

/** The legacy shape: `{header: {format: [...]}, response: [[...], ...]}` (or bulk `{ticks, contract}`, or scalars). */
function legacyTable(format: readonly string[], response: readonly unknown[]): WireTable {
  const first = response[0];
  if (first === undefined) return arrayTable(format, []);
  if (Array.isArray(first)) {
    for (const row of response) {
      if (!Array.isArray(row)) throw new WireFormatError('legacy JSON mixes row arrays with other values');
      if (row.length !== format.length) {
        throw new WireFormatError(`legacy JSON row has ${row.length} values for ${format.length} columns`);
      }
    }
    return arrayTable(format, response as unknown[][]);
  }
  if (isObject(first) && Array.isArray(first.ticks)) {
    const contractKeys = isObject(first.contract) ? Object.keys(first.contract) : [];
    const columns = [...contractKeys.filter((k) => !format.includes(k)), ...format];
    const rows: unknown[][] = [];
    for (const item of response) {
      if (!isObject(item) || !Array.isArray(item.ticks))
        throw new WireFormatError('bulk entry without ticks');
      const contract = isObject(item.contract) ? item.contract : {};
      const head = columns.slice(0, columns.length - format.length).map((k) => contract[k]);
      for (const tick of item.ticks as unknown[]) {
        if (!Array.isArray(tick) || tick.length !== format.length) {
          throw new WireFormatError(`bulk tick does not have the ${format.length} values of header.format`);
        }
        rows.push([...head, ...(tick as unknown[])]);
      }
    }
    return arrayTable(columns, rows);
  }
  if (format.length === 1)
    return arrayTable(
      format,
      response.map((v) => [v]),
    );
  throw new WireFormatError('legacy JSON response holds neither row arrays nor bulk entries');
}

export interface JsonBody {
  readonly table: WireTable;
  /** v2: the next page's URL, when the answer continues. */
  readonly nextPage: string | null;
  /** v2: a caught error reported in the header of a 200 answer (`NO_DATA`, …). */
  readonly errorType: string | null;
  readonly errorMessage: string | null;
}

function nullString(v: unknown): string | null {
  return typeof v === 'string' && v !== 'null' && v !== '' ? v : null;
}

/** A JSON body in any of the shapes above. */
export function tableFromJson(text: string): JsonBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new WireFormatError(`body is not JSON: ${(cause as Error).message}`, { cause });
  }
  const legacy = legacyEnvelope.safeParse(parsed);
  if (legacy.success) {
    const h = legacy.data.header;
    const format = h.format ?? ['value'];
    return {
      table: legacyTable(format, legacy.data.response ?? []),
      nextPage: nullString(h.next_page),
      errorType: nullString(h.error_type),
      errorMessage: nullString(h.error_msg),
    };
  }
  const v3 = v3Envelope.safeParse(parsed);
  if (!v3.success) throw new WireFormatError('JSON body has neither {"response": [...]} nor a legacy header');
  const items = v3.data.response;
  const table = items.length > 0 && !isObject(items[0]) ? legacyScalars(items) : nestedTable(items);
  return { table, nextPage: null, errorType: null, errorMessage: null };
}

function legacyScalars(items: readonly unknown[]): WireTable {
  return arrayTable(
    ['value'],
    items.map((v) => [v]),
  );
}

/** NDJSON: one object per line (contract fields flattened in; a `{contract, data}` line is also read). */
export function tableFromNdjson(text: string): WireTable {
  const records: unknown[] = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch (cause) {
      throw new WireFormatError(`NDJSON line ${lineNo} is not JSON`, { cause });
    }
  }
  return nestedTable(records);
}
