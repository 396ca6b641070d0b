import { contractKey, formatDuration, type OrderIntent } from '../../domain/index.js';
import { analyze } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

function ageText(age: number): string {
  return Number.isFinite(age) ? `${formatDuration(Math.max(0, Math.round(age)))} old` : 'of unknown age';
}

/** 5g. Every quote the gate prices from (legs and underlying) is younger than `risk.maxQuoteAge`, in market time. */
export function checkQuoteStale(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.marketTime === null)
    return reject('QUOTE_STALE', 'the market time is unknown, so quote ages cannot be judged');
  const now = ctx.marketTime;
  const max = ctx.limits.maxQuoteAge;
  const a = analyze(intent, ctx);
  const quotes = [
    ...a.legQuotes.map((q) => ({
      name: contractKey(q.leg.contract),
      time: q.quote?.time,
      flagged: q.row?.flags.includes('stale') ?? false,
    })),
    ...a.symbols.map((s) => {
      const u = ctx.markets[s]?.underlying;
      return { name: `${s} (underlying)`, time: u?.time, flagged: u?.flags.includes('stale') ?? false };
    }),
  ];
  for (const q of quotes) {
    if (q.time === undefined) continue; // no quote at all: QUOTE_MISSING says so
    const age = now - q.time;
    if (q.flagged || Math.abs(age) > max) {
      return reject(
        'QUOTE_STALE',
        `${q.name}: quote is ${ageText(age)}${q.flagged ? ' (flagged stale by the source)' : ''}; risk.maxQuoteAge is ${formatDuration(max)}`,
        {
          ageMs: Number.isFinite(age) ? age : null,
          maxQuoteAgeMs: max,
        },
      );
    }
  }
  return null;
}
