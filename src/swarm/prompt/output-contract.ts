import { z } from 'zod';
import { tickerFromInput } from '../../domain/index.js';

/**
 * The exact output contract every instance is sent (the same text for all, so it caches first).
 * `parseSignal` holds the model to it.
 */
export const OUTPUT_CONTRACT = `# Output contract (swarmdesk)

You are one strategy instance in a swarm. You do not trade: you propose. Deterministic code checks every
proposal against the option chain, and a risk gate checks every order. Anything that does not follow this
contract is refused, and a refusal means no trade.

Reply with exactly one JSON object, in this shape (one or more signals, or none):

{"signals": [{"underlying": "NVDA", "strategy": "put_credit_spread", "action": "open", "view": "bullish",
  "legs": [{"right": "put", "strike": 150, "expiry": "2026-12-18", "side": "sell", "ratio": 1},
           {"right": "put", "strike": 145, "expiry": "2026-12-18", "side": "buy", "ratio": 1}],
  "limitPrice": 1.25, "priceEffect": "credit", "confidence": 0.62,
  "thesis": "One or two sentences: the edge, and what would prove it wrong.", "horizonDays": 21}]}

Fields:
- underlying: a symbol from your symbol pool, upper case. Nothing else.
- strategy: snake_case name of the structure (iron_condor, put_credit_spread, call_debit_spread, calendar_spread, ...).
- action: "open" or "close".
- view: "bullish", "bearish" or "neutral".
- legs: 1 to 4 option legs. right "call" or "put"; strike and expiry ("YYYY-MM-DD") exactly as listed in the
  market context; side "buy" or "sell"; ratio a whole number from 1 to 10. Never the same contract twice.
- limitPrice: the net price per unit in dollars per share, greater than 0, near the net mid of the legs.
- priceEffect: "credit" when you receive the net price, "debit" when you pay it.
- confidence: 0 to 1. thesis: plain text. horizonDays: whole days you mean to hold it, 1 to 365.

If nothing meets your criteria, reply {"signals": []}. No trade is a good answer. Do not invent contracts,
prices or data that are not in the market context. Prose before the JSON is ignored; send only one JSON object.`;

const lower = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values));

/** One leg as the contract states it. Numbers are typed here; their ranges are judged later. */
export const outputLegSchema = z.object({
  right: lower(['call', 'put']),
  strike: z.number(),
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected YYYY-MM-DD' }),
  side: lower(['buy', 'sell']),
  ratio: z.number().default(1),
});

/** One signal as the contract states it. Unknown fields are dropped, never read. */
export const outputSignalSchema = z.object({
  underlying: z
    .string()
    .trim()
    .min(1)
    .max(12)
    .transform((s, ctx) => {
      // Shape first, then case: `toUpperCase` would turn a non-ASCII "gſ" into GS.
      const ticker = tickerFromInput(s);
      if (ticker === null) {
        ctx.addIssue({ code: 'custom', message: 'expected an ASCII ticker like "NVDA"' });
        return z.NEVER;
      }
      return ticker;
    }),
  strategy: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .transform((s) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, ''),
    ),
  action: lower(['open', 'close']),
  view: lower(['bullish', 'bearish', 'neutral']),
  legs: z.array(outputLegSchema),
  limitPrice: z.number(),
  priceEffect: lower(['debit', 'credit']),
  confidence: z.number(),
  thesis: z.string().trim().min(1).max(2000),
  horizonDays: z.number(),
});

export type OutputSignal = z.output<typeof outputSignalSchema>;
