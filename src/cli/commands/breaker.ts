import type { Command } from 'commander';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

/**
 * `swarmdesk halt --reason …` and `swarmdesk resume`: a person moves the circuit breaker.
 * Only `resume` returns it to ACTIVE; the gate, loss limits and watchdog can only tighten it.
 */
export function registerBreakerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const halt = withJson(withConfigOptions(program.command('halt')))
    .description('stop all trading now (breaker HALTED) until `swarmdesk resume`')
    .requiredOption('--reason <text>', 'why (recorded in the breaker history)')
    .option('--reducing', 'only allow risk-reducing orders (REDUCING) instead of HALTED');
  runWithContext<{ reason: string; reducing?: boolean }>(
    io,
    halt,
    (ctx, o) => {
      if (!o.reason.trim())
        throw new CliError('--reason: give a reason; it goes into the breaker history', 2);
      const journal = ctx.journal();
      const state = o.reducing ? 'REDUCING' : 'HALTED';
      const change = journal.setBreaker({
        state,
        actor: 'person',
        reason: o.reason.trim(),
        time: ctx.clock.now(),
      });
      journal.logSafetyEvent({
        time: ctx.clock.now(),
        severity: 'critical',
        code: 'BREAKER_TRIPPED',
        message: `breaker set to ${state} by a person: ${o.reason.trim()}`,
        details: { previous: change?.previous ?? null },
      });
      if (o.json) return printJson(io, { breaker: journal.breakerStatus() });
      io.stdout(`breaker ${state} (was ${change?.previous ?? state}): ${o.reason.trim()}\n`);
    },
    setExit,
  );

  const resume = withJson(withConfigOptions(program.command('resume')))
    .description('return the breaker to ACTIVE (a person’s decision; recorded)')
    .option('--reason <text>', 'why', 'resumed by operator');
  runWithContext<{ reason: string }>(
    io,
    resume,
    (ctx, o) => {
      const journal = ctx.journal();
      const before = journal.breakerStatus();
      journal.setBreaker({ state: 'ACTIVE', actor: 'person', reason: o.reason, time: ctx.clock.now() });
      journal.logSafetyEvent({
        time: ctx.clock.now(),
        severity: 'warning',
        code: 'BREAKER_RESET',
        message: `breaker ACTIVE (was ${before.state}) by a person: ${o.reason}`,
      });
      if (o.json) return printJson(io, { breaker: journal.breakerStatus() });
      io.stdout(
        `breaker ACTIVE (was ${before.state})${before.reason ? `; it had been set because: ${before.reason}` : ''}\n`,
      );
    },
    setExit,
  );
}
