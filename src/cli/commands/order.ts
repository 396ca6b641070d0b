import type { Command } from 'commander';
import { formatGateResult, gateResultJson, parseManualOrder } from '../../risk/index.js';
import { escapeControl } from '../escape-text.js';
import { EXIT, gateExitCode } from '../exit-codes.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { openOrderSession } from '../order-gate.js';

interface OrderCliOptions {
  limit?: string;
  leg?: string[];
  tif?: string;
  priceEffect?: string;
  dryRun?: boolean;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  accepted (sent), or the dry run passed every check
  1  refused by the gate (the codes say why; each is in \`swarmdesk events\`)
  2  usage: bad arguments, options or config
  3  failure: the broker or market data unreachable, the journal unusable, the gate unable to judge
     or record, or the broker's answer unknown

Needs only the config, the market data, the broker and the journal: no templates, instances or
LLM key, so it works from any directory (relative paths in a config file resolve against its directory).`;

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
    .option('--dry-run', 'evaluate the gate; send and record nothing')
    .addHelpText('after', EXIT_CODES_HELP);
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
      if (!parsed.ok) throw new CliError(parsed.issue.message, EXIT.usage);
      const dryRun = o.dryRun ?? false;
      const session = await openOrderSession(ctx, { dryRun });
      try {
        const result = await session.gate.placeOrderWithGuard(parsed.intent, { dryRun });
        if (o.json) printJson(io, gateResultJson(result));
        else io.stdout(`${formatGateResult(result).split('\n').map(escapeControl).join('\n')}\n`);
        return gateExitCode(result);
      } finally {
        await session.close();
      }
    },
    setExit,
  );
}
