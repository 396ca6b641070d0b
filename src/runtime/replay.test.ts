import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import type { OrderIntent } from '../domain/index.js';
import { loadSnapshot, openJournal } from '../journal/index.js';
import { replayGate, type GateResult } from '../risk/index.js';
import { runDemo } from './demo.js';
import { replayDecision } from './replay.js';
import { ALWAYS_SELLS_INSTANCE, REPO, workspace } from './test-support/cli-process.js';

describe('replay', () => {
  it('recomputes each cycle’s decision from its snapshot, and refuses an altered snapshot', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-replay-'));
    const config = parseConfig({
      dataDir,
      contentDir: REPO,
      commander: { volRiskPremium: 0.5, minConfidence: 0 },
    });
    const summary = await runDemo({
      config,
      cycles: 2,
      stepMs: 30 * 60_000,
      env: {},
      now: Date.parse('2026-11-24T15:00:00Z'),
      start: '2026-11-24T15:00:00Z',
      print: () => undefined,
      dataDir,
    });
    expect(summary.cycles).toBe(2);
    const journal = openJournal({ dataDir });
    try {
      const cycles = journal.listCycles({ withSnapshot: true });
      expect(cycles).toHaveLength(2);
      const results = cycles.map((c) => replayDecision(journal, c.snapshotId!, config.commander));
      for (const r of results) {
        expect(r.replayed).not.toBeNull();
        expect(r.matches).toBe(true);
      }
      const traded = results.find((r) => r.recorded?.kind === 'trade');
      expect(traded).toBeDefined();
      // Different sizing options give a different decision: the comparison can fail.
      const other = replayDecision(journal, traded!.snapshotId, { ...config.commander, kellyCap: 0.0001 });
      expect(other.matches).toBe(false);
      const path = join(dataDir, 'snapshots', `${traded!.snapshotId}.json`);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"kind":"trade"', '"kind":"no_trade"'));
      expect(() => replayDecision(journal, traded!.snapshotId, config.commander)).toThrow(
        /truncated or altered/,
      );
    } finally {
      journal.close();
    }
  }, 60_000);
});

describe('replaying the gate', () => {
  it('reproduces every gate verdict of 20 recorded cycles, check by check; an altered context shows as a difference', async () => {
    const ws = workspace({}, { instances: [ALWAYS_SELLS_INSTANCE] });
    const dataDir = ws.dataDir;
    const config = parseConfig({
      dataDir,
      contentDir: join(ws.dir, 'content'),
      commander: { volRiskPremium: 0.5, minConfidence: 0, maxIntentsPerCycle: 5 },
      // Tight enough that the gate refuses some of what the Commander proposes.
      risk: { maxOpenOrders: 1 },
    });
    const summary = await runDemo({
      config,
      cycles: 20,
      stepMs: 30 * 60_000,
      env: {},
      now: Date.parse('2026-03-10T15:00:00Z'),
      start: '2026-03-10T15:00:00Z',
      seed: 5,
      print: () => undefined,
      dataDir,
    });
    expect(summary.cycles).toBe(20);
    const journal = openJournal({ dataDir });
    try {
      const cycles = journal.listCycles({ withSnapshot: true });
      expect(cycles).toHaveLength(20);
      const results = cycles.map((c) => replayDecision(journal, c.snapshotId!, config.commander));
      const verdicts = results.flatMap((r) => r.gate);
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.some((g) => g.recordedAccepted)).toBe(true);
      expect(verdicts.some((g) => !g.recordedAccepted)).toBe(true);
      for (const g of verdicts) {
        expect(g.differences).toEqual([]);
        expect(g.replayedAccepted).toBe(g.recordedAccepted);
      }
      expect(results.every((r) => r.gateMatches)).toBe(true);

      // The same order judged on an altered context (a tighter per-order limit): reported, check by check.
      const snap = loadSnapshot<{
        orders: {
          intent: OrderIntent;
          outcome: GateResult;
          gateContext: { limits: Record<string, unknown> };
        }[];
      }>(
        journal,
        cycles.find((c) =>
          replayDecision(journal, c.snapshotId!, config.commander).gate.some((g) => g.recordedAccepted),
        )!.snapshotId!,
      );
      const order = snap.data.orders.find((o) => o.outcome.accepted)!;
      const altered = {
        ...order.gateContext,
        limits: { ...order.gateContext.limits, maxContractsPerOrder: 0 },
      };
      const replay = replayGate(order.intent, altered, order.outcome);
      expect(replay.replayedAccepted).toBe(false);
      expect(replay.differences.map((d) => d.check)).toContain('size-contracts');
    } finally {
      journal.close();
    }
  }, 120_000);
});
