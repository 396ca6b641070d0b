import { describe, expect, it } from 'vitest';
import { runCli, workspace } from '../runtime/test-support/cli-process.js';
import { seedDesk } from './test-support/seed-desk.js';

describe('swarmdesk run on exit', () => {
  it('says which orders it leaves working, a line per order', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const r = await runCli(['run', '--cycles', '1', '--no-watchdog', '--config', ws.config], ws.dir);
    expect(r.output).toMatch(
      /stopped \(max_cycles\) after 1 cycle\(s\)\nleaves \d+ order\(s\) working \(`swarmdesk cancel --all` cancels them\):\n/,
    );
    const lines = r.output
      .split('\n')
      .filter((l) => /^ {2}\S+ {2}(working|submitted|partially_filled|pending_submit)/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const id of [...desk.openingIds, desk.closingId])
      expect(
        lines.some((l) => l.startsWith(`  ${id}  working  1 × `)),
        id,
      ).toBe(true);
    expect(r.code).toBe(0);
  }, 120_000);
});
