import { z } from 'zod';
import { DEFAULT_UNDERLYINGS } from '../../domain/index.js';
import { duration, fraction, nonNegative, positive, positiveInt, symbol } from './common.js';

/** IBKR hard-rejects option orders priced more than 20 % through the market; our collar stays inside. */
const MAX_COLLAR_PERCENT = 0.15;

/**
 * Hard limits for the execution gate (`src/risk`). Defaults are deliberately conservative for a
 * $100k paper account; every one is a bound the gate enforces, never advice to an LLM. Money in
 * dollars, option prices in dollars per share, quantities in contracts. The gate's decision record
 * (`docs/decisions/0003-gate.md`) says exactly how each figure is computed.
 */
export const riskSchema = z
  .object({
    // ---- instrument -------------------------------------------------------------------------
    /** Underlyings the gate lets through; anything else is INSTRUMENT_NOT_ALLOWED. */
    allowedUnderlyings: z
      .array(symbol)
      .min(1)
      .default([...DEFAULT_UNDERLYINGS]),
    /** Security types of the legs: listed equity options, and stock only when added here. */
    allowedSecurityTypes: z
      .array(z.enum(['option', 'stock']))
      .min(1)
      .default(['option']),
    /** Calendar days (New York) from today to an option leg's expiry: at least … */
    minDaysToExpiry: z.number().int().min(0).default(1),
    /** … and at most. */
    maxDaysToExpiry: z.number().int().positive().default(120),
    /**
     * Underlyings whose options trade in pennies below $3 and nickels above (penny program).
     * Any other underlying's single-leg option prices must sit on the $0.05/$0.10 grid.
     */
    pennyTickUnderlyings: z.array(symbol).default([...DEFAULT_UNDERLYINGS]),

    // ---- order type and time in force --------------------------------------------------------
    allowedOrderTypes: z
      .array(z.enum(['limit', 'market']))
      .min(1)
      .default(['limit']),
    allowedTimeInForce: z
      .array(z.enum(['day', 'gtc', 'ioc']))
      .min(1)
      .default(['day']),

    // ---- price -------------------------------------------------------------------------------
    /** Net limit price per unit (dollars per share) of any order with an option leg: at least. */
    minOptionPrice: nonNegative().default(0.05),
    /** Oldest quote (leg or underlying) the gate prices from, measured against market time. */
    maxQuoteAge: duration('60s'),
    /**
     * The collar around the net mid: a limit may sit at most `max(halfSpread, min(collarPercent ×
     * |mid|, collarSpreads × spread))` from it — always up to the natural price, never further than
     * both bounds. At most 0.15, inside IBKR's 20 % hard reject.
     */
    collarPercent: z
      .number({ error: 'expected a fraction between 0 and 0.15' })
      .min(0, { error: 'expected a fraction between 0 and 0.15' })
      .max(MAX_COLLAR_PERCENT, {
        error: `expected at most ${MAX_COLLAR_PERCENT} (IBKR hard-rejects options 20 % through the market)`,
      })
      .default(0.1),
    /** The spread bound of the collar, in multiples of the structure's bid-ask spread. */
    collarSpreads: nonNegative().default(1),

    // ---- size --------------------------------------------------------------------------------
    /** Contracts across all legs of one order (an iron condor of 2 is 8). */
    maxContractsPerOrder: positiveInt().default(10),
    /** Net premium (or stock notional) of one order: |limit| × multiplier × quantity, dollars. */
    maxPremiumPerOrder: positive().default(5_000),
    /** Orders working at the broker, including this one. */
    maxOpenOrders: positiveInt().default(20),
    /** |contracts| held in one contract after the order and every working order the same way. */
    maxPositionPerContract: positiveInt().default(20),
    /** Σ |contracts| across one underlying's options (stock counts per 100 shares) after the order. */
    maxContractsPerUnderlying: positiveInt().default(50),
    /** One underlying's max loss (from cost) after the order, as a fraction of net liquidation. */
    maxConcentration: fraction().default(0.3),

    // ---- defined risk ------------------------------------------------------------------------
    /** Short puts not covered by a long put of the same or later expiry; cash-secured when allowed. */
    allowNakedShortPuts: z.boolean().default(false),
    /** The increase in max loss (payoff at expiry, from the legs) one order may add, dollars. */
    maxLossPerTrade: positive().default(2_000),
    /**
     * Capital at risk: Σ over underlyings of each book's max loss from cost — positions, the worst
     * fill of the working orders, and the order — dollars. On by default at 5 % of the $100k the
     * defaults are sized for: five days of `maxDailyLoss`, half of the `maxDrawdown` allowance. The
     * loss limits only trip after a loss; this bounds what one bad day can take (everything open at
     * its worst stays inside the drawdown halt). Scale it with the account and the loss limits.
     */
    maxLossTotal: positive().default(5_000),

    // ---- portfolio greeks after the order, per underlying (positions + working orders + order) --
    /** |net delta| in shares of the underlying. */
    maxNetDelta: positive().default(500),
    /** |net gamma| in shares per $1 move of the underlying. */
    maxNetGamma: positive().default(100),
    /** |net vega| in dollars per 1 vol point. */
    maxNetVega: positive().default(2_000),
    /** |net theta| in dollars per calendar day. */
    maxNetTheta: positive().default(1_000),

    // ---- buying power ------------------------------------------------------------------------
    /** Buying power left after an order that uses some, as a fraction of net liquidation. */
    minBuyingPowerReserve: fraction().default(0.2),

    // ---- loss limits (since the later of the period's start and the last person's resume) -------
    /** Loss today (net liquidation against the last mark before today), dollars. */
    maxDailyLoss: positive().default(1_000),
    /** Fall of net liquidation from its high-water mark, as a fraction of the mark. */
    maxDrawdown: fraction().default(0.1),
    /** Closing orders in a row that realised a loss. */
    maxConsecutiveLosses: positiveInt().default(5),
    /** What a crossed loss limit trips the breaker to. */
    lossLimitBreakerState: z.enum(['REDUCING', 'HALTED']).default('HALTED'),

    // ---- throttles and duplicates (far under IBKR's 50 messages/s) -----------------------------
    /** Orders sent in the last 60 s, including this one. */
    maxOrdersPerMinute: positiveInt().max(600).default(10),
    /** Orders sent in one cycle, including this one. */
    maxOrdersPerCycle: positiveInt().default(5),
    /** Working orders per contract and side, including this one (IBKR allows 20). */
    maxWorkingOrdersPerContractSide: positiveInt().max(20).default(1),
    /** The same legs, sides, price and quantity again within this window is a duplicate. */
    duplicateWindow: duration('60s'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.minDaysToExpiry > r.maxDaysToExpiry) {
      ctx.addIssue({
        code: 'custom',
        path: ['minDaysToExpiry'],
        message: `expected minDaysToExpiry <= maxDaysToExpiry (${r.maxDaysToExpiry})`,
      });
    }
  });
