import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ContentProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Checks of the operator-edited content (prompts, templates, instances). Each part of swarmdesk
 * that owns content adds its validator here.
 */
export async function contentChecks(contentDir: string): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const templates = join(contentDir, 'swarm_intelligence', 'templates');
  const instances = join(contentDir, 'swarm_intelligence', 'active_instances');
  for (const dir of [templates, instances]) {
    if (!existsSync(dir)) problems.push({ file: dir, path: '', message: 'directory missing' });
  }
  return Promise.resolve(problems);
}
