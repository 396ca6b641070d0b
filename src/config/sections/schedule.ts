import { z } from 'zod';
import { duration } from './common.js';

export const scheduleSchema = z
  .object({
    /** Time between the starts of two cycles. */
    interval: duration('30s', { minMs: 1000, maxMs: 86_400_000 }),
    /** Skip cycles while the market is closed (and, with it, in the open delay and the close buffer). */
    marketHoursOnly: z.boolean().default(true),
    /** With marketHoursOnly: minutes after the open (market time) before the first cycle starts. */
    openDelayMinutes: z.number().int().min(0).max(120).default(5),
    /** With marketHoursOnly: minutes before the close (market time) after which no cycle starts. */
    closeBufferMinutes: z.number().int().min(0).max(120).default(10),
    /** Deadline for one whole cycle. */
    cycleDeadline: duration('120s', { minMs: 1000 }),
  })
  .strict();
