import type { Command } from 'commander';
import { replayDecision } from '../../runtime/index.js';
import { printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import { escapeControl } from '../escape-text.js';

/** `swarmdesk replay <snapshot-id>`: recompute a cycle's decision from its snapshot. */
export function registerReplay(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withJson(
    withConfigOptions(program.command('replay').argument('<id>', 'snapshot id (swarmdesk snapshots list)')),
  ).description('re-run the rules Commander on a cycle snapshot and compare with the recorded decision');
  runWithContext(
    io,
    cmd,
    (ctx, o, args) => {
      const r = replayDecision(ctx.journal(), args[0]!, ctx.config.commander);
      if (o.json) printJson(io, r);
      else io.stdout(`${escapeControl(`${r.snapshotId} (cycle ${r.cycleId}): ${r.note}`)}\n`);
      return r.matches || r.replayed === null ? 0 : 1;
    },
    setExit,
  );
}
