/**
 * `swarmdesk status` as one document: the loop, the watchdog, the breaker and the journaled orders
 * (from the journal, always), and the book — positions grouped by structure with marks, P&L,
 * Greeks and days to expiry, working orders, capital at risk and Greeks against their limits (from
 * the broker and the market, when they can be read). Everything is read; nothing is written.
 */
import { existsSync } from 'node:fs';
import { contractKey, type AccountSummary, type Order, type Position } from '../../domain/index.js';
import type { BreakerStatus, Journal } from '../../journal/index.js';
import { capitalAtRisk } from '../../risk/index.js';
import {
  judgeLoop,
  openReadOnlyBook,
  readHeartbeat,
  readLeases,
  type Heartbeat,
  type LoopView,
  type WatchdogView,
} from '../../runtime/index.js';
import type { CommandContext } from '../context.js';
import { markContracts, type Greeks4 } from './marks.js';
import {
  greeksByUnderlying,
  positionView,
  structureView,
  sumGreeks,
  type PositionView,
  type StructureView,
  type UnderlyingGreeks,
} from './positions-view.js';
import { groupStructures, type OpeningFill } from './structures.js';
import { asOrder, collectWorkingOrders, type WorkingOrderView } from './working-orders.js';

/** A part of the report that may not be readable, and why. */
export interface PartState {
  readonly available: boolean;
  readonly problem: string | null;
}

export interface StatusReport {
  readonly time: number;
  readonly mode: string;
  readonly dataDir: string;
  readonly journal: PartState;
  readonly breaker: BreakerStatus;
  readonly loop: LoopView;
  readonly watchdog: WatchdogView;
  /** The loop's last heartbeat (kept for scripts that read `status --json`). */
  readonly heartbeat: { ageMs: number | null; time: number | null; pid: number | null; phase: string | null };
  readonly lastCycle: { id: string; status: string; startedAt: number; endedAt: number | null } | null;
  readonly market: PartState & { readonly source: string; readonly time: number | null };
  readonly broker: PartState & { readonly name: string };
  readonly account: AccountSummary | null;
  /** Each position whole; empty when the broker cannot be read. */
  readonly positions: readonly PositionView[];
  readonly structures: readonly StructureView[];
  readonly workingOrders: readonly WorkingOrderView[];
  /** Dollars; `used` null when unbounded (see `unbounded`). Null when the broker cannot be read. */
  readonly capitalAtRisk: {
    used: number | null;
    limit: number;
    byUnderlying: { symbol: string; used: number | null }[];
    unbounded: readonly string[];
  } | null;
  readonly greeks: {
    readonly limits: Greeks4;
    readonly byUnderlying: readonly UnderlyingGreeks[];
    readonly total: Greeks4 | null;
  } | null;
  /** False when the broker (or, with positions held, the market data or the journal) could not be read: exit 3. */
  readonly complete: boolean;
}

const NO_BREAKER: BreakerStatus = { state: 'ACTIVE', since: null, actor: null, reason: null };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function journalPart(ctx: CommandContext): { journal: Journal | null; state: PartState } {
  try {
    const journal = ctx.readJournal();
    if (journal) return { journal, state: { available: true, problem: null } };
    return { journal: null, state: { available: false, problem: `no journal yet at ${ctx.journalPath}` } };
  } catch (e) {
    return { journal: null, state: { available: false, problem: message(e) } };
  }
}

function lastBeat(ctx: CommandContext, journal: Journal | null): Heartbeat | null {
  const file = readHeartbeat(ctx.config.dataDir);
  if (file) return file;
  const row = journal?.lastBeat('main');
  return row ? { time: row.time, pid: row.pid, cycleId: null, phase: row.detail ?? 'idle' } : null;
}

/** Multi-leg orders that filled, newest first: what grouping by structure matches positions against. */
function openingFills(journal: Journal | null): OpeningFill[] {
  return (journal?.listOrders({ statuses: ['filled', 'partially_filled', 'cancelled', 'expired'] }) ?? [])
    .filter((o) => o.filledQuantity > 0 && o.intent.legs.length > 1)
    .map((o) => ({ clientOrderId: o.clientOrderId, legs: o.intent.legs, filledQuantity: o.filledQuantity }));
}

/** Read everything `status` shows. */
export async function buildStatus(ctx: CommandContext): Promise<StatusReport> {
  const { config } = ctx;
  const now = ctx.clock.now();
  const { journal, state: journalState } = journalPart(ctx);
  const journalBroken = !journalState.available && existsSync(ctx.journalPath);
  const leases = journal
    ? readLeases(journal, now)
    : { loop: null, watchdog: { watching: false, lease: null } };
  const beat = lastBeat(ctx, journal);
  const loop = judgeLoop({ beat, lease: leases.loop, now, timeoutMs: config.watchdog.heartbeatTimeout });
  const last = journal?.listCycles({ limit: 1 })[0] ?? null;
  const book = await openReadOnlyBook(config, { clock: ctx.clock, env: ctx.io.env });
  try {
    let positions: readonly Position[] | null = null;
    let brokerOrders: readonly Order[] | null = null;
    let brokerProblem = book.brokerUnavailable;
    let account: AccountSummary | null = null;
    if (book.broker) {
      try {
        [positions, brokerOrders] = await Promise.all([book.broker.positions(), book.broker.openOrders()]);
        account = await book.broker.accountSummary();
      } catch (e) {
        brokerProblem = message(e);
      }
    }
    const held = (positions ?? []).filter((p) => p.quantity !== 0);
    const working = collectWorkingOrders({ brokerOrders, journal, now });
    const marked = await markContracts(
      book.marketData,
      held.map((p) => p.contract),
      book.marketUnavailable,
    );
    const views = held.map((p) => positionView(p, p.quantity, marked.marks.get(contractKey(p.contract))));
    const structures = groupStructures(held, openingFills(journal)).map((s) =>
      structureView(s, marked.marks),
    );
    const byUnderlying = greeksByUnderlying(views, config.risk);
    const inFlight = working.filter((w) => w.seenBy === 'journal').map(asOrder);
    const car =
      positions === null
        ? null
        : capitalAtRisk({
            positions: held,
            openOrders: [...(brokerOrders ?? []), ...inFlight],
            limits: config.risk,
          });
    const marketProblem = book.marketUnavailable;
    return {
      time: now,
      mode: config.mode,
      dataDir: config.dataDir,
      journal: journalState,
      breaker: journal?.breakerStatus() ?? NO_BREAKER,
      loop,
      watchdog: leases.watchdog,
      heartbeat: {
        ageMs: loop.heartbeat?.ageMs ?? null,
        time: loop.heartbeat?.time ?? null,
        pid: loop.heartbeat?.pid ?? null,
        phase: loop.heartbeat?.phase ?? null,
      },
      lastCycle: last
        ? { id: last.id, status: last.status, startedAt: last.startedAt, endedAt: last.endedAt }
        : null,
      market: {
        source: config.marketData.source,
        available: marketProblem === null,
        problem: marketProblem,
        time: marked.marketTime,
      },
      broker: { name: config.broker.type, available: brokerProblem === null, problem: brokerProblem },
      account,
      positions: views,
      structures,
      workingOrders: working,
      capitalAtRisk: car && {
        used: finite(car.used),
        limit: car.limit,
        byUnderlying: car.byUnderlying.map((u) => ({ symbol: u.symbol, used: finite(u.used) })),
        unbounded: car.unbounded,
      },
      greeks:
        positions === null
          ? null
          : {
              limits: {
                delta: config.risk.maxNetDelta,
                gamma: config.risk.maxNetGamma,
                vega: config.risk.maxNetVega,
                theta: config.risk.maxNetTheta,
              },
              byUnderlying,
              total: sumGreeks(byUnderlying.map((u) => u.greeks)),
            },
      complete: brokerProblem === null && !journalBroken && (marketProblem === null || held.length === 0),
    };
  } finally {
    await book.close();
  }
}
