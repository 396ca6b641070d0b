/**
 * Kelly sizing: the growth-optimal fraction of equity to put at risk on a binary bet, a fractional Kelly
 * with a hard cap (what the Commander sizes with), and the number of contracts that puts it at risk.
 */
import { QuantInputError } from './errors.js';

/** A binary bet: win `winAmount` with probability `winProbability`, else lose `lossAmount`. */
export interface KellyInput {
  readonly winProbability: number;
  readonly winAmount: number;
  readonly lossAmount: number;
}

function validate(input: KellyInput): void {
  const { winProbability: p, winAmount: w, lossAmount: l } = input;
  if (!Number.isFinite(p) || p < 0 || p > 1) {
    throw new QuantInputError(
      Number.isFinite(p) ? 'QUANT_OUT_OF_RANGE' : 'QUANT_NON_FINITE_INPUT',
      `winProbability must be in [0, 1], got ${p}`,
    );
  }
  for (const [name, v] of [
    ['winAmount', w],
    ['lossAmount', l],
  ] as const) {
    if (!Number.isFinite(v))
      throw new QuantInputError('QUANT_NON_FINITE_INPUT', `${name} must be finite, got ${v}`);
    if (!(v > 0)) throw new QuantInputError('QUANT_OUT_OF_RANGE', `${name} must be > 0, got ${v}`);
  }
}

/**
 * The Kelly fraction p − (1 − p)·loss/win of equity to put at risk. A value ≤ 0 means no edge (do not bet).
 * Throws {@link QuantInputError} for p outside [0, 1], a non-positive amount or a non-finite input.
 */
export function kellyCriterion(input: KellyInput): number {
  validate(input);
  const { winProbability: p, winAmount: w, lossAmount: l } = input;
  return p - ((1 - p) * l) / w;
}

/** Fractional Kelly: the multiplier (e.g. 0.25 for quarter Kelly) and the hard cap on the result. */
export interface FractionalKellyInput extends KellyInput {
  /** Multiplier on the full Kelly fraction, in (0, 1]. */
  readonly fraction: number;
  /** Largest fraction of equity ever put at risk, in [0, 1]. */
  readonly cap: number;
}

/**
 * min(cap, fraction·kelly), and 0 when there is no edge: the fraction of equity to put at risk.
 * Throws {@link QuantInputError} for fraction ∉ (0, 1] or cap ∉ [0, 1] (or invalid bet inputs).
 */
export function fractionalKelly(input: FractionalKellyInput): number {
  const { fraction, cap } = input;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new QuantInputError(
      Number.isNaN(fraction) ? 'QUANT_NON_FINITE_INPUT' : 'QUANT_OUT_OF_RANGE',
      `fraction must be in (0, 1], got ${fraction}`,
    );
  }
  if (!(cap >= 0 && cap <= 1)) {
    throw new QuantInputError(
      Number.isNaN(cap) ? 'QUANT_NON_FINITE_INPUT' : 'QUANT_OUT_OF_RANGE',
      `cap must be in [0, 1], got ${cap}`,
    );
  }
  const full = kellyCriterion(input);
  if (!(full > 0)) return 0;
  return Math.min(cap, fraction * full);
}

/** How many contracts put `riskFraction` of `equity` at risk, given the most one contract can lose. */
export interface KellyContractsInput {
  readonly equity: number;
  /** Fraction of equity to put at risk, in [0, 1] (e.g. from {@link fractionalKelly}). */
  readonly riskFraction: number;
  /** Maximum loss of one contract in dollars (premium × multiplier for a long option), > 0. */
  readonly maxLossPerContract: number;
}

/**
 * floor(equity·riskFraction / maxLossPerContract), never negative: whole contracts whose combined worst
 * case stays within the risk budget. Throws {@link QuantInputError} on invalid inputs.
 */
export function kellyContracts(input: KellyContractsInput): number {
  const { equity, riskFraction, maxLossPerContract } = input;
  if (!Number.isFinite(equity))
    throw new QuantInputError('QUANT_NON_FINITE_INPUT', `equity must be finite, got ${equity}`);
  if (!(riskFraction >= 0 && riskFraction <= 1)) {
    throw new QuantInputError(
      Number.isNaN(riskFraction) ? 'QUANT_NON_FINITE_INPUT' : 'QUANT_OUT_OF_RANGE',
      `riskFraction must be in [0, 1], got ${riskFraction}`,
    );
  }
  if (!Number.isFinite(maxLossPerContract)) {
    throw new QuantInputError(
      'QUANT_NON_FINITE_INPUT',
      `maxLossPerContract must be finite, got ${maxLossPerContract}`,
    );
  }
  if (!(maxLossPerContract > 0)) {
    throw new QuantInputError(
      'QUANT_OUT_OF_RANGE',
      `maxLossPerContract must be > 0, got ${maxLossPerContract}`,
    );
  }
  if (equity <= 0) return 0;
  // The small relative slack absorbs rounding in budget/loss when the budget is an exact multiple.
  return Math.max(0, Math.floor(((equity * riskFraction) / maxLossPerContract) * (1 + 1e-12)));
}
