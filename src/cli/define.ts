import type { Command } from 'commander';
import { CommandContext, type CommonOptions } from './context.js';
import type { CliIo } from './io.js';

export type CommandAction<O> = (
  ctx: CommandContext,
  options: O & CommonOptions,
  args: string[],
) => Promise<number | void> | number | void;

/**
 * Wire an action that needs the config (and maybe the journal): loads it from the command's
 * options, runs, always closes what it opened. The exit code is the action's return (default 0).
 */
export function runWithContext<O>(
  io: CliIo,
  cmd: Command,
  fn: CommandAction<O>,
  setExit: (code: number) => void,
): Command {
  return cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const options = command.optsWithGlobals<O & CommonOptions>();
    const ctx = CommandContext.load(io, options);
    try {
      const code = await fn(ctx, options, command.args);
      setExit(code ?? 0);
    } finally {
      ctx.close();
    }
  });
}
