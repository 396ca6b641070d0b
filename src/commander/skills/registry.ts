import { z } from 'zod';
import { zodIssues } from '../../domain/index.js';
import { consultSwarmSkill, getMarketSnapshotSkill, getPortfolioSkill } from './book-skills.js';
import { blackScholesIvSkill, calculateGreeksSkill, kellyCriterionSkill } from './math-skills.js';
import { placeOrderWithGuardSkill, submitDecisionSkill } from './order-skills.js';
import type { Skill, SkillEnv } from './skill.js';

/** Every skill the Commander may call, in the order the system prompt lists them. */
export const SKILLS: readonly Skill[] = [
  consultSwarmSkill,
  getMarketSnapshotSkill,
  getPortfolioSkill,
  blackScholesIvSkill,
  calculateGreeksSkill,
  kellyCriterionSkill,
  placeOrderWithGuardSkill,
  submitDecisionSkill,
] as readonly Skill[];

export type SkillOutcome =
  { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: string };

/**
 * Run a tool call from the model. Unknown names and bad arguments come back as a tool error the
 * model can read and correct, never as an exception that ends the cycle.
 */
export async function runSkill(name: string, args: unknown, env: SkillEnv): Promise<SkillOutcome> {
  const skill = SKILLS.find((s) => s.name === name);
  if (!skill)
    return {
      ok: false,
      error: `unknown skill "${name}"; available: ${SKILLS.map((s) => s.name).join(', ')}`,
    };
  const parsed = skill.input.safeParse(args ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: `bad arguments for ${name}: ${zodIssues(parsed.error, args)
        .map((i) => `${i.path || '(args)'}: ${i.message}`)
        .join('; ')}`,
    };
  }
  try {
    return { ok: true, result: await skill.run(parsed.data, env) };
  } catch (e) {
    return { ok: false, error: `${name} failed: ${(e as Error).message}` };
  }
}

/** Tool definitions as JSON Schema (what both LLM APIs take). */
export function toolDefinitions(): {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}[] {
  return SKILLS.map((s) => ({
    name: s.name,
    description: s.description,
    inputSchema: z.toJSONSchema(s.input, { io: 'input', unrepresentable: 'any' }),
  }));
}
