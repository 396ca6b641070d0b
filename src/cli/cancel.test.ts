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

describe('swarmdesk cancel', () => {
  it('cancels one working order through the broker, journals who and why, and prints what it cancelled', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const r = await runCli(['cancel', 'open-nvda', '--reason', 'stale idea', '--config', ws.config], {
      cwd: ws.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cancelled {2}open-nvda {2}1 × buy 1 NVDA .* @ 0\.05 debit {2}filled 0\/1\n$/);
    expect(await working(ws)).toEqual(['close-amd', 'open-amd']);
    const journal = openJournal({ dataDir: ws.dataDir, readonly: true });
    try {
      const [event] = journal.querySafetyEvents({ code: 'CANCEL_ORDER' });
      expect(event).toMatchObject({
        clientOrderId: 'open-nvda',
        message: 'open-nvda cancelled by a person: stale idea',
        details: { actor: 'person', reason: 'stale idea', status: 'cancelled' },
      });
      expect(journal.getOrder('open-nvda' as never)?.status).toBe('cancelled');
    } finally {
      journal.close();
    }
  });

  it('--all --underlying cancels only that underlying’s orders, journaled as one CANCEL_ALL', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const r = await runCli(['cancel', '--all', '--underlying', 'amd', '--json', '--config', ws.config], {
      cwd: ws.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { cancelled: { clientOrderId: string; status: string }[] };
    expect(out.cancelled.map((c) => [c.clientOrderId, c.status]).sort()).toEqual([
      ['close-amd', 'cancelled'],
      ['open-amd', 'cancelled'],
    ]);
    expect(await working(ws)).toEqual(['open-nvda']);
    const journal = openJournal({ dataDir: ws.dataDir, readonly: true });
    try {
      expect(journal.querySafetyEvents({ code: 'CANCEL_ALL' })).toEqual([
        expect.objectContaining({
          message: 'cancelled 2 working order(s) on AMD by a person: manual cancel',
          details: expect.objectContaining({ actor: 'person', underlying: 'AMD' }),
        }),
      ]);
    } finally {
      journal.close();
    }
    const all = await runCli(['cancel', '--all', '--config', ws.config], { cwd: ws.dir });
    expect(all.stdout).toMatch(/^cancelled {2}open-nvda/);
    expect(await working(ws)).toEqual([]);
    expect((await runCli(['cancel', '--all', '--config', ws.config], { cwd: ws.dir })).stdout).toBe(
      'no working orders: nothing to cancel\n',
    );
  });

  it('refuses an order that is not working (exit 1) and bad usage (exit 2)', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    const unknown = await runCli(['cancel', 'nope-1', '--config', ws.config], { cwd: ws.dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/cancel nope-1: no order with this id at the broker or in the journal/);
    const filled = await runCli(['cancel', 'seed-amd', '--config', ws.config], { cwd: ws.dir });
    expect(filled.code).toBe(1);
    expect(filled.stderr).toMatch(/already filled/);
    const pending = await runCli(['cancel', 'pending-nvda', '--config', ws.config], { cwd: ws.dir });
    expect(pending.code).toBe(1);
    expect(pending.stderr).toMatch(/the journal holds it as pending_submit/);
    for (const args of [
      ['cancel'],
      ['cancel', 'open-nvda', '--all'],
      ['cancel', 'open-nvda', '--underlying', 'NVDA'],
      ['cancel', 'bad id!'],
    ])
      expect((await runCli([...args, '--config', ws.config], { cwd: ws.dir })).code, args.join(' ')).toBe(2);
    expect(await working(ws)).toEqual(['close-amd', 'open-amd', 'open-nvda']);
  });
});
