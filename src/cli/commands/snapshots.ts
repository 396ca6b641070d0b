import type { Command } from 'commander';
import { listSnapshots, loadSnapshot, pruneSnapshots } from '../../journal/index.js';
import { CliError, printJson, type CliIo } from '../io.js';
import { parseLimitOption, parseTimeOption, withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { escapeControl } from '../escape-text.js';

interface ListOptions {
  since?: string;
  until?: string;
  limit?: string;
}

/**
 * `swarmdesk snapshots list|show <id>|prune`: the per-cycle decision records. `list` and `show` are
 * readers (the journal opened read-only); `prune` deletes files.
 */
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
      const filter = {
        since: parseTimeOption('since', o.since, now),
        until: parseTimeOption('until', o.until, now),
        limit: parseLimitOption(o.limit, 20),
      };
      const journal = ctx.readJournal();
      const rows = journal ? listSnapshots(journal, filter) : [];
      if (o.json) return printJson(io, rows);
      if (rows.length === 0) return io.stdout('no snapshots\n');
      for (const r of rows)
        io.stdout(
          `${escapeControl(`${r.id}  cycle ${r.cycleId}  ${r.status}`)}  sha256 ${r.sha256.slice(0, 12)}\n`,
        );
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
      const journal = ctx.readJournal();
      if (!journal) throw new CliError(`snapshot ${args[0]!}: no journal yet at ${ctx.journalPath}`, 3);
      printJson(io, loadSnapshot(journal, args[0]!));
    },
    setExit,
  );
  const prune = withJson(withConfigOptions(group.command('prune')))
    .description(
      'delete the snapshot files of cycles before a time (the journal keeps their record and SHA-256)',
    )
    .requiredOption('--before <time>', 'ISO date/time or age (30d)')
    .option('--dry-run', 'list what would go; delete nothing');
  runWithContext<{ before: string; dryRun?: boolean }>(
    io,
    prune,
    (ctx, o) => {
      const before = parseTimeOption('before', o.before, ctx.clock.now());
      if (before === undefined) throw new CliError('--before: give a time or an age like 30d', 2);
      const r = pruneSnapshots(ctx.journal(), before, { dryRun: o.dryRun ?? false });
      if (o.json) return printJson(io, { dryRun: o.dryRun ?? false, ...r });
      io.stdout(
        `${o.dryRun ? 'would remove' : 'removed'} ${r.removed.length} snapshot file(s), ${(r.bytes / 1e6).toFixed(1)} MB\n`,
      );
    },
    setExit,
  );
}
