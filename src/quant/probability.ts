/**
 * Probabilities under the distribution implied by a volatility: the risk-neutral lognormal of
 * Black-Scholes-Merton, S_T = S·exp((r − q − σ²/2)·T + σ·√T·Z). Win probabilities for option positions.
 */
import type { Right } from '../domain/index.js';
import { normCdf } from './normal-cdf.js';
import { QuantInputError } from './errors.js';
import { requireFinite, requireNonNegative, requirePositive, requireRight } from './validation.js';

/** Which side of the level counts. */
export type Beyond = 'above' | 'below';

/** The question "does S_T finish above (below) `level`?" under the implied distribution. */
export interface ProbabilityBeyondInput {
  readonly spot: number;
  readonly level: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly dividendYield: number;
  /** The implied volatility that sets the distribution. */
  readonly volatility: number;
  readonly direction: Beyond;
}

/**
 * P(S_T > level) = Φ(d2) or P(S_T < level) = Φ(−d2), d2 = (ln(S/level) + (r − q − σ²/2)T)/(σ√T), under the
 * risk-neutral measure of the implied volatility (not a real-world forecast). Accurate in both tails. With
 * zero time or volatility the answer is 0 or 1 (the forward against the level). A level ≤ 0 (−∞ included) is
 * always exceeded, +∞ never. Throws {@link QuantInputError} on invalid inputs (NaN level included).
 */
export function probabilityBeyond(input: ProbabilityBeyondInput): number {
  const { spot, level, timeYears, rate, dividendYield, volatility, direction } = input;
  requirePositive('spot', spot);
  if (Number.isNaN(level))
    throw new QuantInputError('QUANT_NON_FINITE_INPUT', 'level must be a number, got NaN');
  requireNonNegative('timeYears', timeYears);
  requireFinite('rate', rate);
  requireFinite('dividendYield', dividendYield);
  requireNonNegative('volatility', volatility);
  if (direction !== 'above' && direction !== 'below') {
    throw new QuantInputError(
      'QUANT_OUT_OF_RANGE',
      `direction must be 'above' or 'below', got ${String(direction)}`,
    );
  }
  if (level <= 0) return direction === 'above' ? 1 : 0;
  if (level === Infinity) return direction === 'above' ? 0 : 1;
  const drift = Math.log(spot / level) + (rate - dividendYield) * timeYears;
  const s = volatility * Math.sqrt(timeYears);
  if (!(s > 0)) {
    const above = drift > 0;
    return direction === 'above' ? (above ? 1 : 0) : drift < 0 ? 1 : 0;
  }
  const d2 = drift / s - 0.5 * s;
  return direction === 'above' ? normCdf(d2) : normCdf(-d2);
}

/** A long option held to expiry: it makes money beyond strike ± premium. */
export interface BreakevenInput {
  readonly spot: number;
  readonly strike: number;
  /** Premium paid per share (same units as spot and strike), ≥ 0. */
  readonly premium: number;
  readonly timeYears: number;
  readonly rate: number;
  readonly dividendYield: number;
  readonly volatility: number;
  readonly right: Right;
}

/**
 * The probability that a long option finishes beyond its breakeven (strike + premium for a call, strike −
 * premium for a put) under the implied distribution — the win probability for {@link kellyCriterion}. The
 * short side wins with the complement. Throws {@link QuantInputError} on invalid inputs.
 */
export function probabilityBeyondBreakeven(input: BreakevenInput): number {
  const { strike, premium, right } = input;
  requirePositive('strike', strike);
  requireNonNegative('premium', premium);
  requireRight(right);
  const isCall = right === 'call';
  return probabilityBeyond({
    spot: input.spot,
    level: isCall ? strike + premium : strike - premium,
    timeYears: input.timeYears,
    rate: input.rate,
    dividendYield: input.dividendYield,
    volatility: input.volatility,
    direction: isCall ? 'above' : 'below',
  });
}
