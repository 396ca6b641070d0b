/**
 * How the operator commands print figures and orders: one shape everywhere (`status`, `orders`,
 * `cancel`, `halt`, `run`'s exit), text from the journal or a broker escaped.
 */
import { escapeControl } from '../escape-text.js';
import type { WorkingOrderView } from './working-orders.js';

/** Dollars with two decimals and thousands separators: `1,234.50`, `-12.00`; `∞` when unbounded. */
export function money(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A signed figure: `+12.00`, `-3.50`, `0.00`. */
export function signed(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return value > 0 && Number(text) !== 0 ? `+${text}` : text;
}

/** A duration for a person: `45 s`, `12 min`, `3.5 h`, `2.0 d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 120) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

/** An instant as ISO time (UTC), or `-`. */
export function isoTime(epochMs: number | null): string {
  return epochMs === null ? '-' : new Date(epochMs).toISOString();
}

/** The limit of an order: `1.25 credit`, or `market`. */
export function limitText(o: Pick<WorkingOrderView, 'limitPrice' | 'priceEffect'>): string {
  return o.limitPrice === null ? 'market' : `${o.limitPrice.toFixed(2)} ${o.priceEffect}`;
}

/** One line for a working order: id, status, structure × quantity, limit, fill, age, origin. */
export function workingOrderLine(o: WorkingOrderView): string {
  const age = o.ageMs === null ? 'not in the journal' : `age ${formatAge(o.ageMs)}`;
  const seen = o.seenBy === 'journal' ? ', journal only' : '';
  return escapeControl(
    `${o.clientOrderId}  ${o.status}  ${o.quantity} × ${o.structure}  @ ${limitText(o)}  filled ${o.filled}/${o.quantity} (remaining ${o.remaining})  ${age}  origin ${o.origin}${seen}`,
  );
}

/** The journaled status history of an order on one line: `pending_submit 14:00:01.123Z → working …`. */
export function historyLine(o: WorkingOrderView): string {
  if (o.history.length === 0) return 'history: none in the journal';
  return escapeControl(
    `history: ${o.history
      .map(
        (h) => `${h.status} ${new Date(h.time).toISOString().slice(11)}${h.reason ? ` (${h.reason})` : ''}`,
      )
      .join(' → ')}`,
  );
}
