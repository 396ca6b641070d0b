/**
 * Typed errors of the quant core. Both extend `RangeError` (the input is outside the domain of the
 * function) and carry a stable, machine-readable `code`; the message names the bound and the value.
 */

/** Why an implied volatility cannot be had. */
export type IvErrorCode =
  | 'IV_PRICE_BELOW_INTRINSIC'
  | 'IV_PRICE_ABOVE_MAXIMUM'
  | 'IV_NON_POSITIVE_TIME'
  | 'IV_NON_POSITIVE_INPUT'
  | 'IV_NON_FINITE_INPUT'
  | 'IV_INVALID_RIGHT';

/** An option price that no volatility reproduces, or an input that makes the question meaningless. */
export class IvError extends RangeError {
  readonly code: IvErrorCode;
  /** Never: the same inputs give the same answer. */
  readonly retryable = false;

  constructor(code: IvErrorCode, message: string) {
    super(message);
    this.name = 'IvError';
    this.code = code;
  }
}

/** Why a quant input was refused (outside IV solving). */
export type QuantInputErrorCode = 'QUANT_NON_FINITE_INPUT' | 'QUANT_OUT_OF_RANGE';

/** A price, Greek, Kelly or ranking input outside its domain (NaN, negative amount, p ∉ [0, 1], …). */
export class QuantInputError extends RangeError {
  readonly code: QuantInputErrorCode;
  readonly retryable = false;

  constructor(code: QuantInputErrorCode, message: string) {
    super(message);
    this.name = 'QuantInputError';
    this.code = code;
  }
}
