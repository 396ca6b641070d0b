import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { SwarmdeskError } from '../domain/index.js';
import { escapeControl } from './escape-text.js';
import { exitCodeOf } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { registerBreakerCommands } from './commands/breaker.js';
import { registerConfig } from './commands/config.js';
import { registerDemo } from './commands/demo.js';
import { registerEvents } from './commands/events.js';
import { registerSnapshots } from './commands/snapshots.js';
import { registerStatus } from './commands/status.js';
import { registerTrades } from './commands/trades.js';
import { registerValidate } from './commands/validate.js';
import { registerChain } from './commands/chain.js';
import { registerSwarm } from './commands/swarm.js';
import { registerOrder } from './commands/order.js';
import { registerRun } from './commands/run.js';
import { registerWatchdog } from './commands/watchdog.js';
import { registerReplay } from './commands/replay.js';
import { registerOrders } from './commands/orders.js';
import { registerCancel } from './commands/cancel.js';
import { registerFlatten } from './commands/flatten.js';

/** The package's version (dist/cli/main.js and src/cli/main.ts both sit two levels below package.json). */
const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** Build the `swarmdesk` program. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('swarmdesk')
    .description(
      'an options book run by an LLM that cannot hurt it: swarm, commander, execution gate, watchdog',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  registerDemo(program, io, setExit);
  registerValidate(program, io, setExit);
  registerStatus(program, io, setExit);
  registerTrades(program, io, setExit);
  registerEvents(program, io, setExit);
  registerSnapshots(program, io, setExit);
  registerBreakerCommands(program, io, setExit);
  registerConfig(program, io, setExit);
  registerRun(program, io, setExit);
  registerWatchdog(program, io, setExit);
  registerSwarm(program, io, setExit);
  registerChain(program, io, setExit);
  registerOrder(program, io, setExit);
  registerOrders(program, io, setExit);
  registerCancel(program, io, setExit);
  registerFlatten(program, io, setExit);
  registerReplay(program, io, setExit);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/**
 * Run the CLI; returns the exit code (`EXIT`: 0 done, 1 refused, 2 usage, 3 failure). Errors are one
 * clear line; stacks only with --verbose.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (c) => (exitCode = c));
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (e) {
    // Help and version exit 0; usage errors were already printed by commander.
    if (e instanceof CommanderError) return exitCodeOf(e);
    const raw = e instanceof Error ? e.message : String(e);
    // Messages may quote broker or journal text; their own line breaks (a config's problem list) stay.
    const message = raw.split('\n').map(escapeControl).join('\n');
    const code = e instanceof SwarmdeskError ? ` [${e.code}]` : '';
    io.stderr(`swarmdesk: ${message}${code}\n`);
    if (verbose && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return exitCodeOf(e);
  }
}
