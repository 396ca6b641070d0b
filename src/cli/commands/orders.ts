import type { Command } from 'commander';
import type { Order } from '../../domain/index.js';
import { openReadOnlyBook } from '../../runtime/index.js';
import { collectWorkingOrders } from '../book/working-orders.js';
import { historyLine, workingOrderLine } from '../book/format.js';
import { escapeControl } from '../escape-text.js';
import { EXIT } from '../exit-codes.js';
import { printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

const HELP = `
Working orders as the broker lists them, plus orders the journal holds as pending_submit that the
broker does not list (sent or being sent, the outcome not known yet), each with its journaled
status history. Reads only (the journal read-only, the paper book from its file).

Exit codes:
  0  listed
  2  usage: bad arguments, options or config
  3  the broker could not be read: the journal's own open orders are listed instead`;

/** `swarmdesk orders [--json]`: the book's working orders, each with its history. */
export function registerOrders(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('orders')))
    .description('working orders (broker, plus journaled pending_submit) with their status history')
    .addHelpText('after', HELP);
  runWithContext(
    io,
    cmd,
    async (ctx, o) => {
      const journal = ctx.readJournal();
      const book = await openReadOnlyBook(ctx.config, { clock: ctx.clock, env: ctx.io.env });
      let brokerOrders: readonly Order[] | null = null;
      let problem = book.brokerUnavailable;
      try {
        if (book.broker) brokerOrders = await book.broker.openOrders();
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      } finally {
        await book.close();
      }
      const orders = collectWorkingOrders({ brokerOrders, journal, now: ctx.clock.now() });
      const code = problem === null ? EXIT.ok : EXIT.failure;
      if (o.json) {
        printJson(io, {
          broker: { name: ctx.config.broker.type, available: problem === null, problem },
          orders,
        });
        return code;
      }
      if (problem !== null)
        io.stdout(
          `broker ${ctx.config.broker.type} unavailable: ${escapeControl(problem)}; the journal's open orders:\n`,
        );
      if (orders.length === 0) io.stdout('no working orders\n');
      for (const w of orders) io.stdout(`${workingOrderLine(w)}\n  ${historyLine(w)}\n`);
      return code;
    },
    setExit,
  );
}
