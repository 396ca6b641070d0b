/**
 * The paper book on disk: `<dataDir>/paper-broker.db` (SQLite, WAL, busy timeout). Every state
 * change is one IMMEDIATE transaction, so the main loop and the watchdog can share the book.
 * A change counter (`seq`) orders changes, so each process can tell the others' changes apart.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  brokerOrderId,
  type BrokerOrderId,
  type ClientOrderId,
  type Fill,
  type OrderStatus,
} from '../../domain/index.js';
import { BrokerError, type BrokerErrorCode } from '../errors.js';
import { Book, type PositionRecord } from './book.js';
import { openReadOnlyFile } from './read-only-file.js';
import { parseContract, parseIntent, ORDER_STATUSES, type OrderRecord } from './records.js';

export const PAPER_BROKER_FILE = 'paper-broker.db';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
  client_order_id TEXT PRIMARY KEY,
  broker_order_id TEXT NOT NULL UNIQUE,
  intent TEXT NOT NULL,
  status TEXT NOT NULL,
  filled_quantity REAL NOT NULL,
  average_fill_price REAL,
  submitted_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  reason TEXT,
  reject_code TEXT,
  expires_at INTEGER,
  last_fill_quote_time INTEGER,
  commission_paid REAL NOT NULL DEFAULT 0,
  seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_status ON orders (status);
CREATE INDEX IF NOT EXISTS orders_seq ON orders (seq);
CREATE TABLE IF NOT EXISTS fills (
  seq INTEGER PRIMARY KEY,
  fill_id TEXT NOT NULL UNIQUE,
  client_order_id TEXT NOT NULL,
  broker_order_id TEXT NOT NULL,
  leg_index INTEGER NOT NULL,
  contract TEXT NOT NULL,
  side TEXT NOT NULL,
  quantity REAL NOT NULL,
  price REAL NOT NULL,
  commission REAL NOT NULL,
  time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS fills_time ON fills (time);
CREATE TABLE IF NOT EXISTS positions (
  contract_key TEXT PRIMARY KEY,
  contract TEXT NOT NULL,
  quantity REAL NOT NULL,
  average_price REAL NOT NULL,
  realized_pnl REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER NOT NULL,
  kind TEXT NOT NULL,
  amount REAL NOT NULL,
  contract_key TEXT,
  note TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_time ON ledger (time);
`;

interface OrderRow {
  client_order_id: string;
  broker_order_id: string;
  intent: string;
  status: string;
  filled_quantity: number;
  average_fill_price: number | null;
  submitted_at: number;
  updated_at: number;
  reason: string | null;
  reject_code: string | null;
  expires_at: number | null;
  last_fill_quote_time: number | null;
  commission_paid: number;
  seq: number;
}

interface FillRow {
  seq: number;
  fill_id: string;
  client_order_id: string;
  broker_order_id: string;
  leg_index: number;
  contract: string;
  side: string;
  quantity: number;
  price: number;
  commission: number;
  time: number;
}

const OPEN_STATUSES = ORDER_STATUSES.filter(
  (s) => !['filled', 'cancelled', 'rejected', 'expired'].includes(s),
);

export class PaperStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating when new) the book in `dataDir`. */
  static open(dataDir: string, busyTimeoutMs: number): PaperStore {
    const path = join(dataDir, PAPER_BROKER_FILE);
    let db: Database.Database;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(path);
    } catch (cause) {
      throw new BrokerError('INTERNAL', `paper broker: cannot open ${path}: ${(cause as Error).message}`, {
        cause,
      });
    }
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new BrokerError(
        'INTERNAL',
        `paper broker: ${path} has schema version ${version}, newer than this swarmdesk understands (${SCHEMA_VERSION})`,
      );
    }
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= SCHEMA_VERSION) return;
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
    return new PaperStore(db);
  }

  /**
   * The book for reading only, writing nothing to `dataDir` (see `openReadOnlyFile`); null when
   * there is no book yet. Only the read methods may be used on it.
   */
  static openReadOnly(dataDir: string): PaperStore | null {
    const path = join(dataDir, PAPER_BROKER_FILE);
    if (!existsSync(path)) return null;
    let db: Database.Database | undefined;
    let version: number;
    try {
      db = openReadOnlyFile(path);
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (cause) {
      db?.close();
      throw new BrokerError('INTERNAL', `paper broker: cannot read ${path}: ${(cause as Error).message}`, {
        cause,
      });
    }
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw new BrokerError(
        'INTERNAL',
        `paper broker: ${path} has schema version ${version}; this swarmdesk reads version ${SCHEMA_VERSION}`,
      );
    }
    return new PaperStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` as one write transaction (the write lock is taken up front). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Creates the account on first use; an existing book keeps its own cash and id. */
  initialise(accountId: string, startingCash: number, marketTime: number): void {
    this.transaction(() => {
      if (this.meta('account_id') !== null) return;
      this.setMeta('account_id', accountId);
      this.setMeta('cash', String(startingCash));
      this.setMeta('starting_cash', String(startingCash));
      this.setMeta('change_seq', '0');
      this.setMeta('next_order', '1');
      this.setMeta('next_fill', '1');
      this.setMeta('events_done_to', String(marketTime));
    });
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  private numberMeta(key: string): number {
    const value = Number(this.meta(key));
    if (!Number.isFinite(value))
      throw new BrokerError('INTERNAL', `paper broker: meta ${key} is not a number`);
    return value;
  }

  private counter(key: string): number {
    const value = this.numberMeta(key);
    this.setMeta(key, String(value + 1));
    return value;
  }

  /** The next change number (call inside a transaction). */
  nextSeq(): number {
    return this.counter('change_seq') + 1;
  }

  currentSeq(): number {
    return this.numberMeta('change_seq');
  }

  nextBrokerOrderId(): BrokerOrderId {
    return brokerOrderId(`P${this.counter('next_order')}`);
  }

  nextFillId(): string {
    return `F${this.counter('next_fill')}`;
  }

  accountId(): string {
    return this.meta('account_id') ?? 'PAPER';
  }

  eventsDoneTo(): number {
    return this.numberMeta('events_done_to');
  }

  setEventsDoneTo(time: number): void {
    this.setMeta('events_done_to', String(time));
  }

  loadBook(): Book {
    const rows = this.db
      .prepare('SELECT contract, quantity, average_price, realized_pnl FROM positions')
      .all() as {
      contract: string;
      quantity: number;
      average_price: number;
      realized_pnl: number;
    }[];
    const positions: PositionRecord[] = rows.map((r) => ({
      contract: parseContract(r.contract),
      quantity: r.quantity,
      averagePrice: r.average_price,
      realizedPnl: r.realized_pnl,
    }));
    return new Book(this.numberMeta('cash'), positions);
  }

  /** Writes cash, changed positions and new ledger lines (inside a transaction). */
  saveBook(book: Book): void {
    this.setMeta('cash', String(book.cash));
    const upsert = this.db.prepare(
      `INSERT INTO positions (contract_key, contract, quantity, average_price, realized_pnl) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(contract_key) DO UPDATE SET quantity = excluded.quantity, average_price = excluded.average_price, realized_pnl = excluded.realized_pnl`,
    );
    for (const key of book.changed) {
      const p = book.positions.get(key)!;
      upsert.run(key, JSON.stringify(p.contract), p.quantity, p.averagePrice, p.realizedPnl);
    }
    const ledger = this.db.prepare(
      'INSERT INTO ledger (time, kind, amount, contract_key, note) VALUES (?, ?, ?, ?, ?)',
    );
    for (const e of book.entries) ledger.run(e.time, e.kind, e.amount, e.contractKey, e.note);
    book.changed.clear();
    book.entries.length = 0;
  }

  /** Realised dollars (P&L, commissions, dividends) booked at or after `since`. */
  realizedSince(since: number): number {
    const row = this.db
      .prepare('SELECT COALESCE(SUM(amount), 0) AS total FROM ledger WHERE time >= ?')
      .get(since) as { total: number };
    return row.total;
  }

  order(id: ClientOrderId | string): OrderRecord | null {
    const row = this.db.prepare('SELECT * FROM orders WHERE client_order_id = ?').get(id) as
      OrderRow | undefined;
    return row ? toRecord(row) : null;
  }

  openOrders(): OrderRecord[] {
    const marks = OPEN_STATUSES.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT * FROM orders WHERE status IN (${marks}) ORDER BY submitted_at, broker_order_id`)
      .all(...OPEN_STATUSES) as OrderRow[];
    return rows.map(toRecord);
  }

  /** Inserts or replaces an order record, stamping it with a new change number. */
  writeOrder(record: OrderRecord): void {
    this.db
      .prepare(
        `INSERT INTO orders (client_order_id, broker_order_id, intent, status, filled_quantity, average_fill_price, submitted_at,
           updated_at, reason, reject_code, expires_at, last_fill_quote_time, commission_paid, seq)
         VALUES (@client_order_id, @broker_order_id, @intent, @status, @filled_quantity, @average_fill_price, @submitted_at,
           @updated_at, @reason, @reject_code, @expires_at, @last_fill_quote_time, @commission_paid, @seq)
         ON CONFLICT(client_order_id) DO UPDATE SET status = excluded.status, filled_quantity = excluded.filled_quantity,
           average_fill_price = excluded.average_fill_price, updated_at = excluded.updated_at, reason = excluded.reason,
           reject_code = excluded.reject_code, last_fill_quote_time = excluded.last_fill_quote_time,
           commission_paid = excluded.commission_paid, seq = excluded.seq`,
      )
      .run({
        client_order_id: record.clientOrderId,
        broker_order_id: record.brokerOrderId,
        intent: JSON.stringify(record.intent),
        status: record.status,
        filled_quantity: record.filledQuantity,
        average_fill_price: record.averageFillPrice,
        submitted_at: record.submittedAt,
        updated_at: record.updatedAt,
        reason: record.reason ?? null,
        reject_code: record.rejectCode,
        expires_at: record.expiresAt,
        last_fill_quote_time: record.lastFillQuoteTime,
        commission_paid: record.commissionPaid,
        seq: this.nextSeq(),
      });
  }

  insertFill(fill: Fill): void {
    this.db
      .prepare(
        `INSERT INTO fills (seq, fill_id, client_order_id, broker_order_id, leg_index, contract, side, quantity, price, commission, time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.nextSeq(),
        fill.fillId,
        fill.clientOrderId,
        fill.brokerOrderId,
        fill.legIndex,
        JSON.stringify(fill.contract),
        fill.side,
        fill.quantity,
        fill.price,
        fill.commission,
        fill.time,
      );
  }

  fillsSince(time: number): Fill[] {
    const rows = this.db.prepare('SELECT * FROM fills WHERE time >= ? ORDER BY seq').all(time) as FillRow[];
    return rows.map(toFill);
  }

  /** Orders and fills changed after change number `seq`, in change order. */
  changesSince(seq: number): { seq: number; order?: OrderRecord; fill?: Fill }[] {
    const orders = (this.db.prepare('SELECT * FROM orders WHERE seq > ?').all(seq) as OrderRow[]).map(
      (r) => ({
        seq: r.seq,
        order: toRecord(r),
      }),
    );
    const fills = (this.db.prepare('SELECT * FROM fills WHERE seq > ?').all(seq) as FillRow[]).map((r) => ({
      seq: r.seq,
      fill: toFill(r),
    }));
    return [...orders, ...fills].sort((a, b) => a.seq - b.seq);
  }
}

function toRecord(row: OrderRow): OrderRecord {
  const record: OrderRecord = {
    clientOrderId: row.client_order_id as ClientOrderId,
    brokerOrderId: row.broker_order_id as BrokerOrderId,
    intent: parseIntent(row.intent),
    status: row.status as OrderStatus,
    filledQuantity: row.filled_quantity,
    averageFillPrice: row.average_fill_price,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    rejectCode: row.reject_code as BrokerErrorCode | null,
    expiresAt: row.expires_at,
    lastFillQuoteTime: row.last_fill_quote_time,
    commissionPaid: row.commission_paid,
  };
  return row.reason === null ? record : { ...record, reason: row.reason };
}

function toFill(row: FillRow): Fill {
  return {
    fillId: row.fill_id,
    clientOrderId: row.client_order_id as ClientOrderId,
    brokerOrderId: row.broker_order_id as BrokerOrderId,
    legIndex: row.leg_index,
    contract: parseContract(row.contract),
    side: row.side === 'buy' ? 'buy' : 'sell',
    quantity: row.quantity,
    price: row.price,
    commission: row.commission,
    time: row.time,
  };
}
