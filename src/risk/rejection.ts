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

/** Dollars for a message: `$1,234.50` (by hand: `toLocaleString` costs more than a whole check). */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : '-unbounded';
  const [whole, cents] = Math.abs(value).toFixed(2).split('.') as [string, string];
  return `${value < 0 ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A number for a message without float noise: 1.2, 0.05, 1234.5. */
export function num(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toFixed(digits)));
}
