import type Database from 'better-sqlite3';
import type { z } from 'zod';
import {
  RecordValidationError,
  redactSecrets,
  breakerSeverity,
  contractKey,
  excerpt,
  MAX_EVENT_DETAILS_LENGTH,
  MAX_EVENT_MESSAGE_LENGTH,
  MAX_ID_LENGTH,
  MAX_REASON_LENGTH,
  transitionOrder,
  zodIssues,
  type BreakerChange,
  type BreakerState,
  type ClientOrderId,
  type Decision,
  type Fill,
  type OrderIntent,
  type OrderStatus,
  type SafetyCode,
} from '../domain/index.js';
import { openDatabase } from './database.js';
import { openReadOnlyDatabase } from './read-only-database.js';
import { LeaseTable } from './leases.js';
import { JournalError } from './errors.js';
import { where } from './where.js';
import {
  breakerChangeSchema,
  safetyEventQuerySchema,
  safetyEventRecordSchema,
  tradeQuerySchema,
  tradeRecordSchema,
  type SafetyEventQuery,
  type SafetyEventRecord,
  type StoredSafetyEvent,
  type StoredTrade,
  type TradeQuery,
  type TradeRecord,
} from './records.js';
import { orderIntentSchema } from '../domain/index.js';

/**
 * Free text that may carry outside words (LLM output, broker and SDK error messages) is scrubbed of
 * secret values from the environment before it is written, as snapshots are.
 */
function scrub(text: string): string {
  return redactSecrets(text, process.env);
}

/** Details JSON as given, or `{"truncated": …}` with an excerpt when it is too long to keep whole. */
function boundedDetails(json: string): string {
  if (json.length <= MAX_EVENT_DETAILS_LENGTH) return json;
  return JSON.stringify({
    truncated: true,
    chars: json.length,
    excerpt: excerpt(json, MAX_EVENT_DETAILS_LENGTH / 4),
  });
}

function validate<S extends z.ZodType>(schema: S, value: unknown, record: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new RecordValidationError(record, zodIssues(r.error, value));
  return r.data;
}

export interface StoredOrder {
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId: string | null;
  readonly cycleId: string | null;
  readonly origin: string;
  readonly underlying: string;
  readonly intent: OrderIntent;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  readonly checkTrail: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface CycleRow {
  readonly id: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly status: 'running' | 'completed' | 'failed' | 'skipped';
  readonly summary: unknown;
  readonly error: string | null;
  readonly snapshotId: string | null;
  readonly snapshotSha256: string | null;
}

export interface BreakerStatus {
  readonly state: BreakerState;
  readonly since: number | null;
  readonly actor: string | null;
  readonly reason: string | null;
}

/** Net liquidation at an instant, dollars. */
export interface EquityMark {
  readonly time: number;
  readonly netLiquidation: number;
}

export interface SignalRow {
  readonly instanceId: string;
  readonly outcome: string;
  readonly signalKey: string | null;
  readonly payload: unknown;
}

interface OrderDbRow {
  client_order_id: string;
  broker_order_id: string | null;
  cycle_id: string | null;
  origin: string;
  underlying: string;
  intent: string;
  status: OrderStatus;
  filled_quantity: number;
  check_trail: string | null;
  created_at: number;
  updated_at: number;
}

/**
 * The data lake: every record validated before it is written, writes that belong together in one
 * transaction, `synchronous=FULL` so a write that returned survives a crash.
 */
export class Journal {
  private constructor(
    private readonly db: Database.Database,
    readonly dataDir: string,
    readonly readonly: boolean,
  ) {
    this.leases = new LeaseTable(db);
  }

  /** Claims on the book shared by every process on this data dir (one gate, one loop). */
  readonly leases: LeaseTable;

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared statements are cached: preparing costs more than running a small INSERT. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Read-only opens write nothing to the data dir (see `openReadOnlyDatabase`). */
  static open(options: { dataDir: string; readonly?: boolean }): Journal {
    const db = options.readonly ? openReadOnlyDatabase(options.dataDir) : openDatabase(options.dataDir);
    return new Journal(db, options.dataDir, options.readonly ?? false);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Run `fn` in one write transaction (IMMEDIATE: takes the write lock up front). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- trades ---------------------------------------------------------------------------------

  logTrade(record: TradeRecord): number {
    const t = validate(tradeRecordSchema, record, 'trade');
    return this.insertTrade(t);
  }

  /** Many trades in one transaction: all land or none. */
  logTrades(records: readonly TradeRecord[]): number[] {
    const valid = records.map((r, i) => validate(tradeRecordSchema, r, `trade[${i}]`));
    return this.transaction(() => valid.map((t) => this.insertTrade(t)));
  }

  private insertTrade(t: z.output<typeof tradeRecordSchema>): number {
    const info = this.stmt(
      `INSERT INTO trades (time, underlying, contract, legs, side, quantity, price, commission, client_order_id, fill_id, instance_id, cycle_id)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      t.time,
      t.underlying,
      t.contract,
      JSON.stringify(t.legs),
      t.side,
      t.quantity,
      t.price,
      t.commission,
      t.clientOrderId,
      t.fillId,
      t.instanceId,
      t.cycleId,
    );
    return Number(info.lastInsertRowid);
  }

  queryTrades(query: TradeQuery = {}): StoredTrade[] {
    const q = validate(tradeQuerySchema, query, 'trade query');
    const w = where([
      ['time >= ?', q.since],
      ['time < ?', q.until],
      ['underlying = ?', q.underlying],
      ['instance_id = ?', q.instanceId],
    ]);
    const sql = `SELECT * FROM trades ${w.sql} ORDER BY time DESC, id DESC LIMIT ?`;
    const rows = this.stmt(sql).all(...w.args, q.limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      time: r.time as number,
      underlying: r.underlying as string,
      contract: r.contract as string,
      legs: JSON.parse(r.legs as string) as StoredTrade['legs'],
      side: r.side as 'buy' | 'sell',
      quantity: r.quantity as number,
      price: r.price as number,
      commission: r.commission as number,
      clientOrderId: (r.client_order_id as string | null) ?? null,
      fillId: (r.fill_id as string | null) ?? null,
      instanceId: (r.instance_id as string | null) ?? null,
      cycleId: (r.cycle_id as string | null) ?? null,
    }));
  }

  // ---- safety events --------------------------------------------------------------------------

  /**
   * Record a safety event. Its free text is bounded as stored: the message is clipped to
   * MAX_EVENT_MESSAGE_LENGTH, ids to MAX_ID_LENGTH (an excerpt ending in `…`, which no real id
   * contains), and details over MAX_EVENT_DETAILS_LENGTH of JSON are replaced by an excerpt.
   */
  logSafetyEvent(event: SafetyEventRecord): number {
    const e = validate(safetyEventRecordSchema, event, 'safety event');
    const id = (v: string | null | undefined): string | null =>
      v === null || v === undefined ? null : excerpt(v, MAX_ID_LENGTH);
    const info = this.stmt(
      `INSERT INTO safety_events (time, severity, code, message, client_order_id, cycle_id, details) VALUES (?,?,?,?,?,?,?)`,
    ).run(
      e.time,
      e.severity,
      e.code,
      // Scrubbed before clipping, so a cut never leaves half a secret behind.
      excerpt(scrub(e.message), MAX_EVENT_MESSAGE_LENGTH),
      id(e.clientOrderId),
      id(e.cycleId),
      e.details ? boundedDetails(scrub(JSON.stringify(e.details))) : null,
    );
    return Number(info.lastInsertRowid);
  }

  querySafetyEvents(query: SafetyEventQuery = {}): StoredSafetyEvent[] {
    const q = validate(safetyEventQuerySchema, query, 'safety event query');
    const w = where([
      ['time >= ?', q.since],
      ['time < ?', q.until],
      ['code = ?', q.code],
      ['severity = ?', q.severity],
      ['client_order_id = ?', q.clientOrderId],
    ]);
    const sql = `SELECT * FROM safety_events ${w.sql} ORDER BY time DESC, id DESC LIMIT ?`;
    const rows = this.stmt(sql).all(...w.args, q.limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      time: r.time as number,
      severity: r.severity as StoredSafetyEvent['severity'],
      code: r.code as SafetyCode,
      message: r.message as string,
      clientOrderId: (r.client_order_id as string | null) ?? null,
      cycleId: (r.cycle_id as string | null) ?? null,
      details: r.details ? (JSON.parse(r.details as string) as Record<string, unknown>) : undefined,
    }));
  }

  // ---- orders and fills ------------------------------------------------------------------------

  /** Write an intent before it is submitted (status `pending_submit`). Its id must be new. */
  recordOrderIntent(intent: OrderIntent, time: number, checkTrail?: unknown): void {
    const i = validate(orderIntentSchema, intent, 'order intent');
    const underlying = i.legs[0]!.contract.symbol;
    this.transaction(() => {
      const exists = this.stmt('SELECT 1 FROM orders WHERE client_order_id = ?').get(i.clientOrderId);
      if (exists) {
        throw new JournalError(
          'DUPLICATE',
          `order ${i.clientOrderId} is already in the journal; a client order id is used once`,
        );
      }
      this.stmt(
        `INSERT INTO orders (client_order_id, broker_order_id, cycle_id, origin, underlying, intent, status, filled_quantity, check_trail, created_at, updated_at)
           VALUES (?, NULL, ?, ?, ?, ?, 'pending_submit', 0, ?, ?, ?)`,
      ).run(
        i.clientOrderId,
        i.cycleId,
        i.origin,
        underlying,
        JSON.stringify(i),
        checkTrail === undefined ? null : JSON.stringify(checkTrail),
        time,
        time,
      );
      this.stmt(
        `INSERT INTO order_status_history (client_order_id, status, time, reason) VALUES (?, 'pending_submit', ?, NULL)`,
      ).run(i.clientOrderId, time);
    });
  }

  /** Move an order to a new status (checked against the transition table), with its history. */
  updateOrderStatus(
    id: ClientOrderId,
    update: {
      status: OrderStatus;
      time: number;
      brokerOrderId?: string;
      filledQuantity?: number;
      reason?: string;
    },
  ): void {
    this.transaction(() => {
      const row = this.stmt('SELECT status FROM orders WHERE client_order_id = ?').get(id) as
        { status: OrderStatus } | undefined;
      if (!row) throw new JournalError('NOT_FOUND', `order ${id} is not in the journal`);
      if (row.status !== update.status || update.status === 'partially_filled') {
        transitionOrder(row.status, update.status, id);
      }
      this.stmt(
        `UPDATE orders SET status = ?, updated_at = ?, broker_order_id = COALESCE(?, broker_order_id),
             filled_quantity = COALESCE(?, filled_quantity) WHERE client_order_id = ?`,
      ).run(update.status, update.time, update.brokerOrderId ?? null, update.filledQuantity ?? null, id);
      if (row.status !== update.status || update.reason) {
        this.db
          .prepare(
            `INSERT INTO order_status_history (client_order_id, status, time, reason) VALUES (?,?,?,?)`,
          )
          .run(id, update.status, update.time, update.reason ?? null);
      }
    });
  }

  getOrder(id: ClientOrderId): StoredOrder | null {
    const row = this.stmt('SELECT * FROM orders WHERE client_order_id = ?').get(id) as OrderDbRow | undefined;
    return row ? toStoredOrder(row) : null;
  }

  listOrders(filter: { statuses?: readonly OrderStatus[]; limit?: number } = {}): StoredOrder[] {
    const limit = filter.limit ?? 1000;
    const rows = (
      filter.statuses?.length
        ? this.db
            .prepare(
              `SELECT * FROM orders WHERE status IN (${filter.statuses.map(() => '?').join(',')}) ORDER BY created_at DESC LIMIT ?`,
            )
            .all(...filter.statuses, limit)
        : this.stmt('SELECT * FROM orders ORDER BY created_at DESC LIMIT ?').all(limit)
    ) as OrderDbRow[];
    return rows.map(toStoredOrder);
  }

  orderStatusHistory(id: ClientOrderId): { status: OrderStatus; time: number; reason: string | null }[] {
    return this.stmt(
      'SELECT status, time, reason FROM order_status_history WHERE client_order_id = ? ORDER BY id',
    ).all(id) as { status: OrderStatus; time: number; reason: string | null }[];
  }

  /**
   * A fill and its trade-log row, in one transaction. Idempotent on `fillId`: a fill seen twice
   * (a reconnect replays executions) is recorded once; returns false the second time.
   */
  recordFill(
    fill: Fill,
    context: { instanceId?: string | null; cycleId?: string | null; legs: TradeRecord['legs'] },
  ): boolean {
    const trade = validate(
      tradeRecordSchema,
      {
        time: fill.time,
        underlying: fill.contract.symbol,
        contract: contractKey(fill.contract),
        legs: context.legs,
        side: fill.side,
        quantity: fill.quantity,
        price: fill.price,
        commission: fill.commission,
        clientOrderId: fill.clientOrderId,
        fillId: fill.fillId,
        instanceId: context.instanceId ?? null,
        cycleId: context.cycleId ?? null,
      },
      'fill',
    );
    return this.transaction(() => {
      const info = this.stmt(
        `INSERT OR IGNORE INTO fills (fill_id, client_order_id, broker_order_id, leg_index, contract, side, quantity, price, commission, time)
           VALUES (?,?,?,?,?,?,?,?,?,?)`,
      ).run(
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
      if (info.changes === 0) return false;
      this.insertTrade(trade);
      return true;
    });
  }

  fillsForOrder(id: ClientOrderId): { fillId: string; quantity: number; price: number; legIndex: number }[] {
    return this.stmt(
      'SELECT fill_id AS fillId, quantity, price, leg_index AS legIndex FROM fills WHERE client_order_id = ? ORDER BY time',
    ).all(id) as { fillId: string; quantity: number; price: number; legIndex: number }[];
  }

  // ---- cycles, signals, decisions --------------------------------------------------------------

  startCycle(id: string, time: number): void {
    this.stmt(`INSERT INTO cycles (id, started_at, status) VALUES (?, ?, 'running')`).run(id, time);
  }

  finishCycle(
    id: string,
    result: { status: 'completed' | 'failed' | 'skipped'; time: number; summary?: unknown; error?: string },
  ): void {
    const info = this.stmt(
      `UPDATE cycles SET status = ?, ended_at = ?, summary = ?, error = ? WHERE id = ?`,
    ).run(
      result.status,
      result.time,
      result.summary === undefined ? null : JSON.stringify(result.summary),
      result.error ?? null,
      id,
    );
    if (info.changes === 0) throw new JournalError('NOT_FOUND', `cycle ${id} was never started`);
  }

  /** Link a cycle to its snapshot file and the file's SHA-256 (checked on load). */
  attachSnapshot(cycleIdValue: string, snapshotId: string, sha256: string): void {
    const info = this.stmt(`UPDATE cycles SET snapshot_id = ?, snapshot_sha256 = ? WHERE id = ?`).run(
      snapshotId,
      sha256,
      cycleIdValue,
    );
    if (info.changes === 0) throw new JournalError('NOT_FOUND', `cycle ${cycleIdValue} was never started`);
  }

  getCycle(id: string): CycleRow | null {
    const r = this.stmt('SELECT * FROM cycles WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return r ? toCycleRow(r) : null;
  }

  cycleBySnapshot(snapshotId: string): CycleRow | null {
    const r = this.stmt('SELECT * FROM cycles WHERE snapshot_id = ?').get(snapshotId) as
      Record<string, unknown> | undefined;
    return r ? toCycleRow(r) : null;
  }

  listCycles(
    filter: { since?: number; until?: number; withSnapshot?: boolean; limit?: number } = {},
  ): CycleRow[] {
    const w = where([
      ['started_at >= ?', filter.since],
      ['started_at < ?', filter.until],
      ['(snapshot_id IS NOT NULL) = ?', filter.withSnapshot ? 1 : undefined],
    ]);
    const rows = this.stmt(`SELECT * FROM cycles ${w.sql} ORDER BY started_at DESC, id DESC LIMIT ?`).all(
      ...w.args,
      filter.limit ?? 100,
    ) as Record<string, unknown>[];
    return rows.map(toCycleRow);
  }

  recordSignals(cycleIdValue: string, rows: readonly SignalRow[]): void {
    const stmt = this.stmt(
      `INSERT INTO signals (cycle_id, instance_id, outcome, signal_key, payload) VALUES (?,?,?,?,?)`,
    );
    this.transaction(() => {
      for (const r of rows)
        stmt.run(cycleIdValue, r.instanceId, r.outcome, r.signalKey, scrub(JSON.stringify(r.payload)));
    });
  }

  signalsForCycle(cycleIdValue: string): SignalRow[] {
    return (
      this.stmt('SELECT * FROM signals WHERE cycle_id = ? ORDER BY id').all(cycleIdValue) as Record<
        string,
        unknown
      >[]
    ).map((r) => ({
      instanceId: r.instance_id as string,
      outcome: r.outcome as string,
      signalKey: (r.signal_key as string | null) ?? null,
      payload: JSON.parse(r.payload as string) as unknown,
    }));
  }

  recordDecision(decision: Decision, time: number): void {
    this.stmt(`INSERT INTO decisions (cycle_id, kind, decided_by, payload, time) VALUES (?,?,?,?,?)`).run(
      decision.cycleId,
      decision.kind,
      JSON.stringify(decision.decidedBy),
      scrub(JSON.stringify(decision)),
      time,
    );
  }

  decisionsForCycle(cycleIdValue: string): Decision[] {
    return (
      this.stmt('SELECT payload FROM decisions WHERE cycle_id = ? ORDER BY id').all(cycleIdValue) as {
        payload: string;
      }[]
    ).map((r) => JSON.parse(r.payload) as Decision);
  }

  // ---- circuit breaker -------------------------------------------------------------------------

  breakerStatus(): BreakerStatus {
    const r = this.stmt('SELECT * FROM breaker_history ORDER BY id DESC LIMIT 1').get() as
      { state: BreakerState; time: number; actor: string; reason: string } | undefined;
    return r
      ? { state: r.state, since: r.time, actor: r.actor, reason: r.reason }
      : { state: 'ACTIVE', since: null, actor: null, reason: null };
  }

  /**
   * Move the breaker. Only a person's resume (ACTIVE, actor `person`) loosens it. Every other move —
   * a machine's trip (gate, watchdog, loss limits) or a person's halt — must make it stricter: to a
   * state no stricter than the current one nothing is recorded and null is returned, so a
   * `halt --reducing` cannot turn HALTED into REDUCING. The reason is clipped to MAX_REASON_LENGTH.
   */
  setBreaker(change: Omit<BreakerChange, 'previous'>): BreakerChange | null {
    return this.transaction(() => {
      const previous = this.breakerStatus().state;
      const full = validate(
        breakerChangeSchema,
        { ...change, reason: excerpt(change.reason, MAX_REASON_LENGTH), previous },
        'breaker change',
      );
      const allowed =
        change.state === 'ACTIVE'
          ? change.actor === 'person'
          : breakerSeverity(change.state) > breakerSeverity(previous);
      if (!allowed) return null;
      this.stmt('INSERT INTO breaker_history (time, state, previous, actor, reason) VALUES (?,?,?,?,?)').run(
        full.time,
        full.state,
        full.previous,
        full.actor,
        full.reason,
      );
      return full;
    });
  }

  breakerHistory(limit = 50): BreakerChange[] {
    return this.stmt(
      'SELECT state, previous, actor, reason, time FROM breaker_history ORDER BY id DESC LIMIT ?',
    ).all(limit) as BreakerChange[];
  }

  // ---- equity marks (the gate's loss limits) ---------------------------------------------------

  /** Record net liquidation at an instant (the gate marks it each time it judges an order). */
  recordEquityMark(mark: EquityMark & { readonly source: string }): void {
    if (!Number.isInteger(mark.time) || mark.time < 0 || !Number.isFinite(mark.netLiquidation)) {
      throw new RecordValidationError('equity mark', [
        {
          path: 'time',
          message: `expected epoch ms and a finite net liquidation, got ${mark.time}, ${mark.netLiquidation}`,
        },
      ]);
    }
    this.stmt('INSERT INTO equity_marks (time, net_liquidation, source) VALUES (?,?,?)').run(
      mark.time,
      mark.netLiquidation,
      mark.source,
    );
  }

  /** The highest net liquidation marked at or after `since`; null when there is none. */
  equityHigh(since: number): number | null {
    const r = this.stmt('SELECT MAX(net_liquidation) AS high FROM equity_marks WHERE time >= ?').get(
      since,
    ) as { high: number | null } | undefined;
    return r?.high ?? null;
  }

  /** The last mark before `time`, or the first at or after it; null when there is none. */
  equityMarkNear(time: number, direction: 'before' | 'atOrAfter'): EquityMark | null {
    const sql =
      direction === 'before'
        ? 'SELECT time, net_liquidation AS netLiquidation FROM equity_marks WHERE time < ? ORDER BY time DESC, id DESC LIMIT 1'
        : 'SELECT time, net_liquidation AS netLiquidation FROM equity_marks WHERE time >= ? ORDER BY time, id LIMIT 1';
    return (this.stmt(sql).get(time) as EquityMark | undefined) ?? null;
  }

  // ---- heartbeats ------------------------------------------------------------------------------

  beat(source: string, time: number, pid: number, detail?: string): void {
    this.stmt(
      `INSERT INTO heartbeats (source, time, pid, detail) VALUES (?,?,?,?)
         ON CONFLICT(source) DO UPDATE SET time = excluded.time, pid = excluded.pid, detail = excluded.detail`,
    ).run(source, time, pid, detail ?? null);
  }

  lastBeat(source: string): { time: number; pid: number; detail: string | null } | null {
    return (
      (this.stmt('SELECT time, pid, detail FROM heartbeats WHERE source = ?').get(source) as
        { time: number; pid: number; detail: string | null } | undefined) ?? null
    );
  }

  /** `PRAGMA integrity_check` result: `ok` when healthy. */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}

function toStoredOrder(r: OrderDbRow): StoredOrder {
  return {
    clientOrderId: r.client_order_id as ClientOrderId,
    brokerOrderId: r.broker_order_id,
    cycleId: r.cycle_id,
    origin: r.origin,
    underlying: r.underlying,
    intent: JSON.parse(r.intent) as OrderIntent,
    status: r.status,
    filledQuantity: r.filled_quantity,
    checkTrail: r.check_trail ? (JSON.parse(r.check_trail) as unknown) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toCycleRow(r: Record<string, unknown>): CycleRow {
  return {
    id: r.id as string,
    startedAt: r.started_at as number,
    endedAt: (r.ended_at as number | null) ?? null,
    status: r.status as CycleRow['status'],
    summary: r.summary ? (JSON.parse(r.summary as string) as unknown) : null,
    error: (r.error as string | null) ?? null,
    snapshotId: (r.snapshot_id as string | null) ?? null,
    snapshotSha256: (r.snapshot_sha256 as string | null) ?? null,
  };
}

/** Open the journal in `<dataDir>/trades.db`. */
export function openJournal(options: { dataDir: string; readonly?: boolean }): Journal {
  return Journal.open(options);
}
