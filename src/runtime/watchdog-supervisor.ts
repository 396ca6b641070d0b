import { spawn, type ChildProcess } from 'node:child_process';
import type { Clock, TimerHandle } from '../domain/index.js';
import type { Journal } from '../journal/index.js';

export interface WatchdogCommand {
  readonly execPath: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  readonly command: WatchdogCommand;
  readonly journal: Journal;
  readonly clock: Clock;
  /** A dead watchdog is a safety event; then restart it, or halt trading. */
  readonly onDeath: 'restart' | 'halt';
  /** Where the child's output goes (the main process's stderr by default). */
  readonly log?: (line: string) => void;
}

/**
 * Keeps the watchdog child process alive. Its death is always a safety event; it is restarted
 * with backoff (1 s doubling to 30 s), or trading is halted, as configured.
 */
export class WatchdogSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private pendingRestart: TimerHandle | null = null;

  constructor(private readonly options: SupervisorOptions) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): void {
    const { command, log } = this.options;
    const child = spawn(command.execPath, [...command.args], {
      env: command.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const forward = (d: Buffer): void => {
      for (const line of d.toString().split('\n'))
        if (line.trim()) (log ?? ((l) => process.stderr.write(`${l}\n`)))(`[watchdog] ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('exit', (code, signal) => this.died(child, code, signal));
  }

  private died(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stopping) return;
    const { journal, clock, onDeath } = this.options;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    journal.logSafetyEvent({
      time: clock.now(),
      severity: 'critical',
      code: 'WATCHDOG_DIED',
      message: `watchdog process ${child.pid} died (${how})`,
      details: { onDeath },
    });
    if (onDeath === 'halt') {
      journal.setBreaker({
        state: 'HALTED',
        actor: 'runtime',
        reason: `watchdog died (${how}); configured to halt`,
        time: clock.now(),
      });
      return;
    }
    const delay = Math.min(30_000, 1000 * 2 ** this.restarts++);
    this.pendingRestart = clock.setTimeout(() => {
      this.pendingRestart = null;
      if (this.stopping) return;
      this.start();
      journal.logSafetyEvent({
        time: clock.now(),
        severity: 'warning',
        code: 'WATCHDOG_RESTARTED',
        message: `watchdog restarted as process ${this.child?.pid ?? '?'} after ${delay} ms`,
      });
    }, delay);
  }

  /**
   * The main process is shutting down (SIGINT/SIGTERM; a terminal's Ctrl-C reaches the watchdog
   * too): from now on its exit is expected, not a death.
   */
  shuttingDown(): void {
    this.stopping = true;
    this.pendingRestart?.cancel();
  }

  /** Stop the watchdog on purpose (a graceful shutdown): not a safety event. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.pendingRestart?.cancel();
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
