/**
 * Synthetic top-of-book for one option: a spread around the model price that widens for deep
 * out-of-the-money and short-dated contracts and for thinner names, on the penny-program tick
 * grid; displayed sizes; open interest (fixed per day) and volume (accumulating over the session).
 */
import type { Quote } from '../../domain/index.js';
import { hashInts, normalFromHash, unitFromHash } from './prng.js';
import type { UnderlyingProfile } from './profiles.js';

export interface OptionQuoteInput {
  readonly profile: UnderlyingProfile;
  /** Stable per contract (seed, symbol, expiry, strike, right). */
  readonly contractHash: number;
  readonly step: number;
  /** Days since 1970 of the session (changes open interest and daily volume). */
  readonly dayNumber: number;
  readonly quoteTime: number;
  /** Share of the session gone, 0..1. */
  readonly sessionElapsed: number;
  /** Model price, dollars per share. */
  readonly theo: number;
  /** The discounted intrinsic value: the quote's mid never goes below it (it would have no IV). */
  readonly floor: number;
  /** Standardised moneyness ln(K/F)/(σ√T) (0 at the money). */
  readonly moneyness: number;
  /** The same at the session's open (open interest and daily volume are fixed for the day). */
  readonly openMoneyness: number;
  readonly daysToExpiry: number;
  /** Monthlies and round strikes carry more open interest. */
  readonly isMonthly: boolean;
  readonly isRoundStrike: boolean;
}

export interface OptionQuoteOutput {
  readonly quote: Quote;
  readonly volume: number;
  readonly openInterest: number;
}

/** The quote's full width, dollars. */
export function spreadWidth(
  profile: UnderlyingProfile,
  theo: number,
  moneyness: number,
  daysToExpiry: number,
): number {
  const otm = 1 + 0.35 * Math.min(Math.abs(moneyness), 5);
  const shortDated = 1 + 0.6 / Math.max(daysToExpiry, 0.5);
  return profile.optionSpreadFactor * (0.02 + 0.008 * theo) * otm * shortDated;
}

/** The penny-program tick in cents: 1 under $3, 5 at or above. */
function tickCents(price: number): number {
  return price >= 3 ? 5 : 1;
}

/** Rounds to the tick grid on integer cents (exact decimals, and much faster than toFixed). */
function toTick(price: number, mode: 'down' | 'up' | 'nearest'): number {
  const tick = tickCents(price);
  const units = (price * 100) / tick;
  const n =
    mode === 'down' ? Math.floor(units + 1e-9) : mode === 'up' ? Math.ceil(units - 1e-9) : Math.round(units);
  return (n * tick) / 100;
}

function displayedSize(liquidity: number, hash: number): number {
  return Math.max(1, Math.round((2 + 60 * liquidity) * (0.25 + unitFromHash(hash))));
}

export function makeOptionQuote(input: OptionQuoteInput): OptionQuoteOutput {
  const { profile, theo, moneyness } = input;
  const stepHash = hashInts(input.contractHash, input.step);
  const width = spreadWidth(profile, theo, moneyness, input.daysToExpiry);
  const noise = normalFromHash(stepHash, hashInts(stepHash, 1)) * 0.12 * width;
  const floor = input.floor > 0 ? input.floor + tickCents(input.floor) / 100 : 0;
  const center = Math.max(floor, theo + noise);

  let bid = toTick(center - width / 2, 'down');
  if (bid < 0.01) bid = 0;
  let ask = toTick(Math.max(center + width / 2, 0.01), 'up');
  if (ask <= bid) ask = toTick(bid + tickCents(bid) / 100, 'up');

  const liquidity = profile.activity * Math.exp(-0.25 * moneyness * moneyness);
  const bidSize = bid > 0 ? displayedSize(liquidity, hashInts(stepHash, 2)) : 0;
  const askSize = displayedSize(liquidity, hashInts(stepHash, 3));

  const dayHash = hashInts(input.contractHash, input.dayNumber);
  const oiBase =
    2_500 *
    profile.activity *
    Math.exp(-0.3 * input.openMoneyness * input.openMoneyness) *
    (input.isMonthly ? 2 : 0.6) *
    (input.isRoundStrike ? 1.6 : 1);
  const openInterest = Math.floor(oiBase * (0.4 + unitFromHash(dayHash)));
  const dailyVolume =
    openInterest *
    0.15 *
    (1 + 3 / Math.max(input.daysToExpiry, 1)) *
    (0.3 + unitFromHash(hashInts(dayHash, 7)));
  const volume = Math.floor(dailyVolume * Math.min(1, Math.max(0, input.sessionElapsed)));
  const last = volume > 0 ? toTick((bid + ask) / 2, 'nearest') : null;

  return {
    quote: { bid, ask, bidSize, askSize, last, time: input.quoteTime },
    volume,
    openInterest,
  };
}
