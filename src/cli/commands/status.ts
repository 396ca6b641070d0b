import type { Command } from 'commander';
import { printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import type { CommandContext } from '../context.js';

export interface StatusReport {
  readonly mode: string;
  readonly dataDir: string;
  readonly breaker: { state: string; since: number | null; actor: string | null; reason: string | null };
  readonly heartbeat: { ageMs: number | null; time: number | null; pid: number | null };
  readonly positions: readonly unknown[] | null;
  readonly lastCycle: { id: string; status: string; startedAt: number; endedAt: number | null } | null;
}

export function buildStatus(ctx: CommandContext): StatusReport {
  const journal = ctx.journal();
  const beat = journal.lastBeat('main');
  const last = journal.listCycles({ limit: 1 })[0] ?? null;
  return {
    mode: ctx.config.mode,
    dataDir: ctx.config.dataDir,
    breaker: journal.breakerStatus(),
    heartbeat: {
      ageMs: beat ? ctx.clock.now() - beat.time : null,
      time: beat?.time ?? null,
      pid: beat?.pid ?? null,
    },
    positions: null,
    lastCycle: last
      ? { id: last.id, status: last.status, startedAt: last.startedAt, endedAt: last.endedAt }
      : null,
  };
}

/** `swarmdesk status`: breaker, heartbeat age, positions, the last cycle. */
export function registerStatus(program: Command, io: CliIo, setExit: (code: number) => void): void {
  runWithContext(
    io,
    withJson(withConfigOptions(program.command('status'))).description(
      'breaker state, heartbeat age, positions, last cycle',
    ),
    (ctx, o) => {
      const s = buildStatus(ctx);
      if (o.json) return printJson(io, s);
      io.stdout(`mode       ${s.mode}\ndata dir   ${s.dataDir}\n`);
      io.stdout(
        `breaker    ${s.breaker.state}${s.breaker.reason ? ` (${s.breaker.actor}: ${s.breaker.reason})` : ''}\n`,
      );
      io.stdout(
        `heartbeat  ${s.heartbeat.ageMs === null ? 'none yet' : `${(s.heartbeat.ageMs / 1000).toFixed(1)} s ago (pid ${s.heartbeat.pid})`}\n`,
      );
      io.stdout(`last cycle ${s.lastCycle ? `${s.lastCycle.id} ${s.lastCycle.status}` : 'none yet'}\n`);
    },
    setExit,
  );
}
