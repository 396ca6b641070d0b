/** Time helpers. Inside we use epoch ms UTC; America/New_York only at the edges, through these. */

export const MS_PER_DAY = 86_400_000;
export const MS_PER_YEAR = 365 * MS_PER_DAY;
export const EXCHANGE_TIME_ZONE = 'America/New_York';

const nyParts = new Intl.DateTimeFormat('en-US', {
  timeZone: EXCHANGE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The New York wall-clock time of an instant. */
export function nyWallTime(epochMs: number): WallTime {
  const parts: Record<string, number> = {};
  for (const p of nyParts.formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** `YYYY-MM-DD` of an instant in New York. */
export function nyDate(epochMs: number): string {
  const w = nyWallTime(epochMs);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** New York's offset from UTC at an instant, in ms (e.g. -5 h in winter). */
export function nyOffsetMs(epochMs: number): number {
  const w = nyWallTime(epochMs);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant of a New York wall-clock time on a date (`YYYY-MM-DD`), DST-aware. */
export function nyToEpoch(date: string, hour: number, minute = 0, second = 0, ms = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  // Two passes settle the offset across a DST change.
  let epoch = guess - nyOffsetMs(guess);
  epoch = guess - nyOffsetMs(epoch);
  return epoch;
}

/** When an equity option on this expiry stops trading: 16:00 New York on that date. */
export function expiryEpochMs(expiry: string): number {
  return nyToEpoch(expiry, 16, 0);
}

/** Years from `now` to an option's expiry (ACT/365). */
export function yearsToExpiry(expiry: string, nowEpochMs: number): number {
  return (expiryEpochMs(expiry) - nowEpochMs) / MS_PER_YEAR;
}

/** Whole calendar days from a New York date to another (both `YYYY-MM-DD`). */
export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / MS_PER_DAY);
}

/** Add days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of week of a `YYYY-MM-DD` date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
