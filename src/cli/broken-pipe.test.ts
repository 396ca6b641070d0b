import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedBook } from '../runtime/test-support/seed-book.js';
import { cliCommand, startCli, waitFor, workspace } from '../runtime/test-support/cli-process.js';

describe('a closed output pipe', () => {
  it('ends `swarmdesk status | true` quietly: exit 0, no stack trace', async () => {
    const ws = workspace();
    await seedBook(ws.dataDir);
    // The reader (`true`) is gone before the CLI writes its first line.
    const errors = join(ws.dir, 'stderr');
    const shell = spawn(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `"$0" "$@" 2>"${errors}" | true`,
        ...cliCommand(['status', '--config', ws.config]),
      ],
      { cwd: ws.dir, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((r) => shell.on('exit', (c) => r(c)));
    expect(readFileSync(errors, 'utf8')).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('a watchdog refuses to start on a book another watchdog holds, naming it', async () => {
    const ws = workspace();
    const first = startCli(['watchdog', '--config', ws.config], ws.dir);
    try {
      await waitFor(
        'the first watchdog',
        () => /watchdog \d+: heartbeat timeout/.test(first.output()),
        30_000,
      );
      const second = startCli(['watchdog', '--config', ws.config], ws.dir);
      const code = await new Promise<number | null>((r) => second.on('exit', (c) => r(c)));
      expect(code).toBe(1);
      expect(second.output()).toMatch(
        new RegExp(`a watchdog already watches .*: swarmdesk watchdog \\(pid ${first.pid} on `),
      );
    } finally {
      first.kill('SIGTERM');
    }
  }, 60_000);
});
