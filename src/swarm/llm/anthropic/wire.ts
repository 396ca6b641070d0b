import { z } from 'zod';

/**
 * The parts of an Anthropic Messages API response we read. Tolerant: unknown fields pass, usage
 * fields may be missing or null (compatible servers omit them).
 */
export const anthropicMessageSchema = z.looseObject({
  model: z.string().optional(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullable().optional(),
  usage: z
    .looseObject({
      input_tokens: z.number().nullable().optional(),
      output_tokens: z.number().nullable().optional(),
      cache_creation_input_tokens: z.number().nullable().optional(),
      cache_read_input_tokens: z.number().nullable().optional(),
    })
    .nullable()
    .optional(),
});

export type AnthropicMessage = z.output<typeof anthropicMessageSchema>;
