import { commanderOptionsSchema, loadCommanderPrompt } from '../commander/index.js';
import { parseConfig } from '../config/index.js';
import { validateSwarmFiles } from '../swarm/index.js';

export interface ContentProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Checks of the operator-edited content: every template and instance (each problem with its file),
 * and the Commander's system prompt rendered against the config's limits.
 */
export async function contentChecks(
  contentDir: string,
  risk?: Record<string, unknown>,
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [...(await validateSwarmFiles(contentDir))];
  try {
    loadCommanderPrompt(contentDir, {
      mode: 'paper',
      risk: risk ?? parseConfig({}).risk,
      commander: commanderOptionsSchema.parse({}),
      now: 0,
    });
  } catch (e) {
    problems.push({ file: 'prompts/commander_system.md', path: '', message: (e as Error).message });
  }
  return problems;
}
