/**
 * Leases: named, expiring claims on the book, kept in the journal so every process that opens the
 * data dir sees them. One row per name; taking a lease is one IMMEDIATE transaction, so two
 * processes can never both hold it. Times are I/O (wall-clock) epoch ms.
 */
import type Database from 'better-sqlite3';

/** Who holds (or wants) a lease. `holder` is a token unique to one acquisition. */
export interface LeaseClaim {
  readonly holder: string;
  readonly pid: number;
  readonly host: string;
  /** What the holder is doing, for the person reading a refusal ("swarmdesk order", "run loop"). */
  readonly purpose: string;
}

export interface Lease extends LeaseClaim {
  readonly name: string;
  readonly acquiredAt: number;
  readonly expiresAt: number;
}

export type TakeResult =
  | { readonly taken: true; readonly lease: Lease; readonly replaced: Lease | null }
  | { readonly taken: false; readonly heldBy: Lease };

export interface TakeOptions {
  readonly now: number;
  readonly ttlMs: number;
  /** A holder known to be gone (its process is dead): its lease is taken over before it expires. */
  readonly isGone?: (lease: Lease) => boolean;
  /** Take it whoever holds it (the watchdog's flatten must not wait on a frozen loop). */
  readonly preempt?: boolean;
}

interface LeaseRow {
  name: string;
  holder: string;
  pid: number;
  host: string;
  purpose: string;
  acquired_at: number;
  expires_at: number;
}

function toLease(r: LeaseRow): Lease {
  return {
    name: r.name,
    holder: r.holder,
    pid: r.pid,
    host: r.host,
    purpose: r.purpose,
    acquiredAt: r.acquired_at,
    expiresAt: r.expires_at,
  };
}

export class LeaseTable {
  constructor(private readonly db: Database.Database) {}

  current(name: string): Lease | null {
    const row = this.db.prepare('SELECT * FROM leases WHERE name = ?').get(name) as LeaseRow | undefined;
    return row ? toLease(row) : null;
  }

  /** Take `name` if it is free, expired, gone, ours already, or `preempt`; else say who holds it. */
  take(name: string, claim: LeaseClaim, options: TakeOptions): TakeResult {
    return this.db
      .transaction((): TakeResult => {
        const held = this.current(name);
        const free =
          held === null ||
          held.holder === claim.holder ||
          held.expiresAt <= options.now ||
          options.preempt === true ||
          (options.isGone?.(held) ?? false);
        if (!free) return { taken: false, heldBy: held };
        const lease: Lease = {
          name,
          ...claim,
          acquiredAt: held?.holder === claim.holder ? held.acquiredAt : options.now,
          expiresAt: options.now + options.ttlMs,
        };
        this.db
          .prepare(
            `INSERT INTO leases (name, holder, pid, host, purpose, acquired_at, expires_at) VALUES (?,?,?,?,?,?,?)
               ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host,
                 purpose = excluded.purpose, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
          )
          .run(name, lease.holder, lease.pid, lease.host, lease.purpose, lease.acquiredAt, lease.expiresAt);
        const replaced = held !== null && held.holder !== claim.holder ? held : null;
        return { taken: true, lease, replaced };
      })
      .immediate();
  }

  /** Extend a lease this holder still holds; false when it was lost (expired and taken, or preempted). */
  renew(name: string, holder: string, now: number, ttlMs: number): boolean {
    const r = this.db
      .prepare('UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND expires_at > ?')
      .run(now + ttlMs, name, holder, now);
    return r.changes === 1;
  }

  /** Whether `holder` holds `name` at `now`. Call inside the transaction that must be fenced by it. */
  holds(name: string, holder: string, now: number): boolean {
    const held = this.current(name);
    return held !== null && held.holder === holder && held.expiresAt > now;
  }

  /** Give it back (a no-op when it is no longer ours). */
  release(name: string, holder: string): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }
}
