import type { Command } from 'commander';
import { BrokerError } from '../../broker/index.js';
import { clientOrderId, isTerminal, type ClientOrderId, type Order } from '../../domain/index.js';
import { cancelWorking } from '../../runtime/index.js';
import { limitText } from '../book/format.js';
import { describeLegs } from '../book/working-orders.js';
import { openBrokerSession, type BrokerSession } from '../broker-session.js';
import { escapeControl } from '../escape-text.js';
import { EXIT } from '../exit-codes.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { tickerArgument } from '../ticker-argument.js';

interface CancelOptions {
  all?: boolean;
  underlying?: string;
  reason: string;
}

const HELP = `
Cancels go to the broker directly (a cancel only takes risk away; it is not an order and passes no
gate). Each is journaled as a safety event naming who (a person) and why: CANCEL_ORDER for one,
CANCEL_ALL for --all.

Exit codes:
  0  cancelled (or nothing was working, with --all)
  1  refused: no such working order (unknown to the broker, or already filled/cancelled)
  2  usage: bad arguments, options or config
  3  failure: the broker or the journal unreachable`;

/** What was cancelled, as printed and as `--json`. */
interface Cancelled {
  readonly clientOrderId: ClientOrderId;
  readonly structure: string;
  readonly quantity: number;
  readonly filled: number;
  readonly limit: string;
  /** The broker's status after the cancel: `cancelled`, or `cancel_pending` while it confirms. */
  readonly status: string;
}

async function cancelled(session: BrokerSession, order: Order): Promise<Cancelled> {
  const after = await session.broker.orderByClientId(order.clientOrderId);
  return {
    clientOrderId: order.clientOrderId,
    structure: describeLegs(order.intent),
    quantity: order.intent.quantity,
    filled: after?.filledQuantity ?? order.filledQuantity,
    limit: limitText({ limitPrice: order.intent.limitPrice, priceEffect: order.intent.priceEffect }),
    status: after?.status ?? 'unknown',
  };
}

function line(c: Cancelled): string {
  return escapeControl(
    `${c.status === 'cancelled' ? 'cancelled' : `cancel sent (${c.status})`}  ${c.clientOrderId}  ${c.quantity} × ${c.structure} @ ${c.limit}  filled ${c.filled}/${c.quantity}`,
  );
}

async function cancelOne(session: BrokerSession, id: ClientOrderId): Promise<Order> {
  const order = await session.broker.orderByClientId(id);
  if (!order) {
    const stored = session.journal.getOrder(id);
    throw new CliError(
      stored
        ? `cancel ${id}: the broker has no such order; the journal holds it as ${stored.status}${stored.status === 'pending_submit' ? ' (its send outcome is unknown; reconciliation settles it)' : ''}`
        : `cancel ${id}: no order with this id at the broker or in the journal (see \`swarmdesk orders\`)`,
      EXIT.refused,
    );
  }
  if (isTerminal(order.status))
    throw new CliError(`cancel ${id}: the order is already ${order.status}; nothing to cancel`, EXIT.refused);
  try {
    await session.broker.cancelOrder(id);
  } catch (e) {
    if (e instanceof BrokerError && (e.reason === 'UNKNOWN_ORDER' || e.reason === 'ORDER_FINISHED'))
      throw new CliError(e.message, EXIT.refused);
    throw e;
  }
  return order;
}

/**
 * `swarmdesk cancel <client-order-id> | --all [--underlying X] [--reason …]`: cancel working orders
 * through the broker port, journaled with who and why.
 */
export function registerCancel(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('cancel')))
    .description('cancel a working order (or --all of them) through the broker; journaled')
    .argument('[client-order-id]', 'the order to cancel (see `swarmdesk orders`)')
    .option('--all', 'cancel every working order')
    .option('--underlying <symbol>', 'with --all: only orders with a leg on this underlying')
    .option('--reason <text>', 'why (journaled)', 'manual cancel')
    .addHelpText('after', HELP);
  runWithContext<CancelOptions>(
    io,
    cmd,
    async (ctx, o, args) => {
      const raw = args[0];
      if ((raw === undefined) === !o.all)
        throw new CliError('give one client order id, or --all (not both)', EXIT.usage);
      if (o.underlying !== undefined && !o.all)
        throw new CliError('--underlying goes with --all', EXIT.usage);
      const reason = o.reason.trim();
      if (!reason) throw new CliError('--reason: give a reason; it is journaled', EXIT.usage);
      let id: ClientOrderId | null = null;
      if (raw !== undefined) {
        try {
          id = clientOrderId(raw);
        } catch (e) {
          throw new CliError((e as Error).message, EXIT.usage);
        }
      }
      const underlying =
        o.underlying === undefined ? undefined : tickerArgument('--underlying', o.underlying);
      const session = await openBrokerSession(ctx);
      try {
        const { journal, broker } = session;
        let done: Cancelled[];
        if (id !== null) {
          done = [await cancelled(session, await cancelOne(session, id))];
          journal.logSafetyEvent({
            time: ctx.clock.now(),
            severity: 'warning',
            code: 'CANCEL_ORDER',
            message: `${id} cancelled by a person: ${reason}`,
            clientOrderId: id,
            details: { actor: 'person', reason, status: done[0]!.status },
          });
        } else {
          const open = await cancelWorking(broker, underlying);
          done = await Promise.all(open.map((order) => cancelled(session, order)));
          if (open.length > 0)
            journal.logSafetyEvent({
              time: ctx.clock.now(),
              severity: 'warning',
              code: 'CANCEL_ALL',
              message: `cancelled ${open.length} working order(s)${underlying ? ` on ${underlying}` : ''} by a person: ${reason}`,
              details: {
                actor: 'person',
                reason,
                underlying: underlying ?? null,
                clientOrderIds: open.map((x) => x.clientOrderId),
              },
            });
        }
        if (o.json) printJson(io, { reason, underlying: underlying ?? null, cancelled: done });
        else if (done.length === 0)
          io.stdout(`no working orders${underlying ? ` on ${underlying}` : ''}: nothing to cancel\n`);
        else for (const c of done) io.stdout(`${line(c)}\n`);
        return EXIT.ok;
      } finally {
        await session.close();
      }
    },
    setExit,
  );
}
