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
  ).description(
    're-run the rules Commander and the gate on a cycle snapshot and compare with the recorded decision and verdicts',
  );
  runWithContext(
    io,
    cmd,
    (ctx, o, args) => {
      const r = replayDecision(ctx.journal(), args[0]!, ctx.config.commander);
      if (o.json) printJson(io, r);
      else {
        io.stdout(`${escapeControl(`${r.snapshotId} (cycle ${r.cycleId}): ${r.note}`)}\n`);
        for (const g of r.gate) {
          const verdict = (a: boolean): string => (a ? 'accepted' : 'refused');
          io.stdout(
            `${escapeControl(`  gate ${g.clientOrderId}: ${g.differences.length === 0 ? `reproduced (${verdict(g.replayedAccepted)})` : `DIFFERS — recorded ${verdict(g.recordedAccepted)}, replayed ${verdict(g.replayedAccepted)}`}`)}\n`,
          );
          for (const d of g.differences)
            io.stdout(
              `${escapeControl(`    ${d.check}: recorded ${d.recorded ? `${d.recorded.passed ? 'pass' : `${d.recorded.code}`} (${d.recorded.detail})` : 'absent'}; replayed ${d.replayed ? `${d.replayed.passed ? 'pass' : `${d.replayed.code}`} (${d.replayed.detail})` : 'absent'}`)}\n`,
            );
        }
      }
      return (r.matches || r.replayed === null) && r.gateMatches ? 0 : 1;
    },
    setExit,
  );
}
