import type { Command } from 'commander';
import { haltTrading } from '../../risk/index.js';
import { escapeControl } from '../escape-text.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

/**
 * `swarmdesk halt --reason …` and `swarmdesk resume`: a person moves the circuit breaker.
 * Only `resume` returns it to ACTIVE; a halt, like the gate, loss limits and watchdog, only tightens.
 */
export function registerBreakerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const halt = withJson(withConfigOptions(program.command('halt')))
    .description('stop all trading now (breaker HALTED) until `swarmdesk resume`')
    .requiredOption('--reason <text>', 'why (recorded in the breaker history)')
    .option('--reducing', 'only allow risk-reducing orders (REDUCING) instead of HALTED')
    .addHelpText(
      'after',
      '\nA halt only tightens: `halt --reducing` while HALTED changes nothing (exit 0, and says so).\n' +
        'Only `swarmdesk resume` loosens the breaker.',
    );
  runWithContext<{ reason: string; reducing?: boolean }>(
    io,
    halt,
    (ctx, o) => {
      const reason = o.reason.trim();
      if (!reason) throw new CliError('--reason: give a reason; it goes into the breaker history', 2);
      const state = o.reducing ? 'REDUCING' : 'HALTED';
      const { change, status } = haltTrading(ctx.journal(), { state, reason, time: ctx.clock.now() });
      if (o.json) return printJson(io, { changed: change !== null, breaker: status });
      if (change) {
        io.stdout(`breaker ${state} (was ${change.previous}): ${escapeControl(reason)}\n`);
        return;
      }
      const why = status.reason === null ? '' : ` (${status.actor ?? '?'}: ${escapeControl(status.reason)})`;
      io.stdout(
        `breaker already ${status.state}${why}, as strict as or stricter than ${state}: nothing changed; only \`swarmdesk resume\` loosens it\n`,
      );
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
        `breaker ACTIVE (was ${before.state})${before.reason ? `; it had been set because: ${escapeControl(before.reason)}` : ''}\n`,
      );
    },
    setExit,
  );
}
