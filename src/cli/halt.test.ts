import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal/index.js';
import { workspace } from '../runtime/test-support/cli-process.js';
import type { WorkingOrderView } from './book/working-orders.js';
import { seedDesk } from './test-support/seed-desk.js';
import { runCli } from './test-support/run-cli.js';

async function working(ws: { dir: string; config: string }): Promise<string[]> {
  const r = await runCli(['orders', '--json', '--config', ws.config], { cwd: ws.dir });
  return (JSON.parse(r.stdout) as { orders: WorkingOrderView[] }).orders
    .filter((o) => o.seenBy === 'broker')
    .map((o) => o.clientOrderId)
    .sort();
}

describe('swarmdesk halt and working orders', () => {
  it('cancels the working opening orders, leaves the closing one, and journals who and why for each', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const r = await runCli(['halt', '--reason', 'vol spike', '--config', ws.config], { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^breaker HALTED \(was ACTIVE\): vol spike\n/);
    expect(r.stdout).toMatch(/cancelled opening order open-nvda {2}1 × buy 1 NVDA/);
    expect(r.stdout).toMatch(/cancelled opening order open-amd /);
    expect(r.stdout).toMatch(/left working \(closing\) close-amd {2}1 × sell 1 AMD/);
    expect(await working(ws)).toEqual(['close-amd']);
    const journal = openJournal({ dataDir: ws.dataDir, readonly: true });
    try {
      const events = journal.querySafetyEvents({ code: 'CANCEL_ORDER' });
      expect(events.map((e) => e.clientOrderId).sort()).toEqual(['open-amd', 'open-nvda']);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        expect(e.message).toMatch(/\(an opening order\) cancelled by a person's halt: vol spike$/);
        expect(e.details).toMatchObject({ actor: 'person', reason: 'vol spike', via: 'halt' });
      }
      expect(journal.breakerStatus()).toMatchObject({
        state: 'HALTED',
        actor: 'person',
        reason: 'vol spike',
      });
    } finally {
      journal.close();
    }
  });

  it('--keep-orders leaves every working order working', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const r = await runCli(
      ['halt', '--reducing', '--reason', 'earnings', '--keep-orders', '--json', '--config', ws.config],
      {
        cwd: ws.dir,
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      changed: true,
      ordersKept: true,
      cancelled: [],
      breaker: { state: 'REDUCING' },
    });
    expect(await working(ws)).toEqual(['close-amd', 'open-amd', 'open-nvda']);
  });
});
