/** Input checks shared by the quant functions: each throws a typed error naming the field and the value. */
import type { Right } from '../domain/index.js';
import { IvError, QuantInputError } from './errors.js';

/** Throws {@link QuantInputError} unless `value` is finite. */
export function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new QuantInputError('QUANT_NON_FINITE_INPUT', `${name} must be a finite number, got ${value}`);
  }
}

/** Throws {@link QuantInputError} unless `value` is finite and > 0. */
export function requirePositive(name: string, value: number): void {
  requireFinite(name, value);
  if (!(value > 0)) throw new QuantInputError('QUANT_OUT_OF_RANGE', `${name} must be > 0, got ${value}`);
}

/** Throws {@link QuantInputError} unless `value` is finite and ≥ 0. */
export function requireNonNegative(name: string, value: number): void {
  requireFinite(name, value);
  if (!(value >= 0)) throw new QuantInputError('QUANT_OUT_OF_RANGE', `${name} must be ≥ 0, got ${value}`);
}

/** Throws {@link IvError} (`IV_NON_FINITE_INPUT`) unless `value` is finite. */
export function ivRequireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new IvError('IV_NON_FINITE_INPUT', `${name} must be a finite number, got ${value}`);
  }
}

/** Throws {@link IvError} unless `value` is finite and > 0. */
export function ivRequirePositive(name: string, value: number): void {
  ivRequireFinite(name, value);
  if (!(value > 0)) throw new IvError('IV_NON_POSITIVE_INPUT', `${name} must be > 0, got ${value}`);
}

/** Throws {@link IvError} (`IV_NON_POSITIVE_TIME`) unless the time is finite and > 0. */
export function ivRequirePositiveTime(timeYears: number): void {
  ivRequireFinite('timeYears', timeYears);
  if (!(timeYears > 0)) {
    throw new IvError('IV_NON_POSITIVE_TIME', `timeYears must be > 0, got ${timeYears}`);
  }
}

/** Throws {@link QuantInputError} unless `right` is 'call' or 'put' (callers outside TypeScript can pass anything). */
export function requireRight(right: Right): void {
  if (right !== 'call' && right !== 'put') {
    throw new QuantInputError('QUANT_OUT_OF_RANGE', `right must be 'call' or 'put', got ${String(right)}`);
  }
}

/** Throws {@link IvError} (`IV_INVALID_RIGHT`) unless `right` is 'call' or 'put'. */
export function ivRequireRight(right: Right): void {
  if (right !== 'call' && right !== 'put') {
    throw new IvError('IV_INVALID_RIGHT', `right must be 'call' or 'put', got ${String(right)}`);
  }
}
