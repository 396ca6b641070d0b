/**
 * The parent side of the gate race: N long-lived child processes (`gate-race-child.ts`), each with
 * its own market, broker, journal and gate, that fire one order each at one book at the same
 * instant. Started once and reused across trials: a cold tsx start costs seconds, a trial well under one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OUTCOME_PREFIX, READY, UP, type RaceOutcome, type RaceSpec } from './gate-race-protocol.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'gate-race-child.ts');
/** tsx's loader as an absolute URL, as `cli-process.ts` passes it. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** Longest a child may take to prepare or to answer: generous, a shared 2-core machine. */
const STEP_TIMEOUT_MS = 60_000;

class Racer {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  private stderr = '';
  private exited: string | null = null;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      const parts = this.buffer.split('\n');
      this.buffer = parts.pop()!;
      this.lines.push(...parts.filter((l) => l.trim() !== ''));
      this.wake();
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.on('exit', (code, signal) => {
      this.exited = `exited (${signal ?? code})`;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  send(spec: RaceSpec): void {
    this.child.stdin!.write(`${JSON.stringify(spec)}\n`);
  }

  /** The next line the child prints. */
  async next(what: string): Promise<string> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.exited)
        throw new Error(`race child ${this.child.pid} ${this.exited} before ${what}:\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`race child ${this.child.pid}: no ${what} in ${STEP_TIMEOUT_MS} ms:\n${this.stderr}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiter = () => (clearTimeout(t), r());
      });
    }
  }
}

/** N racing children. */
export interface RacePool {
  readonly size: number;
  /**
   * One trial: child i gets `specs[i]` (at most N specs, one book); once each of them is ready the
   * barrier opens; resolves with their outcomes, in spec order.
   */
  trial(specs: readonly Omit<RaceSpec, 'go'>[]): Promise<RaceOutcome[]>;
  close(): Promise<void>;
}

let trials = 0;

/** Start `size` children; resolves once every one has loaded. */
export async function startRacePool(size: number): Promise<RacePool> {
  const racers = Array.from(
    { length: size },
    () => new Racer(spawn(process.execPath, ['--import', TSX, CHILD], { stdio: ['pipe', 'pipe', 'pipe'] })),
  );
  try {
    const up = await Promise.all(racers.map((r) => r.next('start-up')));
    if (up.some((l) => l !== UP)) throw new Error(`a race child started with ${up.find((l) => l !== UP)}`);
  } catch (error) {
    for (const r of racers) r.child.kill('SIGKILL');
    throw error;
  }
  return {
    size,
    async trial(specs) {
      if (specs.length === 0 || specs.length > size)
        throw new Error(`expected 1 to ${size} specs, got ${specs.length}`);
      const go = join(specs[0]!.dataDir, `go-${process.pid}-${++trials}`);
      const racing = racers.slice(0, specs.length);
      racing.forEach((r, i) => r.send({ ...specs[i]!, go }));
      const ready = await Promise.all(racing.map((r) => r.next('ready')));
      const odd = ready.find((l) => l !== READY);
      if (odd !== undefined) throw new Error(`a race child said ${odd} instead of ${READY}`);
      writeFileSync(go, '');
      const lines = await Promise.all(racing.map((r) => r.next('its outcome')));
      return lines.map((l) => {
        if (!l.startsWith(OUTCOME_PREFIX)) throw new Error(`a race child said ${l} instead of its outcome`);
        return JSON.parse(l.slice(OUTCOME_PREFIX.length)) as RaceOutcome;
      });
    },
    async close() {
      await Promise.all(
        racers.map(
          (r) =>
            new Promise<void>((resolve) => {
              if (r.child.exitCode !== null || r.child.signalCode !== null) return resolve();
              r.child.on('exit', () => resolve());
              r.child.stdin!.end();
              setTimeout(() => r.child.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    },
  };
}
