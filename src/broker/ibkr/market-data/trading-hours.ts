/**
 * IB's trading hours (`liquidHours` of contract details) as a market clock (pure). The format is
 * `20260310:0930-20260310:1600;20260311:CLOSED;…`, in the contract's time zone (New York for US
 * listings; other zones are read as New York, the only exchange time this runtime trades).
 */
import { nyToEpoch } from '../../../domain/index.js';
import type { MarketClock } from '../../../market/index.js';

export interface Session {
  readonly open: number;
  readonly close: number;
}

const DATE_TIME = /^(\d{4})(\d{2})(\d{2}):(\d{2})(\d{2})$/;

function epoch(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  return nyToEpoch(`${m[1]}-${m[2]}-${m[3]}`, Number(m[4]), Number(m[5]));
}

/** Sessions in time order; closed days and unreadable parts are left out. */
export function parseTradingHours(text: string): Session[] {
  const out: Session[] = [];
  for (const part of text.split(';')) {
    if (part.includes('CLOSED')) continue;
    const [from, to] = part.split('-');
    if (!from || !to) continue;
    const open = epoch(from);
    const close = epoch(to);
    if (open !== null && close !== null && close > open) out.push({ open, close });
  }
  return out.sort((a, b) => a.open - b.open);
}

/** The clock at `now`; null when the hours list no session at or after `now`. */
export function clockFromSessions(sessions: readonly Session[], now: number): MarketClock | null {
  const current = sessions.find((s) => s.open <= now && now < s.close);
  const next = current ?? sessions.find((s) => s.open > now);
  if (!next) return null;
  const closeHourNy = new Date(next.close).toLocaleString('en-US', {
    timeZone: 'America/New_York',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return {
    time: now,
    isOpen: current !== undefined,
    nextOpen: next.open,
    nextClose: next.close,
    earlyClose: Number(closeHourNy) < 16,
  };
}
