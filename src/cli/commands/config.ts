import type { Command } from 'commander';
import { configJsonSchema } from '../../config/index.js';
import { printJson, type CliIo } from '../io.js';
import { withConfigOptions } from '../context.js';
import { runWithContext } from '../define.js';

/** `swarmdesk config schema|show`. */
export function registerConfig(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const group = program
    .command('config')
    .description('the config file: its JSON Schema, or the resolved values');
  group
    .command('schema')
    .description('print the JSON Schema of swarmdesk.config.json (for editors: "$schema")')
    .action(() => {
      printJson(io, configJsonSchema());
      setExit(0);
    });
  runWithContext(
    io,
    withConfigOptions(group.command('show')).description('print the resolved config (defaults filled in)'),
    (ctx) => printJson(io, { file: ctx.loaded.path, config: ctx.config }),
    setExit,
  );
}
