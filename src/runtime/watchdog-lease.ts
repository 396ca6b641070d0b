/**
 * One watchdog per book: the watchdog process holds the journal's `watchdog` lease, renewed with
 * every check. `run` starts a watchdog only when none holds it, and a second watchdog refuses to
 * start. Times are I/O time.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SwarmdeskError, type Clock } from '../domain/index.js';
import type { Journal, Lease } from '../journal/index.js';
import { describeLease, holderGone } from '../risk/index.js';

export const WATCHDOG_LEASE = 'watchdog';

export class WatchdogAlreadyRunningError extends SwarmdeskError {
  constructor(
    readonly holder: Lease,
    dataDir: string,
    now: number,
  ) {
    super('WATCHDOG_ALREADY_RUNNING', `a watchdog already watches ${dataDir}: ${describeLease(holder, now)}`);
  }
}

export interface WatchdogLease {
  /** Extend the lease; false when it was lost. */
  renew(): boolean;
  release(): void;
}

/** Take the book's watchdog lease or throw `WatchdogAlreadyRunningError`. */
export function claimWatchdog(
  journal: Journal,
  options: { readonly ttlMs: number; readonly clock: Clock },
): WatchdogLease {
  const claim = { holder: randomUUID(), pid: process.pid, host: hostname(), purpose: 'swarmdesk watchdog' };
  const now = options.clock.now();
  const r = journal.leases.take(WATCHDOG_LEASE, claim, { now, ttlMs: options.ttlMs, isGone: holderGone });
  if (!r.taken) throw new WatchdogAlreadyRunningError(r.heldBy, journal.dataDir, now);
  return {
    renew: () =>
      journal.leases.renew(WATCHDOG_LEASE, claim.holder, options.clock.now(), options.ttlMs) ||
      journal.leases.take(WATCHDOG_LEASE, claim, {
        now: options.clock.now(),
        ttlMs: options.ttlMs,
        isGone: holderGone,
      }).taken,
    release: () => journal.leases.release(WATCHDOG_LEASE, claim.holder),
  };
}

/** The live watchdog holding the book, if any (not expired, its process not gone). */
export function activeWatchdog(journal: Journal, now: number): Lease | null {
  const lease = journal.leases.current(WATCHDOG_LEASE);
  if (!lease || lease.expiresAt <= now || holderGone(lease)) return null;
  return lease;
}

/** How long a watchdog's lease lasts without a renewal: a few checks, at least 10 s. */
export function watchdogLeaseTtl(checkIntervalMs: number): number {
  return Math.max(10_000, 4 * checkIntervalMs);
}
