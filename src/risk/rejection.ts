import type { SafetyCode } from '../domain/index.js';

/** Why a check refused an order: a stable code and a message that names the value and the bound. */
export interface Rejection {
  readonly code: SafetyCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function reject(code: SafetyCode, message: string, details?: Record<string, unknown>): Rejection {
  return details === undefined ? { code, message } : { code, message, details };
}

/**
 * Dollars for a message: `$1,234.50` (by hand: `toLocaleString` costs more than a whole check).
 * An infinite amount is `unbounded` whatever its sign (a message says which way it goes in words),
 * and NaN is `unknown`: a message never shows `Infinity` or `NaN`.
 */
export function usd(value: number): string {
  if (Number.isNaN(value)) return 'unknown';
  if (!Number.isFinite(value)) return 'unbounded';
  const [whole, cents] = Math.abs(value).toFixed(2).split('.') as [string, string];
  return `${value < 0 ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A number for a message without float noise: 1.2, 0.05, 1234.5; `unbounded` or `unknown` when not finite. */
export function num(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'unknown';
  if (!Number.isFinite(value)) return 'unbounded';
  return String(Number(value.toFixed(digits)));
}

/** A fraction as a percentage for a message: `12.5 %`; `unbounded` or `unknown` when not finite. */
export function pct(fraction: number): string {
  return Number.isFinite(fraction) ? `${num(fraction * 100, 2)} %` : num(fraction);
}

/** A change in max loss: `adds $300.00 of max loss`, `adds unbounded risk`, `removes unbounded risk`. */
export function lossChange(change: number): string {
  if (Number.isNaN(change)) return 'adds an unknown amount of max loss';
  if (change === Infinity) return 'adds unbounded risk';
  if (change === -Infinity) return 'removes unbounded risk';
  return change >= 0 ? `adds ${usd(change)} of max loss` : `removes ${usd(-change)} of max loss`;
}
