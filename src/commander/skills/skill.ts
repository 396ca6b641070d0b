import type { z } from 'zod';
import type { OrderIntent } from '../../domain/index.js';
import type { CommanderInput } from '../commander-input.js';

/** The gate's verdict on a proposed order, as the Commander sees it (a dry run; nothing is sent). */
export interface OrderCheck {
  readonly accepted: boolean;
  readonly codes: readonly string[];
  readonly messages: readonly string[];
}

/** What skills work on during one Decide step. Skills never touch a broker. */
export interface SkillEnv {
  readonly input: CommanderInput;
  /** The gate, in dry-run mode. */
  readonly checkOrder: (intent: OrderIntent) => Promise<OrderCheck>;
  /** Orders proposed so far that passed the dry run; sent (and checked again) in the Act step. */
  readonly proposals: OrderIntent[];
  decision: { kind: 'trade' | 'no_trade'; reason: string } | null;
}

/** A Commander tool: the seed's snake_case name, a zod input schema, a pure-ish run. */
export interface Skill<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly example: string;
  readonly input: S;
  run(args: z.output<S>, env: SkillEnv): unknown;
}

export function defineSkill<S extends z.ZodType>(skill: Skill<S>): Skill<S> {
  return skill;
}
