import { z } from 'zod';

/** How the Commander sizes and how long an LLM Commander may think. Limits live in `risk`. */
export const commanderOptionsSchema = z
  .object({
    /** Multiplier on full Kelly (0.25 = quarter Kelly). */
    kellyFraction: z.number().gt(0).max(1).default(0.25),
    /** Never more than this fraction of net liquidation at risk in one trade. */
    kellyCap: z.number().gt(0).max(1).default(0.02),
    /**
     * The rules Commander forecasts realised volatility as implied × (1 − volRiskPremium): implied
     * volatility has on average exceeded realised (the variance risk premium; for US equity options
     * realised has averaged roughly 80-90 % of implied). 0 = trust implied.
     */
    volRiskPremium: z.number().min(0).max(0.5).default(0.15),
    /** How far the swarm's mean confidence may tilt the market-implied win probability (±tilt/2). */
    confidenceTilt: z.number().min(0).max(0.5).default(0.2),
    /** Signals below this mean confidence are not traded. */
    minConfidence: z.number().min(0).max(1).default(0.55),
    /**
     * Where between the mid (0) and the touch (1) the rules Commander prices: the fraction of the
     * structure's half-spread it concedes to get filled.
     */
    priceConcession: z.number().min(0).max(1).default(0.5),
    /** At most this many new orders per cycle (the gate's own throttle still applies). */
    maxIntentsPerCycle: z.number().int().positive().max(20).default(3),
    /** LLM Commander: the bounded tool-use loop. */
    maxSteps: z.number().int().positive().max(50).default(12),
    deadlineMs: z.number().int().positive().default(90_000),
    maxTokens: z.number().int().positive().default(60_000),
  })
  .strict();

export type CommanderOptions = z.output<typeof commanderOptionsSchema>;
