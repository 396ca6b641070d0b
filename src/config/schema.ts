import { z } from 'zod';
import { brokerSchema } from './sections/broker.js';
import { commanderOptionsSchema } from '../commander/index.js';
import { llmConfigSchema } from '../swarm/index.js';
import { marketDataSchema } from './sections/market-data.js';
import { riskSchema } from './sections/risk.js';
import { scheduleSchema } from './sections/schedule.js';
import { watchdogSchema } from './sections/watchdog.js';

/** The one config file, `swarmdesk.config.json`. Unknown keys anywhere are errors. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** `live` also needs SWARMDESK_LIVE_TRADING=yes in the environment. */
    mode: z.enum(['paper', 'live']).default('paper'),
    /** Where trades.db, snapshots/ and the heartbeat live; relative to the config file's directory. */
    dataDir: z.string().min(1).default('data_lake'),
    /** Root holding prompts/ and swarm_intelligence/; relative to the config file's directory. */
    contentDir: z.string().min(1).default('.'),
    schedule: scheduleSchema.prefault({}),
    marketData: marketDataSchema,
    broker: brokerSchema,
    llm: llmConfigSchema.prefault({}),
    commander: commanderOptionsSchema.prefault({}),
    risk: riskSchema.prefault({}),
    watchdog: watchdogSchema.prefault({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.marketData.source === 'ibkr' && c.broker.type !== 'ibkr') {
      ctx.addIssue({
        code: 'custom',
        path: ['marketData', 'source'],
        message: 'expected broker.type "ibkr" for IB market data (it rides on the broker connection)',
      });
    }
  });

export type SwarmdeskConfig = z.output<typeof configSchema>;
export type SwarmdeskConfigInput = z.input<typeof configSchema>;

/** The JSON Schema of the config file, for editors (`swarmdesk config schema`). */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}
