import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal, saveSnapshot } from '../journal/index.js';
import { sendHeartbeat, SIM_START_FILE } from '../runtime/index.js';
import { cliCommand, killGroup, startCli, waitFor, workspace } from '../runtime/test-support/cli-process.js';
import { seedDesk } from './test-support/seed-desk.js';

/** Every file under `dir` with its mode, mtime and content hash. */
function tree(dir: string, root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) Object.assign(out, tree(path, root));
    out[relative(root, path)] = s.isDirectory()
      ? `dir ${s.mode.toString(8)}`
      : `${s.mode.toString(8)} ${s.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
  }
  return out;
}

const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Whether `nobody` can run this checkout's CLI: a clone under a private directory (`mktemp -d` is
 * 0700) cannot be read by it. Then the child runs as root, and the unchanged tree below is what
 * proves the readers wrote nothing.
 */
const nobodyCanRun = ((): boolean => {
  if (process.getuid?.() !== 0) return false;
  const [exec, ...argv] = cliCommand(['--version']);
  return spawnSync(exec!, argv, { ...NOBODY, stdio: 'ignore', cwd: tmpdir() }).status === 0;
})();

/**
 * Run the CLI as a user who cannot write the data dir where it can: as root (who writes anywhere)
 * the child runs as `nobody`, so the 0555 mode is real.
 */
async function runAsReader(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const [exec, ...argv] = cliCommand(args);
  const asNobody = nobodyCanRun ? NOBODY : {};
  const child = spawn(exec!, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...asNobody });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { code, output };
}

describe('readers write nothing', () => {
  it('status, trades, events, orders and snapshots list/show succeed on a read-only data dir and change nothing in it', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const journal = openJournal({ dataDir: ws.dataDir });
    journal.startCycle('c-20260310T150000000Z-0001', Date.now());
    const snapshot = saveSnapshot(journal, {
      cycleId: 'c-20260310T150000000Z-0001',
      time: Date.now(),
      data: { a: 1 },
    });
    journal.setBreaker({ state: 'HALTED', actor: 'person', reason: 'looking', time: Date.now() });
    journal.close();
    sendHeartbeat({ dataDir: ws.dataDir, time: Date.now(), pid: process.pid, phase: 'stopped' });
    chmodSync(ws.dir, 0o755);
    const before = tree(ws.dataDir);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([SIM_START_FILE, 'trades.db', 'paper-broker.db']),
    );
    chmodSync(join(ws.dataDir, 'snapshots'), 0o555);
    chmodSync(ws.dataDir, 0o555);
    const frozen = tree(ws.dataDir);
    try {
      const commands = [
        ['status'],
        ['status', '--json'],
        ['trades'],
        ['events'],
        ['orders'],
        ['snapshots', 'list'],
        ['snapshots', 'show', snapshot.id],
      ];
      for (const args of commands) {
        const r = await runAsReader([...args, '--config', ws.config], ws.dir);
        expect(r.code, `${args.join(' ')}: ${r.output}`).toBe(0);
      }
      const status = await runAsReader(['status', '--config', ws.config], ws.dir);
      expect(status.output).toMatch(/breaker {4}HALTED .*looking/);
      expect(status.output).toMatch(/positions {2}3 in 2 structure\(s\)/);
      expect(status.output).toMatch(/open-nvda {2}working/);
      expect(tree(ws.dataDir)).toEqual(frozen);
    } finally {
      chmodSync(ws.dataDir, 0o755);
      chmodSync(join(ws.dataDir, 'snapshots'), 0o755);
    }
  }, 120_000);

  it('status --watch redraws in place until Ctrl-C, then exits 0', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const watch = startCli(['status', '--watch', '--interval', '200ms', '--config', ws.config], ws.dir);
    try {
      const clear = '\u001b[2J\u001b[H';
      await waitFor('two redraws', () => watch.output().split(clear).length > 2, 60_000);
      const frames = watch.output().split(clear).slice(1);
      expect(frames.length).toBeGreaterThan(0);
      for (const f of frames.slice(0, -1)) expect(f).toMatch(/^mode {7}paper\n[\s\S]*Ctrl-C to stop\)\n$/);
      watch.kill('SIGINT');
      const code = await new Promise<number | null>((r) => watch.on('exit', (c) => r(c)));
      expect(code).toBe(0);
    } finally {
      killGroup(watch);
    }
  }, 120_000);
});
