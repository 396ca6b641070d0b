import { z } from 'zod';
import { duration } from './common.js';

export const scheduleSchema = z
  .object({
    /** Time between the starts of two cycles. */
    interval: duration('30s', { minMs: 1000, maxMs: 86_400_000 }),
    /** Skip cycles while the market is closed. */
    marketHoursOnly: z.boolean().default(true),
    /** Minutes after the open before the first cycle, and before the close after which none starts. */
    openDelayMinutes: z.number().int().min(0).max(120).default(5),
    closeBufferMinutes: z.number().int().min(0).max(120).default(10),
    /** Deadline for one whole cycle. */
    cycleDeadline: duration('120s', { minMs: 1000 }),
  })
  .strict();
