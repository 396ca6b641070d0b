import type { Command } from 'commander';
import type { Order } from '../../domain/index.js';
import { haltTrading } from '../../risk/index.js';
import { limitText } from '../book/format.js';
import { describeLegs } from '../book/working-orders.js';
import { openBrokerSession } from '../broker-session.js';
import { cancelOpeningOrders, type OpeningCancels } from '../cancel-opening.js';
import { escapeControl } from '../escape-text.js';
import { EXIT } from '../exit-codes.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson, type CommandContext } from '../context.js';
import { runWithContext } from '../define.js';

function orderText(o: Order): string {
  return escapeControl(
    `${o.clientOrderId}  ${o.intent.quantity} × ${describeLegs(o.intent)} @ ${limitText(o.intent)}  filled ${o.filledQuantity}/${o.intent.quantity}`,
  );
}

/** After the breaker moved: cancel opening orders, or say why they could not be. */
async function cancelAfterHalt(
  ctx: CommandContext,
  reason: string,
): Promise<{ cancels: OpeningCancels | null; problem: string | null }> {
  try {
    const session = await openBrokerSession(ctx);
    try {
      return { cancels: await cancelOpeningOrders(session, { reason, clock: ctx.clock }), problem: null };
    } finally {
      await session.close();
    }
  } catch (e) {
    return { cancels: null, problem: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * `swarmdesk halt --reason …` and `swarmdesk resume`: a person moves the circuit breaker.
 * Only `resume` returns it to ACTIVE; a halt, like the gate, loss limits and watchdog, only tightens.
 */
export function registerBreakerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const halt = withJson(withConfigOptions(program.command('halt')))
    .description('stop all trading now (breaker HALTED) until `swarmdesk resume`')
    .requiredOption('--reason <text>', 'why (recorded in the breaker history)')
    .option('--reducing', 'only allow risk-reducing orders (REDUCING) instead of HALTED')
    .option('--keep-orders', 'leave working opening orders working (by default halt cancels them)')
    .addHelpText(
      'after',
      '\nA halt only tightens: `halt --reducing` while HALTED changes nothing (exit 0, and says so).\n' +
        'Only `swarmdesk resume` loosens the breaker.\n\n' +
        'The breaker moves first; then, unless --keep-orders, every working opening order (one with a\n' +
        'leg that does not reduce a held position) is cancelled at the broker, each journaled as\n' +
        'CANCEL_ORDER with the reason; closing orders stay working.\n\n' +
        'Exit codes: 0 done; 2 usage; 3 the breaker moved but the opening orders could not be\n' +
        'cancelled (the broker unreachable): cancel them with `swarmdesk cancel`.',
    );
  runWithContext<{ reason: string; reducing?: boolean; keepOrders?: boolean }>(
    io,
    halt,
    async (ctx, o) => {
      const reason = o.reason.trim();
      if (!reason) throw new CliError('--reason: give a reason; it goes into the breaker history', 2);
      const state = o.reducing ? 'REDUCING' : 'HALTED';
      // The breaker first: from here no gate lets an opening order through, whatever the broker does.
      const { change, status } = haltTrading(ctx.journal(), { state, reason, time: ctx.clock.now() });
      const { cancels, problem } = o.keepOrders
        ? { cancels: null, problem: null }
        : await cancelAfterHalt(ctx, reason);
      const code = problem === null ? EXIT.ok : EXIT.failure;
      if (o.json) {
        printJson(io, {
          changed: change !== null,
          breaker: status,
          ordersKept: o.keepOrders ?? false,
          cancelled: cancels?.cancelled.map((x) => x.clientOrderId) ?? [],
          leftWorking: cancels?.kept.map((x) => x.clientOrderId) ?? [],
          cancelProblem: problem,
        });
        return code;
      }
      if (change) io.stdout(`breaker ${state} (was ${change.previous}): ${escapeControl(reason)}\n`);
      else {
        const why =
          status.reason === null ? '' : ` (${status.actor ?? '?'}: ${escapeControl(status.reason)})`;
        io.stdout(
          `breaker already ${status.state}${why}, as strict as or stricter than ${state}: nothing changed; only \`swarmdesk resume\` loosens it\n`,
        );
      }
      if (o.keepOrders) io.stdout('working orders left as they are (--keep-orders)\n');
      if (problem !== null)
        io.stdout(
          `could not cancel working opening orders: ${escapeControl(problem)}; cancel them with \`swarmdesk cancel\`\n`,
        );
      for (const x of cancels?.cancelled ?? []) io.stdout(`cancelled opening order ${orderText(x)}\n`);
      for (const x of cancels?.finished ?? []) io.stdout(`already finished ${orderText(x)}\n`);
      for (const x of cancels?.kept ?? []) io.stdout(`left working (closing) ${orderText(x)}\n`);
      return code;
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
