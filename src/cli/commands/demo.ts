import type { Command } from 'commander';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { printJson, type CliIo } from '../io.js';

/** `swarmdesk demo` (this is `npm start`): a complete paper session on the embedded default. */
export function registerDemo(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('demo')))
    .description('run a paper session on the embedded default (sim market, paper broker, rules swarm)')
    .option('--cycles <n>', 'number of cycles', '5')
    .option('--seed <n>', 'market seed');
  runWithContext(
    io,
    cmd,
    (ctx, o) => {
      const journal = ctx.journal();
      const built = ['config', 'journal', 'snapshots', 'circuit breaker'];
      const missing = [
        'simulated market',
        'paper broker',
        'swarm',
        'execution gate',
        'commander and trading loop',
      ];
      if (o.json)
        return printJson(io, { built, notBuiltYet: missing, breaker: journal.breakerStatus().state });
      io.stdout(`swarmdesk demo — data in ${ctx.config.dataDir}\n`);
      io.stdout(`built: ${built.join(', ')} (breaker ${journal.breakerStatus().state})\n`);
      io.stdout(`not built yet: ${missing.join(', ')}; the demo session runs once they land.\n`);
    },
    setExit,
  );
}
