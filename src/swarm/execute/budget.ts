/** A per-cycle ceiling on tokens and dollars. */
export interface BudgetLimits {
  readonly maxTokens: number;
  readonly maxCostUsd: number;
}

/** A call's claim on the budget, held from before it starts until it settles. */
export interface Reservation {
  readonly tokens: number;
  readonly costUsd: number;
}

/**
 * Tracks what a cycle has spent and what calls in flight may still spend. A call reserves its worst
 * case (prompt plus the output cap) before it starts, so 50 calls started together cannot overrun
 * the budget; when it ends the reservation is replaced by what it actually used.
 */
export class CycleBudget {
  private spentTokens = 0;
  private spentCost = 0;
  private reservedTokens = 0;
  private reservedCost = 0;

  constructor(private readonly limits: BudgetLimits) {}

  /** Reserves room for a call, or returns null when the budget cannot cover it. Unknown cost counts as 0. */
  tryReserve(tokens: number, costUsd: number | null): Reservation | null {
    const cost = costUsd ?? 0;
    if (this.spentTokens + this.reservedTokens + tokens > this.limits.maxTokens) return null;
    if (this.spentCost + this.reservedCost + cost > this.limits.maxCostUsd) return null;
    this.reservedTokens += tokens;
    this.reservedCost += cost;
    return { tokens, costUsd: cost };
  }

  /** Releases a reservation and books what the call really used. */
  settle(reservation: Reservation, usedTokens: number, usedCostUsd: number | null): void {
    this.reservedTokens -= reservation.tokens;
    this.reservedCost -= reservation.costUsd;
    this.spentTokens += usedTokens;
    this.spentCost += usedCostUsd ?? 0;
  }

  get spent(): { readonly tokens: number; readonly costUsd: number } {
    return { tokens: this.spentTokens, costUsd: this.spentCost };
  }
}
