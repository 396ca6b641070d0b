/**
 * Where today's implied volatility sits in its own history, on a 0–100 scale as traders quote it.
 */
import { QuantInputError } from './errors.js';

/** Today's implied volatility and a history of past values (e.g. one a day over a year). */
export interface IvHistoryInput {
  readonly current: number;
  readonly history: ArrayLike<number>;
}

function validate(input: IvHistoryInput): void {
  const { current, history } = input;
  if (!Number.isFinite(current)) {
    throw new QuantInputError('QUANT_NON_FINITE_INPUT', `current must be a finite number, got ${current}`);
  }
  if (history.length === 0) throw new QuantInputError('QUANT_OUT_OF_RANGE', 'history must not be empty');
  for (let i = 0; i < history.length; i++) {
    const v = history[i]!;
    if (!Number.isFinite(v)) {
      throw new QuantInputError('QUANT_NON_FINITE_INPUT', `history[${i}] must be a finite number, got ${v}`);
    }
  }
}

/**
 * IV rank: 100·(current − min)/(max − min) over the history, clamped to [0, 100]. A flat history (max = min)
 * gives 50 when current equals it, else 0 or 100. Throws {@link QuantInputError} for an empty history or a
 * non-finite value.
 */
export function ivRank(input: IvHistoryInput): number {
  validate(input);
  const { current, history } = input;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < history.length; i++) {
    const v = history[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (current <= min) return current < min || max > min ? 0 : 50;
  if (current >= max) return 100;
  return (100 * (current - min)) / (max - min);
}

/**
 * IV percentile: the percentage of history values strictly below current, in [0, 100]. Throws
 * {@link QuantInputError} for an empty history or a non-finite value.
 */
export function ivPercentile(input: IvHistoryInput): number {
  validate(input);
  const { current, history } = input;
  let below = 0;
  for (let i = 0; i < history.length; i++) if (history[i]! < current) below++;
  return (100 * below) / history.length;
}
