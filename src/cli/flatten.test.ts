import { describe, expect, it } from 'vitest';
import { contractKey } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { workspace } from '../runtime/test-support/cli-process.js';
import type { StatusReport } from './book/status-report.js';
import { seedDesk } from './test-support/seed-desk.js';
import { runCli } from './test-support/run-cli.js';

async function held(ws: { dir: string; config: string }): Promise<[string, number][]> {
  const r = await runCli(['status', '--json', '--config', ws.config], { cwd: ws.dir });
  return (JSON.parse(r.stdout) as StatusReport).positions.map((p) => [p.key, p.quantity]);
}

describe('swarmdesk flatten', () => {
  it('--dry-run prints the closing plan with prices — the vertical as one combo — and sends nothing', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const before = await held(ws);
    const r = await runCli(['flatten', '--underlying', 'NVDA', '--dry-run', '--config', ws.config], {
      cwd: ws.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^dry run: nothing sent\n/);
    expect(r.stdout).toMatch(/would cancel 1 working order\(s\) on NVDA: open-nvda\n/);
    expect(r.stdout).toContain(
      `  1. buy 1 ${contractKey(desk.shortPut)} / sell 1 ${contractKey(desk.longPut)} @ `,
    );
    expect(r.stdout).toMatch(/ @ \d+\.\d\d (debit|credit) \(net mid -?\d+\.\d\d\)\n$/);
    const json = JSON.parse(
      (await runCli(['flatten', '--dry-run', '--json', '--config', ws.config], { cwd: ws.dir })).stdout,
    ) as { orders: { legs: string; limitPrice: number | null }[] };
    expect(json.orders).toHaveLength(2);
    for (const o of json.orders) expect(o.limitPrice).toBeGreaterThan(0);
    expect(await held(ws)).toEqual(before);
    const journal = openJournal({ dataDir: ws.dataDir, readonly: true });
    try {
      expect(journal.querySafetyEvents()).toEqual([]);
    } finally {
      journal.close();
    }
  });

  it('closes one underlying through the closing path (each order reducing-only, journaled with who and why), leaving the rest', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const r = await runCli(
      ['flatten', '--underlying', 'AMD', '--reason', 'earnings tonight', '--config', ws.config],
      {
        cwd: ws.dir,
      },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PANIC_CLOSE_STARTED +flattening AMD by a person: earnings tonight\n/);
    expect(r.stdout).toMatch(/CANCEL_ALL +cancelled 2 working order\(s\) on AMD\n/);
    expect(r.stdout).toMatch(/PANIC_CLOSE_DONE +AMD is flat after \d attempt\(s\)/);
    expect(r.stdout).toMatch(/breaker ACTIVE: the loop may open positions again/);
    expect(await held(ws)).toEqual([
      [contractKey(desk.longPut), 1],
      [contractKey(desk.shortPut), -1],
    ]);
    const journal = openJournal({ dataDir: ws.dataDir, readonly: true });
    try {
      const closing = journal.listOrders().filter((o) => o.clientOrderId.startsWith('fl-'));
      expect(closing.length).toBeGreaterThan(0);
      for (const o of closing) {
        expect(o).toMatchObject({ origin: 'manual', underlying: 'AMD', status: 'filled' });
        expect(o.intent.rationale).toBe('manual flatten: earnings tonight');
      }
      expect(journal.querySafetyEvents({ code: 'PANIC_CLOSE_STARTED' })[0]?.details).toEqual({
        actor: 'person',
        underlying: 'AMD',
      });
      expect(journal.getOrder('open-nvda' as never)?.status).toBe('working');
    } finally {
      journal.close();
    }
  });
});
