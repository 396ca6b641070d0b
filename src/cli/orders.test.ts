import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER_BROKER_FILE } from '../broker/paper/index.js';
import { workspace } from '../runtime/test-support/cli-process.js';
import type { WorkingOrderView } from './book/working-orders.js';
import { seedDesk } from './test-support/seed-desk.js';
import { runCli } from './test-support/run-cli.js';

interface OrdersJson {
  broker: { available: boolean; problem: string | null };
  orders: WorkingOrderView[];
}

describe('swarmdesk orders', () => {
  it('lists the broker’s working orders with client id, structure, limit, filled/remaining, age, origin and status history', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const r = await runCli(['orders', '--json', '--config', ws.config], { cwd: ws.dir });
    expect(r.code).toBe(0);
    const { broker, orders } = JSON.parse(r.stdout) as OrdersJson;
    expect(broker.available).toBe(true);
    const close = orders.find((o) => o.clientOrderId === desk.closingId)!;
    expect(close).toMatchObject({
      seenBy: 'broker',
      status: 'working',
      structure: `sell 1 AMD ${desk.amdCall.expiry} ${desk.amdCall.strike} C`,
      priceEffect: 'credit',
      quantity: 1,
      filled: 0,
      remaining: 1,
      origin: 'manual',
    });
    expect(close.ageMs).toBeGreaterThanOrEqual(0);
    expect(close.history.map((h) => h.status)).toEqual(['pending_submit', 'working']);
    const text = await runCli(['orders', '--config', ws.config], { cwd: ws.dir });
    expect(text.stdout).toMatch(
      /close-amd {2}working {2}1 × sell 1 AMD .* @ \d+\.\d\d credit {2}filled 0\/1 \(remaining 1\) {2}age [\d.]+ s {2}origin manual\n {2}history: pending_submit .* → working/,
    );
  });

  it('lists an order the journal holds as pending_submit that the broker does not list', async () => {
    const ws = workspace();
    const desk = await seedDesk(ws.dataDir);
    const { orders } = JSON.parse(
      (await runCli(['orders', '--json', '--config', ws.config], { cwd: ws.dir })).stdout,
    ) as OrdersJson;
    expect(orders.find((o) => o.clientOrderId === desk.pendingId)).toMatchObject({
      seenBy: 'journal',
      status: 'pending_submit',
      history: [expect.objectContaining({ status: 'pending_submit' })],
    });
    expect(
      orders
        .filter((o) => o.seenBy === 'broker')
        .map((o) => o.clientOrderId)
        .sort(),
    ).toEqual([...desk.openingIds, desk.closingId].sort());
  });

  it('with the broker unreadable lists the journal’s open orders, says so and exits 3', async () => {
    const ws = workspace();
    await seedDesk(ws.dataDir);
    writeFileSync(join(ws.dataDir, PAPER_BROKER_FILE), 'garbage');
    const r = await runCli(['orders', '--config', ws.config], { cwd: ws.dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^broker paper unavailable: .*; the journal's open orders:\n/);
    expect(r.stdout).toMatch(/open-nvda {2}working .*journal only/);
  });
});
