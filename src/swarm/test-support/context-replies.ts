import { RealClock, type Clock, type TimerHandle } from '../../domain/index.js';
import { parseJsonText } from '../untrusted.js';

interface ContextJson {
  readonly symbols: readonly {
    readonly symbol: string;
    readonly expiries: readonly {
      readonly expiry: string;
      readonly rows: readonly (string | number | null)[][];
    }[];
  }[];
}

/**
 * A model's answer made from the market context it was sent: a put credit spread on the first symbol
 * (sell the put nearest 0.25 delta, buy the next lower put shown), priced at the net mid. What a
 * well-behaved LLM would send; the fake server answers with it in tests and the bench.
 */
export function spreadFromContext(user: string, override: { underlying?: string } = {}): string {
  const json = parseJsonText(user.slice(user.indexOf('{'), user.lastIndexOf('}') + 1));
  const ctx = (json.ok ? json.value : { symbols: [] }) as ContextJson;
  const symbol = ctx.symbols[0];
  const slice = symbol?.expiries[0];
  const puts = (slice?.rows ?? []).filter((r) => r[1] === 'put').sort((a, b) => Number(b[0]) - Number(a[0]));
  const shortIdx = puts.reduce(
    (best, r, i) =>
      Math.abs(Math.abs(Number(r[5])) - 0.25) < Math.abs(Math.abs(Number(puts[best]?.[5])) - 0.25) ? i : best,
    0,
  );
  const short = puts[shortIdx];
  const long = puts[shortIdx + 1];
  if (!symbol || !slice || !short || !long) return '{"signals": []}';
  const mid = (r: (string | number | null)[]) => (Number(r[2]) + Number(r[3])) / 2;
  const credit = Math.round((mid(short) - mid(long)) * 100) / 100;
  return JSON.stringify({
    signals: [
      {
        underlying: override.underlying ?? symbol.symbol,
        strategy: 'put_credit_spread',
        action: 'open',
        view: 'bullish',
        legs: [
          { right: 'put', strike: short[0], expiry: slice.expiry, side: 'sell', ratio: 1 },
          { right: 'put', strike: long[0], expiry: slice.expiry, side: 'buy', ratio: 1 },
        ],
        limitPrice: credit,
        priceEffect: 'credit',
        confidence: 0.6,
        thesis: 'Premium is rich and the put wing is stretched.',
        horizonDays: 14,
      },
    ],
  });
}

/**
 * Real timers, but a clock that starts at a fixed instant: fixture chains keep their dates while
 * timeouts and the deadline run in real time against a real socket.
 */
export class FixedStartClock implements Clock {
  private readonly real = new RealClock();
  private readonly offset: number;
  constructor(start: number) {
    this.offset = start - this.real.now();
  }
  now(): number {
    return this.real.now() + this.offset;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.real.sleep(ms, signal);
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.real.setTimeout(fn, ms);
  }
  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.real.setInterval(fn, ms);
  }
}
