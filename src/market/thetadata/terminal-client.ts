/**
 * HTTP to the Theta Terminal: outstanding requests held to the tier's limit, a timeout per request
 * driven by the injected clock, retries with backoff after 429 / 474 / 571 only, 472 read as "no
 * rows", v2 pagination followed, and every failure turned into a `ThetaTerminalError`.
 */
import { setMaxListeners } from 'node:events';
import { Semaphore, type Clock } from '../../domain/index.js';
import { decodeTable, type Decoded } from './decode.js';
import { RETRY_STATUSES, statusError, ThetaTerminalError, transportError } from './errors.js';
import { TIER_CONCURRENCY, type TerminalEndpoint, type ThetaDataTier } from './options.js';
import type { ColumnSpec } from './wire-schemas.js';
import {
  EMPTY_TABLE,
  tableFromCsv,
  tableFromJson,
  tableFromNdjson,
  WireFormatError,
  type JsonBody,
  type WireTable,
} from './wire-table.js';

export type BodyFormat = 'csv' | 'json' | 'ndjson';

export interface TerminalClientOptions {
  readonly endpoint: TerminalEndpoint;
  readonly tier: ThetaDataTier;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** v3: `format=`; v2: CSV (`use_csv=true`) or its default JSON. */
  readonly format: BodyFormat;
}

/** One request: a path under the version prefix, its query, and the least tier it needs. */
export interface TerminalCall {
  readonly path: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly needsTier?: ThetaDataTier;
}

export interface ClientStats {
  requests: number;
  retries: number;
  pages: number;
}

interface RawAnswer {
  readonly status: number;
  readonly body: string;
  readonly nextPage: string | null;
}

/** Pages a v2 answer may run to before we call it a loop. */
const MAX_PAGES = 1000;

class Timeout {
  constructor(readonly ms: number) {}
}

export class TerminalClient {
  readonly slots: Semaphore;
  readonly stats: ClientStats = { requests: 0, retries: 0, pages: 0 };
  private readonly closing = new AbortController();

  constructor(
    readonly options: TerminalClientOptions,
    private readonly clock: Clock,
  ) {
    this.slots = new Semaphore(TIER_CONCURRENCY[options.tier]);
    // Every request under way and every one waiting for a slot listens for close().
    setMaxListeners(0, this.closing.signal);
  }

  get version(): 'v2' | 'v3' {
    return this.options.endpoint.version;
  }

  /** Rows of a data endpoint; an empty table for 472 NO_DATA. */
  async table(call: TerminalCall): Promise<WireTable> {
    const label = this.label(call);
    const first = await this.exchange(this.url(call, true), label, call.needsTier ?? null);
    if (first.status === 472) return EMPTY_TABLE;
    const body = this.parse(first.body, label);
    if (body.nextPage === null && first.nextPage === null) return body.table;
    // v2 pagination: fetch each next page straight away (pages expire) and append its rows.
    const tables = [body.table];
    let next = body.nextPage ?? first.nextPage;
    for (let pages = 1; next !== null; pages++) {
      if (pages >= MAX_PAGES) throw this.badBody(label, `more than ${MAX_PAGES} pages`);
      const pageUrl = this.sameOrigin(next);
      const answer = await this.exchange(pageUrl, `${label} (page ${pages + 1})`, null);
      this.stats.pages++;
      if (answer.status === 472) break;
      const page = this.parse(answer.body, label);
      tables.push(page.table);
      next = page.nextPage ?? answer.nextPage;
    }
    return concatTables(tables, label);
  }

  /** Rows of a data endpoint decoded by `spec`; an unreadable row is a BAD_BODY error naming the endpoint. */
  async rows<S extends ColumnSpec>(
    call: TerminalCall,
    spec: S,
    view: (t: WireTable) => WireTable = (t) => t,
  ): Promise<Decoded<S>[]> {
    const table = await this.table(call);
    const label = this.label(call);
    try {
      return decodeTable(view(table), spec, `/${this.version}${call.path}`);
    } catch (error) {
      if (error instanceof WireFormatError) throw this.badBody(label, error.message, error);
      throw error;
    }
  }

  /** A plain-text endpoint (terminal status). */
  async text(call: TerminalCall): Promise<string> {
    const label = this.label(call);
    const answer = await this.exchange(this.url(call, false), label, call.needsTier ?? null);
    return answer.body.trim();
  }

  /** Aborts requests under way and refuses new ones. */
  close(): void {
    this.closing.abort(
      new ThetaTerminalError('CONNECTION_LOST', '', 'thetadata: the market data source was closed'),
    );
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  private label(call: TerminalCall): string {
    const q = query(call).toString();
    return `/${this.version}${call.path}${q ? `?${decodeURIComponent(q)}` : ''}`;
  }

  private url(call: TerminalCall, data: boolean): string {
    const params = query(call);
    if (data && this.version === 'v3') params.set('format', this.options.format);
    if (data && this.version === 'v2' && this.options.format === 'csv') params.set('use_csv', 'true');
    const q = params.toString();
    return `${this.options.endpoint.base}${call.path}${q ? `?${q}` : ''}`;
  }

  /** A next-page URL as the terminal gave it, but on our origin (never mix localhost and 127.0.0.1). */
  private sameOrigin(next: string): string {
    const ours = new URL(this.options.endpoint.base);
    const given = new URL(next, ours);
    return `${ours.origin}${given.pathname}${given.search}`;
  }

  private parse(text: string, label: string): JsonBody {
    const head = text.trimStart()[0];
    try {
      if (head === '{' || head === '[') {
        if (this.version === 'v3' && this.options.format === 'ndjson') {
          return { table: tableFromNdjson(text), nextPage: null, errorType: null, errorMessage: null };
        }
        const body = tableFromJson(text);
        if (body.errorType !== null) {
          if (body.errorType === 'NO_DATA') return { ...body, table: EMPTY_TABLE, nextPage: null };
          throw new ThetaTerminalError(
            'GENERAL',
            label,
            `ThetaData ${label}: the terminal reported ${body.errorType}${body.errorMessage ? `: ${body.errorMessage}` : ''}`,
            200,
          );
        }
        return body;
      }
      return { table: tableFromCsv(text), nextPage: null, errorType: null, errorMessage: null };
    } catch (error) {
      if (error instanceof ThetaTerminalError) throw error;
      throw this.badBody(label, error instanceof Error ? error.message : String(error), error);
    }
  }

  private badBody(label: string, why: string, cause?: unknown): ThetaTerminalError {
    return new ThetaTerminalError('BAD_BODY', label, `ThetaData ${label}: unreadable answer: ${why}`, 200, {
      cause,
    });
  }

  /** One request with retries; returns 200 and 472 answers, throws for everything else. */
  private async exchange(url: string, label: string, needsTier: ThetaDataTier | null): Promise<RawAnswer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(url, label);
      if (answer.status === 200 || answer.status === 472) return answer;
      if (RETRY_STATUSES.has(answer.status) && attempt < this.options.maxRetries) {
        this.stats.retries++;
        const wait = Math.min(this.options.backoffMs * 2 ** attempt, this.options.maxBackoffMs);
        try {
          await this.clock.sleep(wait, this.closing.signal);
        } catch (reason) {
          throw reason instanceof ThetaTerminalError ? reason : transportError(label, this.hostPort, reason);
        }
        continue;
      }
      const error = statusError(answer.status, label, answer.body, {
        hostPort: this.hostPort,
        tier: this.options.tier,
        needsTier,
      });
      if (answer.status === 474) await this.appendStatus(error);
      throw error;
    }
  }

  private get hostPort(): string {
    return this.options.endpoint.hostPort;
  }

  /** After a final 474, say what the terminal reports about its upstream (best effort). */
  private async appendStatus(error: ThetaTerminalError): Promise<void> {
    const path = this.version === 'v3' ? '/terminal/mdds/status' : '/system/mdds/status';
    try {
      const answer = await this.once(`${this.options.endpoint.base}${path}`, `/${this.version}${path}`);
      if (answer.status === 200) error.message += ` (mdds status: ${answer.body.trim().slice(0, 40)})`;
    } catch {
      // The 474 already says what is wrong; the status is a detail.
    }
  }

  private async once(url: string, label: string): Promise<RawAnswer> {
    if (this.closed) throw this.closing.signal.reason;
    const release = await this.slots.acquire(this.closing.signal);
    const controller = new AbortController();
    const timer = this.clock.setTimeout(
      () => controller.abort(new Timeout(this.options.timeoutMs)),
      this.options.timeoutMs,
    );
    const onClose = (): void => controller.abort(this.closing.signal.reason);
    this.closing.signal.addEventListener('abort', onClose, { once: true });
    this.stats.requests++;
    try {
      const response = await fetch(url, { signal: controller.signal });
      const body = await response.text();
      const next = response.headers.get('next-page');
      return {
        status: response.status,
        body,
        nextPage: next !== null && next !== 'null' && next !== '' ? next : null,
      };
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : null;
      if (reason instanceof Timeout) {
        throw new ThetaTerminalError(
          'TIMEOUT',
          label,
          `ThetaData ${label}: no answer from ${this.hostPort} within ${reason.ms} ms (marketData.timeout)`,
          null,
          { cause: error },
        );
      }
      if (reason instanceof ThetaTerminalError) throw reason;
      throw transportError(label, this.hostPort, error);
    } finally {
      timer.cancel();
      this.closing.signal.removeEventListener('abort', onClose);
      release();
    }
  }
}

function query(call: TerminalCall): URLSearchParams {
  return new URLSearchParams(
    Object.entries(call.params ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  );
}

/** Rows of several pages as one table (same columns, as the terminal repeats its header per page). */
function concatTables(tables: readonly WireTable[], label: string): WireTable {
  const nonEmpty = tables.filter((t) => t.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY_TABLE;
  const columns = nonEmpty[0]!.columns;
  for (const t of nonEmpty) {
    if (t.columns.join(',') !== columns.join(',')) {
      throw new ThetaTerminalError(
        'BAD_BODY',
        label,
        `ThetaData ${label}: pages disagree on their columns`,
        200,
      );
    }
  }
  const offsets: number[] = [];
  let total = 0;
  for (const t of nonEmpty) {
    offsets.push(total);
    total += t.length;
  }
  const locate = (row: number): number => {
    let i = nonEmpty.length - 1;
    while (offsets[i]! > row) i--;
    return i;
  };
  return {
    length: total,
    columns,
    column(name) {
      const readers = nonEmpty.map((t) => t.column(name));
      if (readers.some((r) => r === null)) return null;
      return (row) => {
        const i = locate(row);
        return readers[i]!(row - offsets[i]!);
      };
    },
  };
}
