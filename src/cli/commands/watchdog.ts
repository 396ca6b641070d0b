import type { Command } from 'commander';
import { parseDuration } from '../../domain/index.js';
import { runWatchdog } from '../../runtime/index.js';
import { CliError, type CliIo } from '../io.js';
import { withConfigOptions } from '../context.js';
import { runWithContext } from '../define.js';

/** `swarmdesk watchdog`: the separate process that flattens the book if the main loop stops beating. */
export function registerWatchdog(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withConfigOptions(program.command('watchdog'))
    .description('watch the main loop’s heartbeat; flatten the book and halt when it stops')
    .option('--heartbeat-timeout <duration>', 'default: watchdog.heartbeatTimeout');
  runWithContext<{ heartbeatTimeout?: string }>(
    io,
    cmd,
    async (ctx, o) => {
      const timeout = o.heartbeatTimeout === undefined ? undefined : parseDuration(o.heartbeatTimeout);
      if (timeout === null || (timeout !== undefined && timeout < 1000)) {
        throw new CliError(
          `--heartbeat-timeout: expected a duration of at least 1s, got "${o.heartbeatTimeout}"`,
          2,
        );
      }
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await runWatchdog({
          config: ctx.config,
          clock: ctx.clock,
          signal: stop.signal,
          heartbeatTimeoutMs: timeout,
          log: (l) => io.stdout(`${l}\n`),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    },
    setExit,
  );
}
