import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { testSimStart } from '../../../test/support/sim-start.js';
import { openJournal } from '../../journal/index.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = join(REPO, 'src', 'cli.ts');
/** tsx's loader as an absolute URL: a child's cwd (a temp workspace) cannot resolve the bare name. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * An instance that proposes premium sales on every simulated name at any IV rank and sentiment: with
 * a Commander that forecasts realised vol well below implied, it trades on whatever date the pinned
 * market starts, so a test that needs orders does not depend on the day.
 */
export const ALWAYS_SELLS_INSTANCE = {
  id: 'test_always_sells',
  template: 'vol_sniper.md',
  enabled: true,
  description: 'Test instance: sells defined-risk premium on every name, whatever the IV rank.',
  parameters: {
    symbol_pool: ['NVDA', 'AMD', 'TSLA', 'JPM', 'GS', 'BAC'],
    min_iv_rank: 0,
    max_delta_exposure: 0.3,
    sentiment_filter: 'any',
    short_delta: 0.25,
    wing_width_pct: 0.05,
    min_credit_pct_of_width: 0,
  },
} as const;

/**
 * A workspace with a config pointing at the repo's prompts and swarm (or, with `instances`, at a copy
 * of them holding exactly those instances), a pinned market, and fast timings for tests.
 */
export function workspace(
  extra: Record<string, unknown> = {},
  options: { instances?: readonly object[] } = {},
): {
  dir: string;
  dataDir: string;
  config: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-proc-'));
  const dataDir = join(dir, 'lake');
  mkdirSync(dataDir);
  const config = join(dir, 'swarmdesk.config.json');
  let contentDir = REPO;
  if (options.instances) {
    contentDir = join(dir, 'content');
    cpSync(join(REPO, 'prompts'), join(contentDir, 'prompts'), { recursive: true });
    cpSync(
      join(REPO, 'swarm_intelligence', 'templates'),
      join(contentDir, 'swarm_intelligence', 'templates'),
      {
        recursive: true,
      },
    );
    const instancesDir = join(contentDir, 'swarm_intelligence', 'active_instances');
    mkdirSync(instancesDir, { recursive: true });
    for (const i of options.instances) {
      writeFileSync(join(instancesDir, `${(i as { id: string }).id}.json`), JSON.stringify(i, null, 1));
    }
  }
  writeFileSync(
    config,
    JSON.stringify(
      {
        dataDir,
        contentDir,
        // Pinned: the market a process test sees never depends on the day it runs.
        marketData: { source: 'sim', startTime: testSimStart() },
        schedule: { interval: '1s', marketHoursOnly: false },
        watchdog: {
          heartbeatTimeout: '3s',
          checkInterval: '250ms',
          heartbeatInterval: '250ms',
          flattenRetryDelay: '500ms',
        },
        ...extra,
      },
      null,
      1,
    ),
  );
  return { dir, dataDir, config };
}

/** The command line that runs the CLI through tsx (for a shell pipeline). */
export function cliCommand(args: readonly string[]): string[] {
  return [process.execPath, '--import', TSX, CLI, ...args];
}

/** Start the CLI (through tsx) in its own process group, so a test can stop or kill it and its watchdog. */
export function startCli(args: readonly string[], cwd: string): ChildProcess & { output: () => string } {
  const [exec, ...argv] = cliCommand(args);
  const child = spawn(exec!, argv, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { output: () => out });
}

/** Run the CLI to completion. */
export async function runCli(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const child = startCli(args, cwd);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { code, output: child.output() };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false,
  timeoutMs: number,
  stepMs = 50,
): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** The pid of the watchdog holding a data dir's book (it runs in its own session: kill it yourself). */
export function watchdogPid(dataDir: string): number | null {
  const journal = openJournal({ dataDir, readonly: true });
  try {
    return journal.leases.current('watchdog')?.pid ?? null;
  } finally {
    journal.close();
  }
}

/** Stop a data dir's watchdog, if one runs (tests clean up what outlives the loop by design). */
export function killWatchdog(dataDir: string): void {
  let pid: number | null = null;
  try {
    pid = watchdogPid(dataDir);
  } catch {
    return; // no journal yet
  }
  if (pid === null || pid === process.pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
