/**
 * The fill simulator, pure: does an order trade against the quotes, how many units, at what net
 * price, and at what price per leg. Marketable on arrival: at the touch (the natural net price).
 * Resting (including what is left after a partial fill): at its limit, once the market crosses it.
 * Size is what the touch displays (for a combo, the leg that shows the fewest units); displayed
 * size is taken once per quote update. A combo fills as a package.
 */
import { sideSign, signedNetPrice, type OrderIntent, type QuoteFlag } from '../../domain/index.js';

export interface LegQuote {
  readonly bid: number | null;
  readonly ask: number | null;
  readonly bidSize: number;
  readonly askSize: number;
  readonly last: number | null;
  readonly time: number;
  readonly flags: readonly QuoteFlag[];
}

export interface MatchState {
  readonly intent: OrderIntent;
  readonly filledQuantity: number;
  /** The quote time of the order's last fill (its displayed size is used up), or null. */
  readonly lastFillQuoteTime: number | null;
  /** True while the order is being placed (it may take the touch). */
  readonly arriving: boolean;
}

export interface MatchResult {
  /** Units filled now. */
  readonly quantity: number;
  /** Net per unit, signed (+ paid, − received). */
  readonly netPrice: number;
  /** Dollars per share for each leg, in leg order. */
  readonly legPrices: readonly number[];
  /** The newest quote time among the legs. */
  readonly quoteTime: number;
}

/** Why a quote cannot be traded against: halted, crossed, or the side needed is missing. */
export function untradable(quote: LegQuote, buying: boolean): boolean {
  if (quote.flags.includes('halted') || quote.flags.includes('crossed')) return true;
  const price = buying ? quote.ask : quote.bid;
  const size = buying ? quote.askSize : quote.bidSize;
  return price === null || !(price > 0) || !(size > 0);
}

/** The natural (touch) net price per unit, signed; null when a leg cannot be traded. */
export function naturalNetPrice(intent: OrderIntent, quotes: readonly LegQuote[]): number | null {
  let net = 0;
  for (let i = 0; i < intent.legs.length; i++) {
    const leg = intent.legs[i]!;
    const quote = quotes[i];
    const buying = leg.side === 'buy';
    if (!quote || untradable(quote, buying)) return null;
    net += sideSign(leg.side) * leg.ratio * (buying ? quote.ask! : quote.bid!);
  }
  return net;
}

export function matchOrder(state: MatchState, quotes: readonly LegQuote[]): MatchResult | null {
  const { intent } = state;
  const remaining = intent.quantity - state.filledQuantity;
  if (remaining <= 0) return null;
  const natural = naturalNetPrice(intent, quotes);
  if (natural === null) return null;
  const limit = intent.orderType === 'market' ? Infinity : signedNetPrice(intent)!;
  if (natural > limit + 1e-9) return null;

  const quoteTime = Math.max(...quotes.map((q) => q.time));
  if (state.lastFillQuoteTime !== null && quoteTime <= state.lastFillQuoteTime) return null;

  let available = Infinity;
  for (let i = 0; i < intent.legs.length; i++) {
    const leg = intent.legs[i]!;
    const q = quotes[i]!;
    available = Math.min(available, Math.floor((leg.side === 'buy' ? q.askSize : q.bidSize) / leg.ratio));
  }
  const quantity = intent.orderType === 'market' ? remaining : Math.min(remaining, available);
  if (quantity <= 0) return null;

  const atTouch = state.arriving || intent.orderType === 'market';
  const netPrice = atTouch ? natural : limit;
  const touches = intent.legs.map((leg, i) => (leg.side === 'buy' ? quotes[i]!.ask! : quotes[i]!.bid!));
  return { quantity, netPrice, legPrices: allocateLegPrices(intent, touches, netPrice - natural), quoteTime };
}

/**
 * Leg prices that sum (signed, by ratio) to the package price: each leg at its touch, then the
 * difference from the natural price spread evenly per contract (buys pay more, sells get less),
 * never taking a sell below zero.
 */
export function allocateLegPrices(intent: OrderIntent, touches: readonly number[], extra: number): number[] {
  const prices = [...touches];
  let left = extra;
  for (let pass = 0; pass < 3 && Math.abs(left) > 1e-12; pass++) {
    const open = intent.legs
      .map((leg, i) => ({ leg, i }))
      .filter(({ leg, i }) => !(leg.side === 'sell' && left > 0 && prices[i]! <= 0));
    const contracts = open.reduce((sum, { leg }) => sum + leg.ratio, 0);
    if (contracts === 0) break;
    const perContract = left / contracts;
    left = 0;
    for (const { leg, i } of open) {
      const next = prices[i]! + sideSign(leg.side) * perContract;
      if (next < 0) {
        left += -next * leg.ratio;
        prices[i] = 0;
      } else prices[i] = next;
    }
  }
  return prices.map((p) => Math.round(p * 1e6) / 1e6);
}
