import { z } from 'zod';

/**
 * The parts of an OpenAI-compatible chat completion we read. Tolerant, because Ollama, vLLM and
 * llama.cpp servers fill in different subsets (usage is often missing, content may be null).
 */
export const chatCompletionSchema = z.looseObject({
  model: z.string().optional(),
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({ content: z.string().nullable().optional() }).optional(),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .looseObject({
      prompt_tokens: z.number().nullable().optional(),
      completion_tokens: z.number().nullable().optional(),
      prompt_tokens_details: z
        .looseObject({ cached_tokens: z.number().nullable().optional() })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});

export type ChatCompletion = z.output<typeof chatCompletionSchema>;
