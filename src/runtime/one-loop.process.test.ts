import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { killGroup, runCli, startCli, waitFor, workspace } from './test-support/cli-process.js';

const started: ChildProcess[] = [];
afterEach(() => started.splice(0).forEach((c) => killGroup(c)));

describe('one loop per book (real processes)', () => {
  it('refuses a second `run` on the same data dir, naming the first; after the first is killed, a new one starts', async () => {
    const ws = workspace();
    const first = startCli(['run', '--config', ws.config, '--interval', '1s', '--no-watchdog'], ws.dir);
    started.push(first);
    await waitFor('the first loop to cycle', () => /^cycle /m.test(first.output()), 60_000);

    const second = await runCli(['run', '--config', ws.config, '--cycles', '1', '--no-watchdog'], ws.dir);
    expect(second.code).toBe(1);
    expect(second.output).toMatch(
      new RegExp(`another main loop already runs on .*: swarmdesk run \\(pid ${first.pid} on `),
    );
    expect(second.output).not.toMatch(/^cycle /m);

    killGroup(first, 'SIGKILL');
    await new Promise((r) => first.on('exit', r));
    // The dead loop's lease is taken over at once (its process is gone), not after it expires.
    const third = await runCli(['run', '--config', ws.config, '--cycles', '1', '--no-watchdog'], ws.dir);
    expect(third.output).toMatch(/stopped \(max_cycles\) after 1 cycle/);
  }, 120_000);
});
