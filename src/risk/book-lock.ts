/**
 * One gate per book, across processes: gather context → judge → journal `pending_submit` run while
 * holding the journal's `gate` lease, so no other gate on the same data dir (another process, or
 * another journal handle in this one) can interleave. Waits are bounded; a holder that died or froze
 * past its lease does not block the book (its lease is taken over, and the journal write that ends
 * the critical section is fenced on still holding it). Times are I/O time: a real clock, never the
 * simulated market's.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RealClock, type Clock } from '../domain/index.js';
import type { Journal, Lease } from '../journal/index.js';

export const GATE_LEASE = 'gate';

export interface BookLockOptions {
  /** Longest a caller waits for another gate to finish, ms. */
  readonly waitMs: number;
  /** How long a lease lasts without being given back, ms (longer than any critical section). */
  readonly ttlMs: number;
  /** Poll interval while waiting, ms. */
  readonly pollMs: number;
  /** What this caller is, for the refusal the other callers see. */
  readonly purpose: string;
  /** Take the lease whoever holds it (the watchdog's flatten). */
  readonly preempt?: boolean;
  /** I/O time. */
  readonly clock: Clock;
}

export const DEFAULT_BOOK_LOCK: Omit<BookLockOptions, 'purpose' | 'clock'> = {
  waitMs: 30_000,
  // The gate's broker and market answers are each bounded (10 s by default); a minute covers them.
  ttlMs: 60_000,
  pollMs: 25,
};

/** The held lease, for fencing the write that ends the critical section. */
export interface HeldLock {
  readonly lease: Lease;
  /** The lease a dead or frozen holder left behind, taken over by this one. */
  readonly recovered: Lease | null;
  /** Whether this lock is still ours now (call inside the transaction it fences). */
  readonly stillHeld: () => boolean;
}

export type LockOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly recovered: Lease | null }
  | { readonly ok: false; readonly heldBy: Lease; readonly waitedMs: number };

/** Whether a lease's process is gone: same host and no such process. Another host's we cannot tell. */
export function holderGone(lease: Lease): boolean {
  if (lease.host !== hostname()) return false;
  if (lease.pid === process.pid) return false;
  try {
    process.kill(lease.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function describeLease(lease: Lease, now: number): string {
  const age = Math.max(0, Math.round((now - lease.acquiredAt) / 100) / 10);
  return `${lease.purpose} (pid ${lease.pid} on ${lease.host}, for ${age} s)`;
}

/**
 * Run `work` holding the book's gate lease. Returns `ok: false` (and runs nothing) when another
 * holder keeps it past `waitMs`. The lease is given back however `work` ends.
 */
export async function withBookLock<T>(
  journal: Journal,
  options: BookLockOptions,
  work: (held: HeldLock) => Promise<T>,
): Promise<LockOutcome<T>> {
  const clock = options.clock;
  const claim = { holder: randomUUID(), pid: process.pid, host: hostname(), purpose: options.purpose };
  const started = clock.now();
  for (;;) {
    const now = clock.now();
    const r = journal.leases.take(GATE_LEASE, claim, {
      now,
      ttlMs: options.ttlMs,
      isGone: holderGone,
      preempt: options.preempt ?? false,
    });
    if (r.taken) {
      const held: HeldLock = {
        lease: r.lease,
        recovered: r.replaced,
        stillHeld: () => journal.leases.holds(GATE_LEASE, claim.holder, clock.now()),
      };
      try {
        return { ok: true, value: await work(held), recovered: r.replaced };
      } finally {
        try {
          journal.leases.release(GATE_LEASE, claim.holder);
        } catch {
          // the lease expires on its own
        }
      }
    }
    const waited = now - started;
    if (waited >= options.waitMs) return { ok: false, heldBy: r.heldBy, waitedMs: waited };
    await clock.sleep(Math.min(options.pollMs, Math.max(1, options.waitMs - waited)));
  }
}

/** The I/O clock the lock uses when the gate is given none: real time. */
export const ioClock: Clock = new RealClock();
