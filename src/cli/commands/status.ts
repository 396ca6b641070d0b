import type { Command } from 'commander';
import { printJson, type CliIo } from '../io.js';
import { withConfigOptions, withJson } from '../context.js';
import { runWithContext } from '../define.js';
import type { CommandContext } from '../context.js';
import { contractKey, type AccountSummary, type Contract } from '../../domain/index.js';
import { openMarketAndBroker, readHeartbeat } from '../../runtime/index.js';
import { escapeControl } from '../escape-text.js';

export interface StatusReport {
  readonly mode: string;
  readonly dataDir: string;
  readonly breaker: { state: string; since: number | null; actor: string | null; reason: string | null };
  readonly heartbeat: { ageMs: number | null; time: number | null; pid: number | null };
  /** Each with its contract and signed quantity (contracts; shares for stock). */
  readonly positions: readonly {
    contract: Contract;
    key: string;
    quantity: number;
    averagePrice: number;
    realizedPnl: number;
  }[];
  readonly account: AccountSummary;
  readonly lastCycle: { id: string; status: string; startedAt: number; endedAt: number | null } | null;
}

/** Positions from the configured broker, read over a short-lived connection of its own. */
async function readPositions(ctx: CommandContext): Promise<Pick<StatusReport, 'positions' | 'account'>> {
  const { marketData, broker } = await openMarketAndBroker(ctx.config, {
    clock: ctx.clock,
    role: 'status',
    env: ctx.io.env,
  });
  try {
    const [positions, account] = await Promise.all([broker.positions(), broker.accountSummary()]);
    return {
      positions: positions
        .filter((p) => p.quantity !== 0)
        .map((p) => ({
          contract: p.contract,
          key: contractKey(p.contract),
          quantity: p.quantity,
          averagePrice: p.averagePrice,
          realizedPnl: p.realizedPnl,
        })),
      account,
    };
  } finally {
    await broker.disconnect();
    await marketData.close();
  }
}

export async function buildStatus(ctx: CommandContext): Promise<StatusReport> {
  const journal = ctx.journal();
  // The heartbeat file is what the watchdog judges; the journal row is its history.
  const beat = readHeartbeat(ctx.config.dataDir) ?? journal.lastBeat('main');
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
    ...(await readPositions(ctx)),
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
    async (ctx, o) => {
      const s = await buildStatus(ctx);
      if (o.json) return printJson(io, s);
      io.stdout(`mode       ${s.mode}\ndata dir   ${escapeControl(s.dataDir)}\n`);
      io.stdout(
        `breaker    ${s.breaker.state}${s.breaker.reason ? ` (${s.breaker.actor}: ${escapeControl(s.breaker.reason)})` : ''}\n`,
      );
      io.stdout(
        `heartbeat  ${s.heartbeat.ageMs === null ? 'none yet' : `${(s.heartbeat.ageMs / 1000).toFixed(1)} s ago (pid ${s.heartbeat.pid})`}\n`,
      );
      io.stdout(
        `last cycle ${s.lastCycle ? escapeControl(`${s.lastCycle.id} ${s.lastCycle.status}`) : 'none yet'}\n`,
      );
      io.stdout(
        `account    net liquidation ${s.account.netLiquidation.toFixed(2)}, cash ${s.account.cash.toFixed(2)}, buying power ${s.account.buyingPower.toFixed(2)}, unrealized P&L ${s.account.unrealizedPnl.toFixed(2)}, today realized ${s.account.dailyRealizedPnl.toFixed(2)}\n`,
      );
      io.stdout(`positions  ${s.positions.length === 0 ? 'none' : ''}\n`);
      for (const p of s.positions)
        io.stdout(
          `  ${p.quantity > 0 ? '+' : ''}${p.quantity} ${escapeControl(p.key)} @ ${p.averagePrice.toFixed(2)}\n`,
        );
    },
    setExit,
  );
}
