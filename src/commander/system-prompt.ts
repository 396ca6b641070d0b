import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { parse as parseYaml } from 'yaml';
import { nyWallTime, SwarmdeskError } from '../domain/index.js';
import type { CommanderOptions } from './commander-options.js';
import { SKILLS } from './skills/registry.js';

export const COMMANDER_PROMPT_FILE = join('prompts', 'commander_system.md');

export class PromptError extends SwarmdeskError {
  constructor(file: string, message: string, cause?: unknown) {
    super('PROMPT_INVALID', `${file}: ${message}`, { cause });
  }
}

export interface CommanderPromptValues {
  readonly mode: 'paper' | 'live';
  /** The live `risk` config section: the same numbers the gate enforces. */
  readonly risk: Record<string, unknown>;
  readonly commander: CommanderOptions;
  readonly now: number;
}

const env = new nunjucks.Environment(null, {
  autoescape: false,
  throwOnUndefined: true,
  trimBlocks: true,
  lstripBlocks: true,
});

function splitFrontMatter(text: string, file: string): { requires: string[]; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!m) return { requires: [], body: text };
  let meta: unknown;
  try {
    meta = parseYaml(m[1]!);
  } catch (e) {
    throw new PromptError(file, `front matter is not valid YAML: ${(e as Error).message}`, e);
  }
  const requires = (meta as { requires?: unknown } | null)?.requires;
  return { requires: Array.isArray(requires) ? requires.map(String) : [], body: text.slice(m[0].length) };
}

/**
 * The Commander's system prompt, rendered from `prompts/commander_system.md` with the live config,
 * so the limits it states are the limits the gate enforces. An undefined variable is an error.
 */
export function renderCommanderPrompt(
  template: string,
  values: CommanderPromptValues,
  file = COMMANDER_PROMPT_FILE,
): string {
  const { requires, body } = splitFrontMatter(template, file);
  const w = nyWallTime(values.now);
  const context: Record<string, unknown> = {
    mode: values.mode,
    risk: values.risk,
    commander: values.commander,
    skills: SKILLS.map((s) => ({ name: s.name, description: s.description, example: s.example })),
    now_utc: new Date(values.now).toISOString(),
    now_new_york: `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
  };
  const missing = requires.filter((k) => !(k in context));
  if (missing.length)
    throw new PromptError(file, `requires ${missing.join(', ')}, which the Commander does not provide`);
  try {
    return env.renderString(body, context);
  } catch (e) {
    throw new PromptError(file, `cannot render: ${(e as Error).message.replace(/\s+/g, ' ')}`, e);
  }
}

export function loadCommanderPrompt(contentDir: string, values: CommanderPromptValues): string {
  const file = join(contentDir, COMMANDER_PROMPT_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PromptError(file, `cannot read: ${(e as Error).message}`, e);
  }
  return renderCommanderPrompt(text, values, file);
}
