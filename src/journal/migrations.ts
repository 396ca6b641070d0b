/**
 * Versioned schema. Append a migration; never edit a shipped one. `PRAGMA user_version` holds the
 * version applied; a database newer than the code is refused.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'cycles, signals, decisions, orders, fills, trades, safety events, breaker',
    sql: `
      CREATE TABLE cycles (
        id TEXT PRIMARY KEY,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('running','completed','failed','skipped')),
        summary TEXT,
        error TEXT,
        snapshot_id TEXT UNIQUE,
        snapshot_sha256 TEXT
      );
      CREATE INDEX cycles_started ON cycles(started_at);

      CREATE TABLE signals (
        id INTEGER PRIMARY KEY,
        cycle_id TEXT NOT NULL REFERENCES cycles(id),
        instance_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        signal_key TEXT,
        payload TEXT NOT NULL
      );
      CREATE INDEX signals_cycle ON signals(cycle_id);

      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        cycle_id TEXT NOT NULL REFERENCES cycles(id),
        kind TEXT NOT NULL CHECK (kind IN ('trade','no_trade')),
        decided_by TEXT NOT NULL,
        payload TEXT NOT NULL,
        time INTEGER NOT NULL
      );

      CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY,
        broker_order_id TEXT,
        cycle_id TEXT REFERENCES cycles(id),
        origin TEXT NOT NULL,
        underlying TEXT NOT NULL,
        intent TEXT NOT NULL,
        status TEXT NOT NULL,
        filled_quantity REAL NOT NULL DEFAULT 0,
        check_trail TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX orders_status ON orders(status);

      CREATE TABLE order_status_history (
        id INTEGER PRIMARY KEY,
        client_order_id TEXT NOT NULL REFERENCES orders(client_order_id),
        status TEXT NOT NULL,
        time INTEGER NOT NULL,
        reason TEXT
      );

      CREATE TABLE fills (
        fill_id TEXT PRIMARY KEY,
        client_order_id TEXT NOT NULL,
        broker_order_id TEXT NOT NULL,
        leg_index INTEGER NOT NULL,
        contract TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy','sell')),
        quantity REAL NOT NULL CHECK (quantity > 0),
        price REAL NOT NULL,
        commission REAL NOT NULL,
        time INTEGER NOT NULL
      );
      CREATE INDEX fills_order ON fills(client_order_id);

      CREATE TABLE trades (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        underlying TEXT NOT NULL,
        contract TEXT NOT NULL,
        legs TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy','sell')),
        quantity REAL NOT NULL CHECK (quantity > 0),
        price REAL NOT NULL,
        commission REAL NOT NULL CHECK (commission >= 0),
        client_order_id TEXT,
        fill_id TEXT UNIQUE,
        instance_id TEXT,
        cycle_id TEXT
      );
      CREATE INDEX trades_time ON trades(time);
      CREATE INDEX trades_underlying ON trades(underlying, time);

      CREATE TABLE safety_events (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info','warning','critical')),
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        client_order_id TEXT,
        cycle_id TEXT,
        details TEXT
      );
      CREATE INDEX safety_events_time ON safety_events(time);
      CREATE INDEX safety_events_code ON safety_events(code, time);

      CREATE TABLE breaker_history (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('ACTIVE','REDUCING','HALTED')),
        previous TEXT NOT NULL CHECK (previous IN ('ACTIVE','REDUCING','HALTED')),
        actor TEXT NOT NULL,
        reason TEXT NOT NULL
      );

      CREATE TABLE heartbeats (
        source TEXT PRIMARY KEY,
        time INTEGER NOT NULL,
        pid INTEGER NOT NULL,
        detail TEXT
      );
    `,
  },
  {
    version: 2,
    description: "equity marks (net liquidation over time) for the gate's loss limits",
    sql: `
      CREATE TABLE equity_marks (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        net_liquidation REAL NOT NULL,
        source TEXT NOT NULL
      );
      CREATE INDEX equity_marks_time ON equity_marks(time);
    `,
  },
  {
    version: 3,
    description: 'leases: one gate and one loop per book, across processes',
    sql: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        purpose TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
