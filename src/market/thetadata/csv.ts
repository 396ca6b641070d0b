/**
 * A small, strict CSV reader (RFC 4180): a header row, then records of exactly as many fields;
 * CRLF or LF line ends; fields optionally in double quotes, where `""` is a quote and commas and
 * line breaks are data. Anything else (a stray quote, a short or long record, a lone CR) is an
 * error that names the line. Trailing empty lines and a byte-order mark are ignored.
 */

/** A malformed CSV body: `line` is 1-based. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Parses a CSV body with a header row. An empty body is an empty table with no columns. */
export function parseCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: number[] = [];
  const records = body.includes('"') ? parseQuoted(body, lines) : parsePlain(body);
  while (records.length > 0 && isBlank(records[records.length - 1]!)) records.pop();
  if (records.length === 0) return { header: [], rows: [] };
  const header = records[0]!;
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') throw new CsvError(1, 'empty column name in the header');
    if (seen.has(name)) throw new CsvError(1, `column "${name}" appears twice in the header`);
    seen.add(name);
  }
  for (let i = 1; i < records.length; i++) {
    const n = records[i]!.length;
    if (n !== header.length) {
      throw new CsvError(lines[i] ?? i + 1, `expected ${header.length} fields (as in the header), got ${n}`);
    }
  }
  return { header, rows: records.slice(1) };
}

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0] === '';
}

/** The fast path: no quotes anywhere, so records are lines and fields are comma-separated. */
function parsePlain(body: string): string[][] {
  const lines = body.split('\n');
  const out: string[][] = new Array<string[]>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.includes('\r')) throw new CsvError(i + 1, 'carriage return inside a line');
    out[i] = line.split(',');
  }
  return out;
}

/** The full state machine, for bodies with quoted fields; `lines` gets each record's first line. */
function parseQuoted(body: string, lines: number[]): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let line = 1;
  lines.push(1);
  let i = 0;
  const n = body.length;
  for (;;) {
    // At the start of a field.
    let field: string;
    if (body[i] === '"') {
      const startLine = line;
      i++;
      let value = '';
      for (;;) {
        const q = body.indexOf('"', i);
        if (q === -1) throw new CsvError(startLine, 'a quoted field is never closed');
        const chunk = body.slice(i, q);
        for (const ch of chunk) if (ch === '\n') line++;
        value += chunk;
        if (body[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = body[i];
      if (i < n && next !== ',' && next !== '\n' && !(next === '\r' && body[i + 1] === '\n')) {
        throw new CsvError(line, 'unexpected text after a closing quote');
      }
      field = value;
    } else {
      let j = i;
      while (j < n) {
        const c = body.charCodeAt(j);
        if (c === 44 /* , */ || c === 10 /* \n */) break;
        if (c === 13 /* \r */) {
          if (body.charCodeAt(j + 1) === 10) break;
          throw new CsvError(line, 'carriage return inside a field');
        }
        if (c === 34 /* " */) throw new CsvError(line, 'a quote inside an unquoted field');
        j++;
      }
      field = body.slice(i, j);
      i = j;
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return records;
    }
    if (body[i] === ',') {
      i++;
      continue;
    }
    // End of line (\n or \r\n).
    i += body[i] === '\r' ? 2 : 1;
    records.push(record);
    record = [];
    line++;
    lines.push(line);
    if (i >= n) return records;
  }
}

/** Quotes a field when it needs it (for writers and tests). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
