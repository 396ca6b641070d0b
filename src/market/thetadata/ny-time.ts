/**
 * The terminal's clock is New York wall time without an offset (`2025-08-20T15:59:59.805`; v2:
 * `date` + `ms_of_day`). These turn it into epoch ms UTC through `src/domain/time.ts`, DST-aware,
 * with the day's offset remembered so a 2,000-row chain does not pay for a time-zone lookup per row.
 */
import { nyDate, nyToEpoch } from '../../domain/index.js';

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;

/** Per date: New York's offset that day (UTC − local, ms), or null on a DST-change day. */
const offsets = new Map<string, number | null>();

function offsetOn(date: string): number | null {
  const known = offsets.get(date);
  if (known !== undefined) return known;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const early = nyToEpoch(date, 0, 0) - Date.UTC(y, m - 1, d, 0, 0);
  const late = nyToEpoch(date, 23, 59, 59) - Date.UTC(y, m - 1, d, 23, 59, 59);
  const offset = early === late ? early : null;
  if (offsets.size > 4096) offsets.clear();
  offsets.set(date, offset);
  return offset;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/** A New York wall-clock instant on a date, in epoch ms; fast off DST-change days. */
export function nyInstant(date: string, hour: number, minute: number, second: number, ms: number): number {
  const offset = offsetOn(date);
  if (offset === null) return nyToEpoch(date, hour, minute, second, ms);
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return Date.UTC(y, m - 1, d, hour, minute, second, ms) + offset;
}

/** When an equity option on this expiry stops trading, 16:00 New York (`expiryEpochMs`, with the offset remembered). */
export function expiryClose(expiry: string): number {
  return nyInstant(expiry, 16, 0, 0, 0);
}

/**
 * `YYYY-MM-DDTHH:mm[:ss[.f…]]` (or with a space) as New York time → epoch ms; null when malformed.
 * Fractions of any length are read as fractions of a second (`.43` is 430 ms).
 */
export function parseNyTimestamp(text: string): number | null {
  const m = STAMP.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6);
  return nyInstant(`${m[1]}-${m[2]}-${m[3]}`, h, mi, s, ms);
}

/** `YYYY-MM-DD` or `YYYYMMDD` (string or number) → `YYYY-MM-DD`; null when not a calendar date. */
export function parseWireDate(value: string | number): string | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DATE.exec(text);
  if (!m) return null;
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** v2 time: a `YYYYMMDD` date and milliseconds of the New York wall clock since midnight → epoch ms. */
export function v2Instant(date: string, msOfDay: number): number {
  const ms = Math.max(0, Math.round(msOfDay));
  return nyInstant(
    date,
    Math.floor(ms / 3_600_000),
    Math.floor(ms / 60_000) % 60,
    Math.floor(ms / 1000) % 60,
    ms % 1000,
  );
}

/** `YYYY-MM-DD` → `YYYYMMDD`, the form both API versions take in requests. */
export function compactDate(date: string): string {
  return date.replace(/-/g, '');
}

const dayOfHour = new Map<number, string>();

/**
 * The New York date of an instant, remembered per UTC hour: New York midnight falls on a whole UTC
 * hour, so an hour never straddles two New York dates.
 */
export function nyDayOf(epochMs: number): string {
  const hour = Math.floor(epochMs / 3_600_000);
  let date = dayOfHour.get(hour);
  if (date === undefined) {
    if (dayOfHour.size > 10_000) dayOfHour.clear();
    date = nyDate(epochMs);
    dayOfHour.set(hour, date);
  }
  return date;
}
