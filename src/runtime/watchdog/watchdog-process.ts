import type { SwarmdeskConfig } from '../../config/index.js';
import type { Clock } from '../../domain/index.js';
import { openJournal } from '../../journal/index.js';
import { ioClock } from '../../risk/index.js';
import { openMarketAndBroker } from '../factory.js';
import { claimWatchdog, watchdogLeaseTtl, type WatchdogLease } from '../watchdog-lease.js';
import { monitorLoop, type WatchdogCheck } from './monitor-loop.js';

export interface WatchdogProcessOptions {
  readonly config: SwarmdeskConfig;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly heartbeatTimeoutMs?: number;
  readonly onCheck?: (check: WatchdogCheck) => void;
  readonly log: (line: string) => void;
}

/**
 * `swarmdesk watchdog`: its own journal handle, market data and broker connection (IBKR: its own
 * client id), checking the main loop's heartbeat until told to stop. Its broker's order and fill
 * events go to the journal as the loop's do (the factory wires every role it is given a journal
 * for), so its closing fills are in `trades` whether or not the loop ever runs again.
 */
export async function runWatchdog(options: WatchdogProcessOptions): Promise<void> {
  const { config, clock } = options;
  const journal = openJournal({ dataDir: config.dataDir });
  let lease: WatchdogLease;
  try {
    lease = claimWatchdog(journal, {
      ttlMs: watchdogLeaseTtl(config.watchdog.checkInterval),
      clock: ioClock,
    });
  } catch (e) {
    journal.close();
    throw e;
  }
  let opened: Awaited<ReturnType<typeof openMarketAndBroker>>;
  try {
    opened = await openMarketAndBroker(config, { clock, role: 'watchdog', journal });
  } catch (e) {
    lease.release();
    journal.close();
    throw e;
  }
  const { marketData, broker } = opened;
  const renewal = ioClock.setInterval(() => {
    if (!lease.renew()) options.log('lost the watchdog lease to another watchdog; still watching');
  }, config.watchdog.checkInterval);
  const timeout = options.heartbeatTimeoutMs ?? config.watchdog.heartbeatTimeout;
  options.log(
    `watchdog ${process.pid}: heartbeat timeout ${timeout} ms, checking every ${config.watchdog.checkInterval} ms, broker ${broker.name}`,
  );
  const handle = monitorLoop({
    broker,
    marketData,
    journal,
    clock,
    dataDir: config.dataDir,
    settings: {
      heartbeatTimeoutMs: timeout,
      checkIntervalMs: config.watchdog.checkInterval,
      flattenAttempts: config.watchdog.flattenAttempts,
      flattenCollarStep: config.watchdog.flattenCollarStep,
      flattenRetryDelayMs: config.watchdog.flattenRetryDelay,
      maxDrawdown: config.risk.maxDrawdown,
    },
    onCheck: (c) => {
      options.onCheck?.(c);
      if (c.tripped)
        options.log(
          `TRIPPED ${c.tripped}: book ${c.flatten?.flat ? 'flat' : 'NOT flat'} after ${c.flatten?.ordersSent ?? 0} closing order(s)`,
        );
    },
  });
  try {
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) return resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    renewal.cancel();
    await handle.stop();
    lease.release();
    await broker.disconnect();
    await marketData.close();
    journal.close();
  }
}
