import type { Command } from 'commander';
import { ConfigError } from '../../domain/index.js';
import { loadConfig } from '../../config/index.js';
import { printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson, type CommonOptions } from '../context.js';
import { contentChecks, type ContentProblem } from '../content-checks.js';

/** `swarmdesk validate`: config, templates, instances — every problem at once. */
export function registerValidate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withJson(withConfigOptions(program.command('validate')))
    .description('check the config, prompts, templates and instances; list every problem at once')
    .action(async (options: CommonOptions) => {
      const problems: ContentProblem[] = [];
      let contentDir = io.cwd;
      let source = 'embedded defaults';
      let risk: Record<string, unknown> | undefined;
      try {
        const loaded = loadConfig({
          path: options.config,
          dataDir: options.dataDir,
          env: io.env,
          cwd: io.cwd,
        });
        contentDir = loaded.config.contentDir;
        risk = loaded.config.risk;
        source = loaded.path ?? source;
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        source = e.source;
        for (const i of e.issues) problems.push({ file: e.source, path: i.path, message: i.message });
      }
      problems.push(...(await contentChecks(contentDir, risk)));
      if (options.json) {
        printJson(io, { ok: problems.length === 0, config: source, problems });
      } else if (problems.length === 0) {
        io.stdout(`ok: config (${source}), prompts, templates and instances are valid\n`);
      } else {
        io.stdout(`${problems.length} problem(s):\n`);
        for (const p of problems) io.stdout(`  ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`);
      }
      setExit(problems.length === 0 ? 0 : 1);
    });
}
