/**
 * The serialisation switched off, for proving the race tests can fail: a journal whose gate lease
 * is always granted, to everyone at once. Everything else (journaling, the gather of orders
 * journaled but not yet at the broker) is the real journal's. Test code only: production has no
 * such switch.
 */
import type { Journal, Lease, LeaseClaim, LeaseTable, TakeOptions, TakeResult } from '../../journal/index.js';
import { override } from './gate-setup.js';

type Leases = Pick<LeaseTable, 'current' | 'take' | 'renew' | 'holds' | 'release'>;

/** A lease table that grants every claim and never says another holds it. */
export const grantingLeases: Leases = {
  current: () => null,
  take(name: string, claim: LeaseClaim, options: TakeOptions): TakeResult {
    const lease: Lease = {
      name,
      ...claim,
      acquiredAt: options.now,
      expiresAt: options.now + options.ttlMs,
    };
    return { taken: true, lease, replaced: null };
  },
  renew: () => true,
  holds: () => true,
  release: () => undefined,
};

/** `journal` with `leases` replaced by `grantingLeases`. */
export function leaselessJournal(journal: Journal): Journal {
  return override(journal, { leases: grantingLeases });
}
