import type { Command } from 'commander';
import { listSnapshots, loadSnapshot } from '../../journal/index.js';
import { printJson, type CliIo } from '../io.js';
import { parseLimitOption, parseTimeOption, withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';

interface ListOptions {
  since?: string;
  until?: string;
  limit?: string;
}

/** `swarmdesk snapshots list|show <id>`: the per-cycle decision records. */
export function registerSnapshots(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const group = program.command('snapshots').description('list or show per-cycle snapshots');
  const list = withJson(withConfigOptions(group.command('list')))
    .description('snapshots, newest first')
    .option('--since <time>', 'ISO date/time or age (7d, 2h)')
    .option('--until <time>', 'ISO date/time or age')
    .option('--limit <n>', 'at most n', '20');
  runWithContext<ListOptions>(
    io,
    list,
    (ctx, o) => {
      const now = ctx.clock.now();
      const rows = listSnapshots(ctx.journal(), {
        since: parseTimeOption('since', o.since, now),
        until: parseTimeOption('until', o.until, now),
        limit: parseLimitOption(o.limit, 20),
      });
      if (o.json) return printJson(io, rows);
      if (rows.length === 0) return io.stdout('no snapshots\n');
      for (const r of rows)
        io.stdout(`${r.id}  cycle ${r.cycleId}  ${r.status}  sha256 ${r.sha256.slice(0, 12)}\n`);
    },
    setExit,
  );
  const show = withConfigOptions(group.command('show').argument('<id>', 'snapshot id')).description(
    'print one snapshot (checked against the SHA-256 in the journal)',
  );
  runWithContext(
    io,
    show,
    (ctx, _o, args) => {
      printJson(io, loadSnapshot(ctx.journal(), args[0]!));
    },
    setExit,
  );
}
