import { z } from 'zod';
import { duration, positiveInt } from './common.js';

export const watchdogSchema = z
  .object({
    /** Heartbeat older than this and the watchdog flattens the book and halts. */
    heartbeatTimeout: duration('60s', { minMs: 2000 }),
    checkInterval: duration('5s', { minMs: 100 }),
    heartbeatInterval: duration('5s', { minMs: 100 }),
    /** What the main loop does when its watchdog child dies: restart it, or halt trading. */
    onWatchdogDeath: z.enum(['restart', 'halt']).default('restart'),
    flattenAttempts: positiveInt().max(50).default(5),
    /** Each retry widens the closing limit by this fraction of the mid. */
    flattenCollarStep: z.number().positive().max(1).default(0.05),
    flattenRetryDelay: duration('2s'),
  })
  .strict();
