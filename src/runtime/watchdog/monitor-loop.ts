import type { Broker } from '../../broker/index.js';
import type { Clock, SafetyCode } from '../../domain/index.js';
import type { Journal } from '../../journal/index.js';
import type { MarketData } from '../../market/index.js';
import { checkHeartbeat, type HeartbeatVerdict } from '../heartbeat.js';
import { panicCloseAllPositions, type PanicCloseReport } from './panic-close.js';

export interface WatchdogSettings {
  readonly heartbeatTimeoutMs: number;
  readonly checkIntervalMs: number;
  readonly flattenAttempts: number;
  readonly flattenCollarStep: number;
  readonly flattenRetryDelayMs: number;
  /** Fraction of the high-water mark of net liquidation; crossing it flattens and halts. */
  readonly maxDrawdown: number;
}

export interface WatchdogDeps {
  readonly broker: Broker;
  readonly marketData: MarketData;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly dataDir: string;
  readonly settings: WatchdogSettings;
  readonly isAlive?: (pid: number) => boolean;
  /** Called after each check (for logs and tests). */
  readonly onCheck?: (check: WatchdogCheck) => void;
}

export interface WatchdogCheck {
  readonly time: number;
  readonly heartbeat: HeartbeatVerdict;
  readonly tripped: SafetyCode | null;
  readonly flatten: PanicCloseReport | null;
}

export interface WatchdogHandle {
  /** Stop checking; resolves when a check in progress has finished. */
  stop(): Promise<void>;
  /** Run one check now (the timer calls this). */
  checkOnce(): Promise<WatchdogCheck>;
}

/**
 * The watchdog's loop: every `checkIntervalMs`, judge the main loop's heartbeat and the drawdown.
 * A stale heartbeat, a vanished main process or a drawdown beyond the limit trips the breaker to
 * HALTED, cancels everything and flattens the book, once per incident. It never opens risk.
 */
export function monitorLoop(deps: WatchdogDeps): WatchdogHandle {
  const { clock, journal, settings } = deps;
  const startedAt = clock.now();
  let incident = false;
  let highWater: number | null = null;
  let running: Promise<WatchdogCheck> | null = null;

  const trip = async (code: SafetyCode, message: string): Promise<PanicCloseReport> => {
    incident = true;
    const now = clock.now();
    journal.setBreaker({ state: 'HALTED', actor: 'watchdog', reason: message, time: now });
    journal.logSafetyEvent({ time: now, severity: 'critical', code, message });
    journal.logSafetyEvent({
      time: now,
      severity: 'critical',
      code: 'BREAKER_TRIPPED',
      message: `watchdog halted trading: ${message}`,
    });
    return panicCloseAllPositions(deps, {
      attempts: settings.flattenAttempts,
      collarStep: settings.flattenCollarStep,
      retryDelayMs: settings.flattenRetryDelayMs,
      reason: message,
    });
  };

  const check = async (): Promise<WatchdogCheck> => {
    const now = clock.now();
    let heartbeat = checkHeartbeat({
      dataDir: deps.dataDir,
      now,
      timeoutMs: settings.heartbeatTimeoutMs,
      isAlive: deps.isAlive,
    });
    if (heartbeat.status === 'missing' && now - startedAt > settings.heartbeatTimeoutMs) {
      heartbeat = { status: 'stale', ageMs: now - startedAt, pid: -1 };
    }
    if (heartbeat.status === 'ok' && incident && journal.breakerStatus().state === 'ACTIVE') incident = false;
    let tripped: SafetyCode | null = null;
    let flatten: PanicCloseReport | null = null;
    if (!incident && heartbeat.status === 'stale') {
      tripped = 'HEARTBEAT_STALE';
      flatten = await trip(
        tripped,
        `main loop heartbeat is ${(heartbeat.ageMs / 1000).toFixed(1)} s old (limit ${settings.heartbeatTimeoutMs / 1000} s)`,
      );
    } else if (!incident && heartbeat.status === 'process_gone') {
      tripped = 'MAIN_PROCESS_GONE';
      flatten = await trip(
        tripped,
        `main process ${heartbeat.pid} is gone (last heartbeat ${(heartbeat.ageMs / 1000).toFixed(1)} s ago)`,
      );
    } else if (!incident) {
      const account = await deps.broker.accountSummary();
      highWater = Math.max(highWater ?? account.netLiquidation, account.netLiquidation);
      const drawdown = highWater > 0 ? (highWater - account.netLiquidation) / highWater : 0;
      if (drawdown >= settings.maxDrawdown) {
        tripped = 'LOSS_DRAWDOWN';
        flatten = await trip(
          tripped,
          `drawdown ${(drawdown * 100).toFixed(2)} % from high-water mark ${highWater.toFixed(2)} (limit ${(settings.maxDrawdown * 100).toFixed(2)} %)`,
        );
      }
    }
    const result: WatchdogCheck = { time: now, heartbeat, tripped, flatten };
    deps.onCheck?.(result);
    return result;
  };

  const checkOnce = (): Promise<WatchdogCheck> => {
    running ??= check().finally(() => (running = null));
    return running;
  };

  // A failing check (the gateway down) is journaled once per incident, and its end with the count.
  let failing: { since: number; count: number } | null = null;
  const timer = clock.setInterval(() => {
    checkOnce().then(
      () => {
        if (!failing) return;
        journal.logSafetyEvent({
          time: clock.now(),
          severity: 'warning',
          code: 'BROKER_RECONNECTED',
          message: `watchdog checks work again after ${failing.count} failed check(s) over ${((clock.now() - failing.since) / 1000).toFixed(1)} s`,
          details: { failedChecks: failing.count },
        });
        failing = null;
      },
      (e: unknown) => {
        if (failing) {
          failing.count++;
          return;
        }
        failing = { since: clock.now(), count: 1 };
        journal.logSafetyEvent({
          time: clock.now(),
          severity: 'critical',
          code: 'BROKER_ERROR',
          message: `watchdog check failed: ${(e as Error).message}; it keeps checking every ${settings.checkIntervalMs} ms and journals when checks work again`,
        });
      },
    );
  }, settings.checkIntervalMs);

  return {
    checkOnce,
    stop: async () => {
      timer.cancel();
      if (running) await running.catch(() => undefined);
    },
  };
}
