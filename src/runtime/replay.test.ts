import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { openJournal } from '../journal/index.js';
import { runDemo } from './demo.js';
import { replayDecision } from './replay.js';
import { REPO } from './test-support/cli-process.js';

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
