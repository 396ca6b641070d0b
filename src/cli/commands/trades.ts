import type { Command } from 'commander';
import { printJson, type CliIo } from '../io.js';
import { parseLimitOption, parseTimeOption, withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { escapeControl } from '../escape-text.js';
import { tickerArgument } from '../ticker-argument.js';

interface TradesOptions {
  since?: string;
  until?: string;
  underlying?: string;
  instance?: string;
  limit?: string;
}

/** `swarmdesk trades`: the trade log, newest first. A reader: the journal is opened read-only. */
export function registerTrades(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('trades')))
    .description('show the trade log, newest first')
    .option('--since <time>', 'ISO date/time or age (7d, 2h)')
    .option('--until <time>', 'ISO date/time or age')
    .option('--underlying <symbol>', 'only this underlying')
    .option('--instance <id>', 'only trades from this swarm instance')
    .option('--limit <n>', 'at most n rows', '50');
  runWithContext<TradesOptions>(
    io,
    cmd,
    (ctx, o) => {
      const now = ctx.clock.now();
      const query = {
        since: parseTimeOption('since', o.since, now),
        until: parseTimeOption('until', o.until, now),
        underlying: o.underlying === undefined ? undefined : tickerArgument('--underlying', o.underlying),
        instanceId: o.instance,
        limit: parseLimitOption(o.limit, 50),
      };
      const journal = ctx.readJournal();
      const trades = journal?.queryTrades(query) ?? [];
      if (o.json) return printJson(io, trades);
      if (!journal) return io.stdout(`no trades (no journal yet at ${escapeControl(ctx.journalPath)})\n`);
      if (trades.length === 0) return io.stdout('no trades\n');
      for (const t of trades) {
        io.stdout(
          `${new Date(t.time).toISOString()}  ${t.side.padEnd(4)} ${String(t.quantity).padStart(4)}  ${escapeControl(t.contract).padEnd(26)} @ ${t.price.toFixed(2)}  comm ${t.commission.toFixed(2)}  ${escapeControl(t.instanceId ?? '')}\n`,
        );
      }
    },
    setExit,
  );
}
