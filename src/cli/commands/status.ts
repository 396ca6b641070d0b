import type { Command } from 'commander';
import { parseDuration } from '../../domain/index.js';
import { buildStatus } from '../book/status-report.js';
import { formatStatus } from '../book/status-text.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson, type CommandContext } from '../context.js';
import { runWithContext } from '../define.js';
import { EXIT } from '../exit-codes.js';

interface StatusOptions {
  watch?: boolean;
  interval?: string;
}

/** Clear the screen and put the cursor home: `--watch` redraws in place. */
const CLEAR = '\u001b[2J\u001b[H';

const HELP = `
Reads only: the journal is opened read-only, the paper book is read from its file, the simulated
market from sim-market.json if a process started it; nothing is written (a read-only data dir works).

Exit codes:
  0  the whole report
  2  usage: bad arguments, options or config
  3  part of it could not be read — the broker (or, with positions held, the market data, or an
     existing journal); everything else is still printed, and the missing part says why`;

/** Redraw every `intervalMs` until SIGINT/SIGTERM; the exit code is 0. */
async function watch(ctx: CommandContext, io: CliIo, intervalMs: number): Promise<number> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    while (!stop.signal.aborted) {
      // Each redraw reads afresh: the readers see the journal and the book as they are now.
      ctx.close();
      const report = await buildStatus(ctx);
      io.stdout(
        `${CLEAR}${formatStatus(report).join('\n')}\n\n(every ${intervalMs / 1000} s; Ctrl-C to stop)\n`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * `swarmdesk status [--json] [--watch [--interval 2s]]`: the loop and watchdog, the breaker, the
 * book by structure with marks, P&L, Greeks and days to expiry, working orders, capital at risk and
 * Greeks against their limits. With the broker down it shows what the journal knows.
 */
export function registerStatus(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('status')))
    .description('loop and watchdog state, breaker, positions by structure, working orders, risk used')
    .option('--watch', 'redraw in place until Ctrl-C')
    .option('--interval <duration>', 'time between redraws with --watch', '2s')
    .addHelpText('after', HELP);
  runWithContext<StatusOptions>(
    io,
    cmd,
    async (ctx, o) => {
      const intervalMs = parseDuration(o.interval ?? '2s');
      if (intervalMs === null || intervalMs < 100)
        throw new CliError(
          `--interval: expected a duration of at least 100ms like "2s", got "${o.interval}"`,
          EXIT.usage,
        );
      if (o.watch && o.json)
        throw new CliError('--watch redraws text; it cannot be combined with --json', EXIT.usage);
      if (o.watch) return watch(ctx, io, intervalMs);
      const report = await buildStatus(ctx);
      if (o.json) printJson(io, report);
      else io.stdout(`${formatStatus(report).join('\n')}\n`);
      return report.complete ? EXIT.ok : EXIT.failure;
    },
    setExit,
  );
}
