import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import { activeWatchdog } from './watchdog-lease.js';

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
  /** The watchdog writes here (appending), never to a pipe of ours: `<dataDir>/watchdog.log` by default. */
  readonly logFile?: string;
  /** Where the watchdog's log lines are echoed while this process runs (stderr by default). */
  readonly log?: (line: string) => void;
  /** How often to look at the watchdog (its log, and whether one is needed), ms. */
  readonly pollMs?: number;
}

export const WATCHDOG_LOG_FILE = 'watchdog.log';

/**
 * Starts the watchdog as a process of its own — its own session and process group, output to a log
 * file — so it outlives this process however it ends (SIGKILL, a closed terminal, a broken pipe, out
 * of memory) and can flatten the book. It starts one only when no watchdog already holds the book
 * (the watchdog lease); a death of its own child is always a safety event, followed by a restart
 * with backoff (1 s doubling to 30 s) or a halt, as configured. A graceful stop stops it.
 */
export class WatchdogSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private pendingRestart: TimerHandle | null = null;
  private poller: TimerHandle | null = null;
  private logOffset = 0;
  private adopted: number | null = null;

  constructor(private readonly options: SupervisorOptions) {}

  /** Our own watchdog child's pid, if it runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** The pid of a watchdog another process started, which this one leaves be. */
  get adoptedPid(): number | null {
    return this.adopted;
  }

  private get logFile(): string {
    return this.options.logFile ?? join(this.options.journal.dataDir, WATCHDOG_LOG_FILE);
  }

  private say(line: string): void {
    (this.options.log ?? ((l) => process.stderr.write(`${l}\n`)))(line);
  }

  start(): void {
    try {
      this.logOffset = statSync(this.logFile).size;
    } catch {
      this.logOffset = 0;
    }
    this.ensure();
    this.poller = this.options.clock.setInterval(() => {
      this.echoLog();
      if (!this.child && !this.pendingRestart && !this.stopping) this.ensure();
    }, this.options.pollMs ?? 500);
  }

  /** Start our own watchdog unless one already watches the book. */
  private ensure(): void {
    const other = activeWatchdog(this.options.journal, this.options.clock.now());
    if (other && other.pid !== this.child?.pid) {
      if (this.adopted !== other.pid)
        this.say(`[watchdog] already watched by watchdog ${other.pid}; not starting another`);
      this.adopted = other.pid;
      return;
    }
    this.adopted = null;
    this.spawnChild();
  }

  private spawnChild(): void {
    const { command } = this.options;
    const out = openSync(this.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(command.execPath, [...command.args], {
        env: command.env ?? process.env,
        detached: true,
        stdio: ['ignore', out, out],
      });
    } finally {
      closeSync(out);
    }
    this.child = child;
    child.on('exit', (code, signal) => this.died(child, code, signal));
    this.say(`[watchdog] started as process ${child.pid ?? '?'} (its own session); log: ${this.logFile}`);
  }

  private echoLog(): void {
    let fd: number;
    try {
      fd = openSync(this.logFile, 'r');
    } catch {
      return;
    }
    try {
      const size = statSync(this.logFile).size;
      if (size < this.logOffset) this.logOffset = 0;
      if (size === this.logOffset) return;
      const buffer = Buffer.alloc(Math.min(size - this.logOffset, 1 << 20));
      const n = readSync(fd, buffer, 0, buffer.length, this.logOffset);
      const text = buffer.subarray(0, n).toString('utf8');
      const complete = text.lastIndexOf('\n') + 1;
      this.logOffset += Buffer.byteLength(text.slice(0, complete));
      for (const line of text.slice(0, complete).split('\n')) if (line.trim()) this.say(`[watchdog] ${line}`);
    } finally {
      closeSync(fd);
    }
  }

  private died(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    this.echoLog();
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
      this.ensure();
      journal.logSafetyEvent({
        time: clock.now(),
        severity: 'warning',
        code: 'WATCHDOG_RESTARTED',
        message: `watchdog restarted as process ${this.child?.pid ?? this.adopted ?? '?'} after ${delay} ms`,
      });
    }, delay);
  }

  /** The main process is shutting down: from now on the watchdog's exit is expected, not a death. */
  shuttingDown(): void {
    this.stopping = true;
    this.pendingRestart?.cancel();
  }

  /** Stop our watchdog on purpose (a graceful shutdown): not a safety event. An adopted one is left running. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.pendingRestart?.cancel();
    this.poller?.cancel();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.echoLog();
  }
}
