import type { Command } from 'commander';
import type { Position } from '../../domain/index.js';
import {
  describeClosingLegs,
  openReadOnlyBook,
  ordersInScope,
  panicCloseAllPositions,
  positionsInScope,
  priceClosingPlan,
} from '../../runtime/index.js';
import { openBrokerSession } from '../broker-session.js';
import { escapeControl } from '../escape-text.js';
import { EXIT } from '../exit-codes.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson, type CommandContext } from '../context.js';
import { runWithContext } from '../define.js';
import { tickerArgument } from '../ticker-argument.js';

interface FlattenOptions {
  json?: boolean;
  underlying?: string;
  dryRun?: boolean;
  reason: string;
}

const HELP = `
The watchdog's closing path, started by a person: cancel the working orders in scope, then close
every position in scope — verticals as combos, shorts first — at marketable limits that widen each
attempt (watchdog.flattenAttempts, flattenCollarStep, flattenRetryDelay), every order through the
book's gate for closing orders (placeReducingOrder: sent only if it reduces exposure). Journaled as
PANIC_CLOSE_* events naming a person and the reason. The breaker is not moved: \`swarmdesk halt\`
stops the loop from opening again.

Exit codes:
  0  flat (in scope), or the dry run's plan printed
  2  usage: bad arguments, options or config
  3  failure: still holding positions after every attempt, or the broker or market data unreachable`;

async function dryRun(
  ctx: CommandContext,
  o: FlattenOptions,
  underlying: string | undefined,
): Promise<number> {
  const io = ctx.io;
  const book = await openReadOnlyBook(ctx.config, { clock: ctx.clock, env: io.env });
  try {
    if (!book.broker)
      throw new CliError(`the broker cannot be read: ${book.brokerUnavailable ?? '?'}`, EXIT.failure);
    const held: Position[] = positionsInScope(await book.broker.positions(), underlying);
    const cancels = ordersInScope(await book.broker.openOrders(), underlying);
    if (held.length > 0 && !book.marketData)
      throw new CliError(`no market data to price the plan: ${book.marketUnavailable ?? '?'}`, EXIT.failure);
    const plan = book.marketData
      ? await priceClosingPlan(book.marketData, held, 0, ctx.config.watchdog.flattenCollarStep)
      : [];
    const orders = plan.map((p) => ({
      legs: describeClosingLegs(p),
      quantity: p.quantity,
      limitPrice: p.price?.limitPrice ?? null,
      priceEffect: p.price?.priceEffect ?? null,
      netMid: p.price?.netMid ?? null,
      problem: p.problem,
    }));
    if (o.json) {
      printJson(io, {
        dryRun: true,
        underlying: underlying ?? null,
        cancel: cancels.map((c) => c.clientOrderId),
        orders,
      });
      return EXIT.ok;
    }
    const scope = underlying ? ` on ${underlying}` : '';
    io.stdout(`dry run: nothing sent\n`);
    io.stdout(
      cancels.length === 0
        ? `would cancel no working orders${scope}\n`
        : `would cancel ${cancels.length} working order(s)${scope}: ${escapeControl(cancels.map((c) => c.clientOrderId).join(', '))}\n`,
    );
    if (orders.length === 0) io.stdout(`nothing held${scope}: no closing orders\n`);
    else
      io.stdout(
        `would send ${orders.length} closing order(s), first attempt at the touch (then ${ctx.config.watchdog.flattenAttempts - 1} more, each ${(ctx.config.watchdog.flattenCollarStep * 100).toFixed(0)} % of the mid more aggressive):\n`,
      );
    for (const [i, x] of orders.entries())
      io.stdout(
        `  ${i + 1}. ${x.legs} @ ${x.limitPrice === null ? `no price (${x.problem})` : `${x.limitPrice.toFixed(2)} ${x.priceEffect} (net mid ${x.netMid!.toFixed(2)})`}\n`,
      );
    return EXIT.ok;
  } finally {
    await book.close();
  }
}

/** `swarmdesk flatten [--underlying X] [--dry-run] [--reason …]`: close positions the watchdog's way. */
export function registerFlatten(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('flatten')))
    .description('close positions the way the watchdog does (combos as combos, shorts first); journaled')
    .option('--underlying <symbol>', 'only this underlying’s positions and working orders')
    .option('--dry-run', 'print the closing plan with prices; send nothing')
    .option('--reason <text>', 'why (journaled)', 'manual flatten')
    .addHelpText('after', HELP);
  runWithContext<FlattenOptions>(
    io,
    cmd,
    async (ctx, o) => {
      const reason = o.reason.trim();
      if (!reason) throw new CliError('--reason: give a reason; it is journaled', EXIT.usage);
      const underlying =
        o.underlying === undefined ? undefined : tickerArgument('--underlying', o.underlying);
      if (o.dryRun) return dryRun(ctx, o, underlying);
      const session = await openBrokerSession(ctx);
      try {
        const since = ctx.clock.now();
        const w = ctx.config.watchdog;
        const report = await panicCloseAllPositions(
          {
            broker: session.broker,
            marketData: session.marketData,
            journal: session.journal,
            clock: ctx.clock,
          },
          {
            attempts: w.flattenAttempts,
            collarStep: w.flattenCollarStep,
            retryDelayMs: w.flattenRetryDelay,
            reason,
            underlying,
            actor: 'person',
          },
        );
        const events = session.journal.querySafetyEvents({ since }).reverse();
        if (o.json) {
          printJson(io, { underlying: underlying ?? null, reason, ...report, events });
        } else {
          for (const e of events) io.stdout(`${e.code.padEnd(22)} ${escapeControl(e.message)}\n`);
          const breaker = session.journal.breakerStatus();
          if (breaker.state === 'ACTIVE')
            io.stdout('breaker ACTIVE: the loop may open positions again; `swarmdesk halt` stops it\n');
        }
        return report.flat ? EXIT.ok : EXIT.failure;
      } finally {
        await session.close();
      }
    },
    setExit,
  );
}
