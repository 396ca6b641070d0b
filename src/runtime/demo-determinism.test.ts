import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/test-support/run-cli.js';
import { openJournal } from '../journal/index.js';
import { REPO } from './test-support/cli-process.js';

/** Cycle ids carry a per-process sequence number: the one part of an id that is not the market's. */
const withoutSequence = (text: string): string => text.replace(/(c-\d{8}T\d{9}Z)-\d{4}/g, '$1-####');

/** What a demo decided, ordered and filled, without the fields that may differ between runs. */
function record(dataDir: string): string {
  const journal = openJournal({ dataDir, readonly: true });
  try {
    const orders = journal.listOrders({ limit: 10_000 }).map((o) => ({
      id: o.clientOrderId,
      status: o.status,
      filled: o.filledQuantity,
      intent: o.intent,
    }));
    const trades = journal.queryTrades({ limit: 10_000 }).map((t) => {
      const { id: _id, ...rest } = t as unknown as Record<string, unknown>;
      return rest;
    });
    const events = journal
      .querySafetyEvents({ limit: 10_000 })
      .map((e) => ({ code: e.code, message: e.message }));
    return withoutSequence(JSON.stringify({ orders, trades, events }, null, 1));
  } finally {
    journal.close();
  }
}

async function demo(): Promise<{ dataDir: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-det-'));
  writeFileSync(
    join(dir, 'swarmdesk.config.json'),
    JSON.stringify({ contentDir: REPO, commander: { volRiskPremium: 0.5, minConfidence: 0 } }),
  );
  const r = await runCli(
    ['demo', '--cycles', '4', '--start', '2026-03-10T15:00:00Z', '--seed', '11', '--json'],
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  const summary = JSON.parse(r.stdout) as { dataDir: string; ordersAccepted: number };
  expect(summary.ordersAccepted).toBeGreaterThan(0);
  return { dataDir: summary.dataDir, stdout: withoutSequence(r.stdout.replace(summary.dataDir, '<data>')) };
}

describe('demo determinism', () => {
  it('with a pinned seed and start, two runs make the same decisions, orders and fills', async () => {
    const a = await demo();
    const b = await demo();
    const ra = record(a.dataDir);
    expect(ra).toMatch(/"status": "filled"/);
    expect(record(b.dataDir)).toEqual(ra);
    expect(b.stdout).toBe(a.stdout);
  }, 120_000);
});
