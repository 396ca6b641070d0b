/** Executions and account figures, IB wire → domain (pure). */
import type { Execution } from '@stoqey/ib';
import { nyToEpoch } from '../../../domain/index.js';

/**
 * TWS execution time as epoch ms: `20261124 10:15:30 US/Eastern` (zone name, New York zones
 * understood), `20261124 10:15:30` (New York) or `20261124-15:15:30` (UTC). Null when unreadable.
 */
export function parseExecutionTime(text: string | undefined): number | null {
  if (!text) return null;
  const utc = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (utc) {
    const [, y, mo, d, h, mi, s] = utc.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return Date.UTC(y, mo - 1, d, h, mi, s);
  }
  const local = /^(\d{4})(\d{2})(\d{2})\s+(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?$/.exec(text.trim());
  if (!local) return null;
  const zone = local[7];
  const [y, mo, d, h, mi, s] = local.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (zone === 'UTC' || zone === 'GMT' || zone === 'Etc/UTC') return Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone !== undefined && !['US/Eastern', 'America/New_York', 'EST', 'EDT', 'EST5EDT'].includes(zone))
    return null;
  return nyToEpoch(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, h, mi, s);
}

/** Epoch ms as an execution filter's time, `yyyymmdd-hh:mm:ss` in UTC (whole seconds, rounded down). */
export function executionFilterTime(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export type Side = 'buy' | 'sell';

/** `BOT` → buy, `SLD` → sell. */
export function executionSide(execution: Pick<Execution, 'side'>): Side | null {
  if (execution.side === 'BOT') return 'buy';
  if (execution.side === 'SLD') return 'sell';
  return null;
}

/** The account-summary tags the adapter asks for (`$LEDGER:USD` brings realised and unrealised P&L). */
export const SUMMARY_TAGS = [
  'NetLiquidation',
  'TotalCashValue',
  'BuyingPower',
  'InitMarginReq',
  'MaintMarginReq',
  'AvailableFunds',
  '$LEDGER:USD',
] as const;

export interface SummaryValues {
  readonly netLiquidation: number;
  readonly cash: number;
  readonly buyingPower: number;
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
}

/** The figures from (tag, value, currency) rows; missing required tags are listed. */
export function summaryFrom(
  rows: readonly { tag: string; value: string; currency: string }[],
): { values: SummaryValues } | { missing: string[] } {
  const num = (tag: string): number | undefined => {
    const row = rows.find(
      (r) => r.tag === tag && (r.currency === 'USD' || r.currency === '' || r.currency === 'BASE'),
    );
    if (!row) return undefined;
    const n = Number(row.value);
    return Number.isFinite(n) ? n : undefined;
  };
  const required = {
    netLiquidation: num('NetLiquidation'),
    cash: num('TotalCashValue'),
    buyingPower: num('BuyingPower'),
    initialMargin: num('InitMarginReq'),
    maintenanceMargin: num('MaintMarginReq'),
  };
  const missing = Object.entries(required)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length > 0) return { missing };
  return {
    values: {
      netLiquidation: required.netLiquidation!,
      cash: required.cash!,
      buyingPower: required.buyingPower!,
      initialMargin: required.initialMargin!,
      maintenanceMargin: required.maintenanceMargin!,
      realizedPnl: num('RealizedPnL') ?? 0,
      unrealizedPnl: num('UnrealizedPnL') ?? 0,
    },
  };
}
