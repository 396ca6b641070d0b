/**
 * What the adapter remembers from ThetaData's history: SOFR prints (the risk-free rate), and the
 * 30-day ATM IV of completed days, rebuilt from EOD reports once and kept (past days never change).
 * A later call asks only for the days not yet read.
 */
import { addDays } from '../../domain/index.js';
import { MarketDataError, type IvHistoryPoint } from '../index.js';
import { bracketingExpiries, eodPlan, ivSeries, type DayInputs } from './iv-history.js';
import { nyDayOf } from './ny-time.js';
import type { OptionEodRecord, TerminalApi } from './terminal-api.js';

/** Strikes each side of spot asked for per EOD report (v3 `strike_range`; v2 sends them all). */
export const IV_STRIKE_RANGE = 3;

/** Missing data, or data the tier does not include: the caller degrades instead of failing. */
export function absent(error: unknown): boolean {
  return error instanceof MarketDataError && (error.reason === 'NO_DATA' || error.reason === 'PERMISSION');
}

export async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (absent(error)) return null;
    throw error;
  }
}

/** SOFR (percent on the wire) as a decimal rate; the fallback where the terminal has none (v2, gaps). */
export class SofrRates {
  private readonly byDay = new Map<string, number>();

  constructor(
    private readonly api: TerminalApi,
    private readonly fallback: number,
  ) {}

  /** The rate for a day: the latest print of the ten days before it (SOFR is published a day late). */
  async on(date: string): Promise<number> {
    const cached = this.byDay.get(date);
    if (cached !== undefined) return cached;
    const rate = (await this.history(date, date))(date);
    this.byDay.set(date, rate);
    return rate;
  }

  /** Rates by date over a range: the last print on or before each date. */
  async history(from: string, to: string): Promise<(date: string) => number> {
    const rows = (await orNull(this.api.sofr(addDays(from, -10), to))) ?? [];
    const sorted = [...rows].sort((a, b) => (a.created < b.created ? -1 : 1));
    return (date) => {
      let rate: number | null = null;
      for (const r of sorted) if (r.created <= date) rate = r.rate / 100;
      return rate ?? this.fallback;
    };
  }
}

/** EOD reports deduplicated per contract and day, keeping the latest report (v2 sent two a day). */
export function latestReports(rows: readonly OptionEodRecord[]): OptionEodRecord[] {
  const latest = new Map<string, OptionEodRecord>();
  for (const r of rows) {
    const key = `${r.expiration}|${r.strike}|${r.right}|${nyDayOf(r.created)}`;
    const seen = latest.get(key);
    if (!seen || r.created > seen.created) latest.set(key, r);
  }
  return [...latest.values()];
}

export class IvHistoryBook {
  /** Per symbol: IV of each completed day read (null where the reports gave none). */
  private readonly days = new Map<string, Map<string, number | null>>();
  /** Per symbol: the date range whose reports have been read. */
  private readonly covered = new Map<string, { readonly from: string; readonly to: string }>();

  constructor(
    private readonly api: TerminalApi,
    private readonly rates: SofrRates,
  ) {}

  /** Completed days in [from, to] with an IV, oldest first. */
  async completedDays(
    symbol: string,
    expirations: readonly string[],
    from: string,
    to: string,
  ): Promise<IvHistoryPoint[]> {
    const known = this.days.get(symbol) ?? new Map<string, number | null>();
    this.days.set(symbol, known);
    await this.fill(symbol, expirations, from, to, known);
    const points: IvHistoryPoint[] = [];
    for (const [date, iv] of known) if (date >= from && date <= to && iv !== null) points.push({ date, iv });
    return points.sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** Reads the days of [from, to] not covered yet: the stock's closes, then the options' reports. */
  private async fill(
    symbol: string,
    expirations: readonly string[],
    from: string,
    to: string,
    known: Map<string, number | null>,
  ): Promise<void> {
    const covered = this.covered.get(symbol);
    const ranges: [string, string][] =
      covered === undefined
        ? [[from, to]]
        : [
            [from, addDays(covered.from, -1)],
            [addDays(covered.to, 1), to],
          ];
    const closes = new Map<string, { created: number; close: number }>();
    for (const [a, b] of ranges.filter(([a, b]) => a <= b)) {
      for (const r of await this.api.stockEod(symbol, a, b)) {
        const date = nyDayOf(r.created);
        if (known.has(date) || r.close === null || !(r.close > 0)) continue;
        const seen = closes.get(date);
        if (!seen || r.created > seen.created) closes.set(date, { created: r.created, close: r.close });
      }
    }
    this.covered.set(symbol, {
      from: covered === undefined || from < covered.from ? from : covered.from,
      to: covered === undefined || to > covered.to ? to : covered.to,
    });
    const dates = [...closes.keys()].sort();
    if (dates.length === 0) return;
    const rateOn = await this.rates.history(dates[0]!, dates[dates.length - 1]!);
    const byExpiry = new Map<string, Map<string, OptionEodRecord[]>>();
    await Promise.all(
      [...eodPlan(dates, expirations)].map(async ([expiry, span]) => {
        const rows = await this.api.optionEod(symbol, expiry, span.from, span.to, IV_STRIKE_RANGE);
        const perDay = new Map<string, OptionEodRecord[]>();
        for (const r of latestReports(rows)) {
          const date = nyDayOf(r.created);
          const list = perDay.get(date);
          if (list) list.push(r);
          else perDay.set(date, [r]);
        }
        byExpiry.set(expiry, perDay);
      }),
    );
    const inputs: DayInputs[] = dates.map((date) => {
      const { near, far } = bracketingExpiries(date, expirations);
      const side = (e: string | null): DayInputs['near'] =>
        e === null ? null : { expiry: e, rows: byExpiry.get(e)?.get(date) ?? [] };
      return { date, spot: closes.get(date)!.close, rate: rateOn(date), near: side(near), far: side(far) };
    });
    const computed = new Map(ivSeries(inputs).map((p) => [p.date, p.iv] as const));
    for (const date of dates) known.set(date, computed.get(date) ?? null);
  }
}
