import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = join(REPO, 'src', 'cli.ts');
/** tsx's loader as an absolute URL: a child's cwd (a temp workspace) cannot resolve the bare name. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A workspace with a config pointing at the repo's prompts and swarm, and fast timings for tests. */
export function workspace(extra: Record<string, unknown> = {}): {
  dir: string;
  dataDir: string;
  config: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-proc-'));
  const dataDir = join(dir, 'lake');
  mkdirSync(dataDir);
  const config = join(dir, 'swarmdesk.config.json');
  writeFileSync(
    config,
    JSON.stringify(
      {
        dataDir,
        contentDir: REPO,
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

/** Start the CLI (through tsx) in its own process group, so a test can stop or kill it and its watchdog. */
export function startCli(args: readonly string[], cwd: string): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
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
