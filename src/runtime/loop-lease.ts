/**
 * One main loop per book: `swarmdesk run` holds the journal's `loop` lease for as long as it runs,
 * renewed with every heartbeat. A second `run` on the same data dir is refused at start, naming the
 * process that holds it. A loop that froze past its lease (the watchdog has acted by then) finds it
 * lost on its next beat and stops. Times are I/O time.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SwarmdeskError, type Clock } from '../domain/index.js';
import type { Journal, Lease } from '../journal/index.js';
import { describeLease, holderGone } from '../risk/index.js';

export const LOOP_LEASE = 'loop';

export class LoopAlreadyRunningError extends SwarmdeskError {
  constructor(
    readonly holder: Lease,
    dataDir: string,
    now: number,
  ) {
    super(
      'LOOP_ALREADY_RUNNING',
      `another main loop already runs on ${dataDir}: ${describeLease(holder, now)}; stop it first (or wait ${Math.max(0, Math.ceil((holder.expiresAt - now) / 1000))} s if it is frozen: its lease then expires)`,
    );
  }
}

export interface LoopLease {
  readonly lease: Lease;
  /** Extend the lease; false when it was lost (the loop must stop). */
  renew(): boolean;
  release(): void;
}

/** Take the book's loop lease or throw `LoopAlreadyRunningError`. */
export function claimLoop(
  journal: Journal,
  options: { readonly ttlMs: number; readonly clock: Clock; readonly purpose?: string },
): LoopLease {
  const claim = {
    holder: randomUUID(),
    pid: process.pid,
    host: hostname(),
    purpose: options.purpose ?? 'swarmdesk run',
  };
  const now = options.clock.now();
  const r = journal.leases.take(LOOP_LEASE, claim, { now, ttlMs: options.ttlMs, isGone: holderGone });
  if (!r.taken) throw new LoopAlreadyRunningError(r.heldBy, journal.dataDir, now);
  return {
    lease: r.lease,
    renew: () => journal.leases.renew(LOOP_LEASE, claim.holder, options.clock.now(), options.ttlMs),
    release: () => journal.leases.release(LOOP_LEASE, claim.holder),
  };
}
