import { z } from 'zod';
import type { InstanceId } from '../../domain/index.js';
import { PROVIDER_KINDS, type ProviderKind } from '../llm/llm-config.js';
import type { SwarmTemplate } from '../templates/template.js';
import type { TemplateParameters } from '../templates/template-schema.js';

/** An instance file, `swarm_intelligence/active_instances/<id>.json`. Strict: unknown keys are errors. */
export const instanceFileSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'expected lower-case [a-z0-9_-], 1-64 characters' }),
    /** A file in `swarm_intelligence/templates/`, e.g. `vol_sniper.md`. */
    template: z
      .string()
      .regex(/^[a-z][a-z0-9_]*\.md$/, { error: 'expected a template file name like "vol_sniper.md"' }),
    enabled: z.boolean().default(true),
    description: z.string().optional(),
    /** This instance's provider; else the config default. `--llm` / SWARMDESK_LLM override both. */
    provider: z.enum(PROVIDER_KINDS).optional(),
    model: z.string().min(1).max(200).optional(),
    /** Checked against the parameters the template declares. */
    parameters: z.record(z.string(), z.unknown()),
    /** Kept from the prior art's instance files; not read. */
    evolution_history: z.unknown().optional(),
  })
  .refine((f) => f.model === undefined || f.provider !== undefined, {
    message: 'expected "provider" too when "model" is given (a model belongs to a provider)',
    path: ['model'],
  })
  .refine((f) => !(f.provider === 'rules' && f.model !== undefined), {
    message: 'expected no "model" with provider "rules" (rules are not a model)',
    path: ['model'],
  });

export type InstanceFile = z.output<typeof instanceFileSchema>;

/** A validated instance: its file, its template and its parameters with defaults filled in. */
export interface SwarmInstance {
  readonly id: InstanceId;
  /** Path relative to the swarm root. */
  readonly file: string;
  readonly template: SwarmTemplate;
  readonly enabled: boolean;
  readonly description: string | null;
  readonly provider: ProviderKind | undefined;
  readonly model: string | undefined;
  readonly parameters: TemplateParameters;
  readonly symbolPool: readonly string[];
  /** The template rendered with the parameters: the static, cacheable part of the prompt. */
  readonly prompt: string;
}
