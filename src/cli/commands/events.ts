import type { Command } from 'commander';
import { isSafetyCode, SAFETY_CODES } from '../../domain/index.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { parseLimitOption, parseTimeOption, withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { escapeControl } from '../escape-text.js';

interface EventsOptions {
  since?: string;
  until?: string;
  code?: string;
  severity?: string;
  limit?: string;
}

/**
 * `swarmdesk events`: safety events (rejections, breaker moves, watchdog actions), newest first. A
 * reader: the journal is opened read-only.
 */
export function registerEvents(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(withConfigOptions(program.command('events')))
    .description('show safety events (gate rejections, breaker, watchdog), newest first')
    .option('--since <time>', 'ISO date/time or age (7d, 2h)')
    .option('--until <time>', 'ISO date/time or age')
    .option('--code <code>', 'only this code, e.g. PRICE_OUTSIDE_COLLAR')
    .option('--severity <level>', 'info | warning | critical')
    .option('--limit <n>', 'at most n rows', '50');
  runWithContext<EventsOptions>(
    io,
    cmd,
    (ctx, o) => {
      if (o.code !== undefined && !isSafetyCode(o.code)) {
        throw new CliError(
          `--code: unknown safety code "${o.code}"; known codes: ${SAFETY_CODES.join(', ')}`,
          2,
        );
      }
      if (o.severity !== undefined && !['info', 'warning', 'critical'].includes(o.severity)) {
        throw new CliError(`--severity: expected info, warning or critical, got "${o.severity}"`, 2);
      }
      const now = ctx.clock.now();
      const query = {
        since: parseTimeOption('since', o.since, now),
        until: parseTimeOption('until', o.until, now),
        code: o.code as never,
        severity: o.severity as never,
        limit: parseLimitOption(o.limit, 50),
      };
      const journal = ctx.readJournal();
      const events = journal?.querySafetyEvents(query) ?? [];
      if (o.json) return printJson(io, events);
      if (!journal)
        return io.stdout(`no safety events (no journal yet at ${escapeControl(ctx.journalPath)})\n`);
      if (events.length === 0) return io.stdout('no safety events\n');
      for (const e of events) {
        io.stdout(
          `${new Date(e.time).toISOString()}  ${e.severity.padEnd(8)} ${e.code.padEnd(28)} ${escapeControl(e.message)}${e.clientOrderId ? `  [${escapeControl(e.clientOrderId)}]` : ''}\n`,
        );
      }
    },
    setExit,
  );
}
