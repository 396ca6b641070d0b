import type { Command } from 'commander';
import { parseDuration } from '../../domain/index.js';
import { openJournal } from '../../journal/index.js';
import { ioClock } from '../../risk/index.js';
import {
  claimLoop,
  LoopAlreadyRunningError,
  type LoopLease,
  type Services,
  describeCycle,
  openServices,
  runLoop,
  WatchdogSupervisor,
} from '../../runtime/index.js';
import { onBrokenPipe } from '../broken-pipe.js';
import { reportLeftWorking } from '../left-working.js';
import { CliError, type CliIo } from '../io.js';
import { withConfigOptions } from '../context.js';
import { runWithContext } from '../define.js';

interface RunOptions {
  interval?: string;
  watchdogTimeout?: string;
  cycles?: string;
  watchdog: boolean;
  llm?: string;
}

function duration(name: string, value: string | undefined, minMs: number): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === null || ms < minMs)
    throw new CliError(
      `--${name}: expected a duration of at least ${minMs} ms like "30s", got "${value}"`,
      2,
    );
  return ms;
}

/** `swarmdesk run`: the main loop, with its watchdog child, until SIGINT/SIGTERM. */
export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const cmd = withConfigOptions(program.command('run'))
    .description('run the trading loop (Sense → Think → Decide → Act → Record) with a watchdog process')
    .option('--interval <duration>', 'time between cycles (default: schedule.interval)')
    .option(
      '--watchdog-timeout <duration>',
      'heartbeat age at which the watchdog flattens and halts (default: watchdog.heartbeatTimeout)',
    )
    .option('--cycles <n>', 'stop after n cycles')
    .option('--no-watchdog', 'do not start the watchdog child (run one yourself with `swarmdesk watchdog`)')
    .option(
      '--llm <provider:model>',
      'LLM for the swarm and the Commander, e.g. anthropic:claude-sonnet-4-5',
    );
  runWithContext<RunOptions>(
    io,
    cmd,
    async (ctx, o) => {
      const intervalMs = duration('interval', o.interval, 1000) ?? ctx.config.schedule.interval;
      const timeoutMs =
        duration('watchdog-timeout', o.watchdogTimeout, 2000) ?? ctx.config.watchdog.heartbeatTimeout;
      const maxCycles = o.cycles === undefined ? undefined : Number(o.cycles);
      if (maxCycles !== undefined && (!Number.isInteger(maxCycles) || maxCycles < 1))
        throw new CliError(`--cycles: expected a positive integer, got "${o.cycles}"`, 2);
      // One loop per book: refuse before connecting anything when another loop holds it.
      const leaseJournal = openJournal({ dataDir: ctx.config.dataDir });
      let lease: LoopLease;
      try {
        lease = claimLoop(leaseJournal, {
          ttlMs: Math.max(timeoutMs, 3 * ctx.config.watchdog.heartbeatInterval),
          clock: ioClock,
        });
      } catch (e) {
        leaseJournal.close();
        if (e instanceof LoopAlreadyRunningError) throw new CliError(e.message, 1);
        throw e;
      }
      let services: Services;
      try {
        services = await openServices(ctx.config, {
          clock: ctx.clock,
          env: io.env,
          llm: o.llm,
          gatePurpose: 'the run loop',
        });
      } catch (e) {
        lease.release();
        leaseJournal.close();
        throw e;
      }
      const stop = new AbortController();
      const watchdog = o.watchdog
        ? new WatchdogSupervisor({
            command: {
              execPath: process.execPath,
              args: [
                ...process.execArgv,
                process.argv[1]!,
                'watchdog',
                '--data-dir',
                ctx.config.dataDir,
                '--heartbeat-timeout',
                `${timeoutMs}ms`,
                ...(ctx.loaded.path ? ['--config', ctx.loaded.path] : []),
              ],
            },
            journal: services.journal,
            clock: services.clock,
            onDeath: ctx.config.watchdog.onWatchdogDeath,
            log: (l) => io.stderr(`${l}\n`),
          })
        : undefined;
      const onSignal = (sig: string) => () => {
        io.stderr(`swarmdesk: ${sig}: finishing the current step, then stopping\n`);
        watchdog?.shuttingDown();
        stop.abort();
      };
      // Output gone while trading (a closed terminal, a dead `| tee`): nobody watches this loop any
      // more, so it exits at once without a clean stop and the watchdog flattens and halts. During a
      // requested shutdown it just goes on quietly.
      const restorePipes = onBrokenPipe(() => {
        if (stop.signal.aborted) return;
        try {
          services.journal.logSafetyEvent({
            time: services.clock.now(),
            severity: 'critical',
            code: 'RUN_OUTPUT_CLOSED',
            message: `run ${process.pid}: its output was closed while trading; exiting without a clean stop so the watchdog flattens and halts`,
          });
        } finally {
          process.exit(1);
        }
      });
      const sigint = onSignal('SIGINT');
      const sigterm = onSignal('SIGTERM');
      process.once('SIGINT', sigint);
      process.once('SIGTERM', sigterm);
      try {
        io.stdout(
          `swarmdesk run: ${ctx.config.mode} mode, ${services.broker.name} broker, ${services.marketData.source} market data, ${services.commander.kind} Commander, every ${intervalMs} ms; data in ${ctx.config.dataDir}\n`,
        );
        const result = await runLoop(
          { ...services, deadlineMs: ctx.config.schedule.cycleDeadline },
          {
            intervalMs,
            heartbeatIntervalMs: ctx.config.watchdog.heartbeatInterval,
            marketHoursOnly: ctx.config.schedule.marketHoursOnly,
            openDelayMs: ctx.config.schedule.openDelayMinutes * 60_000,
            closeBufferMs: ctx.config.schedule.closeBufferMinutes * 60_000,
            maxCycles,
            dataDir: ctx.config.dataDir,
            signal: stop.signal,
            watchdog,
            lease,
            onCycle: (r) => describeCycle(r.cycleId, r, (l) => io.stdout(`${l}\n`)),
            onNotice: (m) => io.stdout(`${m}\n`),
          },
        );
        io.stdout(`stopped (${result.stoppedBy}) after ${result.cycles.length} cycle(s)\n`);
        await reportLeftWorking(services, (l) => io.stdout(`${l}\n`));
        return result.reconcile.ok ? 0 : 1;
      } finally {
        restorePipes();
        process.off('SIGINT', sigint);
        process.off('SIGTERM', sigterm);
        lease.release();
        leaseJournal.close();
        await services.close();
      }
    },
    setExit,
  );
}
