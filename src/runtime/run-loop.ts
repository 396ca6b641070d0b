import type { BrokerView } from '../broker/index.js';
import { nyDate, type Clock } from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import type { MarketData } from '../market/index.js';
import { sendHeartbeat } from './heartbeat.js';
import { tradingWindow } from './trading-window.js';
import { reconcileWithBroker, type ReconcileReport } from './reconcile.js';
import { tradingCycle, type CycleDeps, type CycleReport } from './trading-cycle.js';
import type { LoopLease } from './loop-lease.js';
import type { WatchdogSupervisor } from './watchdog-supervisor.js';

export interface LoopOptions {
  readonly intervalMs: number;
  readonly heartbeatIntervalMs: number;
  readonly marketHoursOnly: boolean;
  /** With `marketHoursOnly`: no cycle starts this long after the open, ms (`schedule.openDelayMinutes`). */
  readonly openDelayMs?: number;
  /** With `marketHoursOnly`: no cycle starts this long before the close, ms (`schedule.closeBufferMinutes`). */
  readonly closeBufferMs?: number;
  /** Stop after this many rounds — cycles run, or skipped because halted or closed; forever when omitted. */
  readonly maxCycles?: number;
  readonly dataDir: string;
  /** Abort to stop gracefully: the cycle in progress finishes, nothing is cut in half. */
  readonly signal: AbortSignal;
  readonly onCycle?: (report: CycleReport) => void;
  readonly onNotice?: (message: string) => void;
  readonly watchdog?: WatchdogSupervisor;
  /** The book's loop lease, renewed with every heartbeat; the loop stops when it is lost. */
  readonly lease?: LoopLease;
}

export interface LoopDeps extends Omit<CycleDeps, 'onPhase'> {
  readonly clock: Clock;
  readonly journal: Journal;
  readonly marketData: MarketData;
  readonly broker: BrokerView;
}

export interface LoopResult {
  readonly cycles: readonly CycleReport[];
  readonly reconcile: ReconcileReport;
  readonly stoppedBy: 'max_cycles' | 'signal' | 'lease_lost';
}

/**
 * The main loop: reconcile, then cycle at the configured interval while the market is open and
 * the breaker allows, with a heartbeat from its own timer (a slow LLM call cannot hold it back)
 * and the watchdog child kept alive. Graceful on abort.
 */
export async function runLoop(deps: LoopDeps, options: LoopOptions): Promise<LoopResult> {
  const { clock, journal } = deps;
  const notice = options.onNotice ?? (() => undefined);
  let phase = 'starting';
  let cycleId: string | null = null;
  const leaseLost = new AbortController();
  const stopped = AbortSignal.any([options.signal, leaseLost.signal]);
  const keepLease = (): void => {
    if (!options.lease || leaseLost.signal.aborted || options.lease.renew()) return;
    leaseLost.abort();
    const message = `the main loop lost its lease on the book (it stalled past it and another process took over); this loop stops`;
    notice(message);
    try {
      journal.logSafetyEvent({ time: clock.now(), severity: 'critical', code: 'LOOP_LEASE_LOST', message });
    } catch {
      // the loop stops either way
    }
  };
  const beat = (): void => {
    keepLease();
    sendHeartbeat({ dataDir: options.dataDir, time: clock.now(), pid: process.pid, cycleId, phase, journal });
  };
  beat();
  const heartbeat = clock.setInterval(beat, options.heartbeatIntervalMs);
  options.watchdog?.start();

  const cycles: CycleReport[] = [];
  let reconcile: ReconcileReport | null = null;
  let haltedNoticed = false;
  try {
    const marketClock = await deps.marketData.marketClock();
    reconcile = await reconcileWithBroker({
      broker: deps.broker,
      journal,
      clock,
      marketDate: nyDate(marketClock.time),
    });
    for (const a of reconcile.actions) notice(`reconcile: ${a}`);
    for (const m of reconcile.mismatches) notice(`reconcile MISMATCH: ${m}`);

    let rounds = 0;
    while (!stopped.aborted && (options.maxCycles === undefined || rounds < options.maxCycles)) {
      rounds++;
      const started = clock.now();
      const breaker = journal.breakerStatus();
      if (breaker.state === 'HALTED') {
        if (!haltedNoticed)
          notice(
            `breaker HALTED (${breaker.actor}: ${breaker.reason}); not trading until \`swarmdesk resume\``,
          );
        haltedNoticed = true;
        phase = 'halted';
      } else {
        haltedNoticed = false;
        const mc = await deps.marketData.marketClock();
        const window = options.marketHoursOnly
          ? tradingWindow(mc, {
              openDelayMs: options.openDelayMs ?? 0,
              closeBufferMs: options.closeBufferMs ?? 0,
            })
          : ({ open: true } as const);
        if (!window.open) {
          const waiting = window.why === 'market closed' ? 'market_closed' : window.why.replace(' ', '_');
          if (phase !== waiting)
            notice(
              `${window.why}; no cycle starts before ${new Date(window.until).toISOString()} (market time)`,
            );
          phase = waiting;
        } else {
          const report = await tradingCycle({
            ...deps,
            onPhase: (p, id) => {
              phase = p;
              cycleId = id;
              beat();
            },
          });
          phase = 'idle';
          beat();
          cycles.push(report);
          options.onCycle?.(report);
        }
      }
      if (options.maxCycles !== undefined && rounds >= options.maxCycles) break;
      const wait = Math.max(0, options.intervalMs - (clock.now() - started));
      try {
        await clock.sleep(wait, stopped);
      } catch {
        break; // aborted: stop gracefully
      }
    }
  } finally {
    heartbeat.cancel();
    phase = 'stopped';
    beat();
    await options.watchdog?.stop();
  }
  const stoppedBy = options.signal.aborted
    ? 'signal'
    : leaseLost.signal.aborted
      ? 'lease_lost'
      : 'max_cycles';
  return { cycles, reconcile, stoppedBy };
}
