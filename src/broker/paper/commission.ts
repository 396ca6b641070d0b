/** Commissions as IBKR's fixed schedule charges them, per order, across its partial fills. */
import type { Contract } from '../../domain/index.js';

export interface CommissionSchedule {
  readonly commissionPerContract: number;
  readonly commissionPerShare: number;
  readonly minimumCommission: number;
}

/** The commission for an order that has filled these units in total (options and stock). */
export function commissionFor(schedule: CommissionSchedule, contracts: number, shares: number): number {
  if (contracts <= 0 && shares <= 0) return 0;
  const raw = contracts * schedule.commissionPerContract + shares * schedule.commissionPerShare;
  return roundCents(Math.max(schedule.minimumCommission, raw));
}

/** Option contracts and shares in `units` of an order with these legs. */
export function unitsOf(
  legs: readonly { contract: Contract; ratio: number }[],
  units: number,
): { contracts: number; shares: number } {
  let contracts = 0;
  let shares = 0;
  for (const leg of legs) {
    if (leg.contract.kind === 'option') contracts += leg.ratio * units;
    else shares += leg.ratio * units;
  }
  return { contracts, shares };
}

/** What a fill adds to an order's commission: the total after it less what was charged before. */
export function incrementalCommission(
  schedule: CommissionSchedule,
  legs: readonly { contract: Contract; ratio: number }[],
  filledBefore: number,
  filledAfter: number,
): number {
  const before = unitsOf(legs, filledBefore);
  const after = unitsOf(legs, filledAfter);
  return roundCents(
    commissionFor(schedule, after.contracts, after.shares) -
      commissionFor(schedule, before.contracts, before.shares),
  );
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
