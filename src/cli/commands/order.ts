import type { Command } from 'commander';
import { formatGateResult, gateResultJson, parseManualOrder } from '../../risk/index.js';
import { journalBrokerEvents, openServices } from '../../runtime/index.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

interface OrderCliOptions {
  limit?: string;
  leg?: string[];
  tif?: string;
  priceEffect?: string;
  dryRun?: boolean;
}

/**
 * `swarmdesk order <buy|sell> <qty> <SYMBOL> [<YYYY-MM-DD> <STRIKE> <C|P>] --limit <price> [--leg …]`:
 * a manual order through the same gate as every other; `--dry-run` evaluates and sends nothing.
 */
export function registerOrder(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('order')))
    .description('send a manual order through the execution gate (or --dry-run it)')
    .argument('<words...>', '<buy|sell> <qty> <SYMBOL> [<YYYY-MM-DD> <STRIKE> <C|P>]')
    .option('--limit <price>', 'limit price, dollars per share (net per unit for a combo)')
    .option(
      '--leg <leg>',
      'another leg: "<buy|sell> <ratio> <SYMBOL> [<YYYY-MM-DD> <STRIKE> <C|P>]" (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--tif <tif>', 'day | gtc | ioc', 'day')
    .option('--price-effect <effect>', 'debit | credit (default: from the first leg’s side)')
    .option('--dry-run', 'evaluate the gate; send and record nothing');
  runWithContext<OrderCliOptions>(
    io,
    cmd,
    async (ctx, o, args) => {
      const parsed = parseManualOrder({
        positional: args,
        limit: o.limit,
        legs: o.leg,
        timeInForce: o.tif,
        priceEffect: o.priceEffect,
        now: ctx.clock.now(),
      });
      if (!parsed.ok) throw new CliError(parsed.issue.message, 2);
      const services = await openServices(ctx.config, { clock: ctx.clock, env: io.env });
      const off = journalBrokerEvents(services.broker, services.journal, services.clock);
      try {
        const result = await services.gate.placeOrderWithGuard(parsed.intent, { dryRun: o.dryRun ?? false });
        if (o.json) printJson(io, gateResultJson(result));
        else io.stdout(`${formatGateResult(result)}\n`);
        return result.accepted ? 0 : 1;
      } finally {
        off();
        await services.close();
      }
    },
    setExit,
  );
}
