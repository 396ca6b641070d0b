import { z } from 'zod';

/**
 * LLM settings. `provider` `rules` means no LLM at all: deterministic screens, reported as rules.
 * Keys never live here: ANTHROPIC_API_KEY / OPENAI_API_KEY from the environment.
 */
export const llmSchema = z
  .object({
    provider: z.string().default('rules'),
  })
  .strict()
  .prefault({});
