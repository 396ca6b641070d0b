import { mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  listSnapshots,
  loadSnapshot,
  openJournal,
  pruneSnapshots,
  saveSnapshot,
  type Journal,
} from './index.js';

const opened: Journal[] = [];
function fresh(): Journal {
  const j = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-snap-')) });
  opened.push(j);
  return j;
}
afterEach(() => opened.splice(0).forEach((j) => j.close()));

describe('snapshots', () => {
  it('round-trips a cycle snapshot and records its sha256 on the cycle', () => {
    const j = fresh();
    j.startCycle('c-1', 1_700_000_000_000);
    const saved = saveSnapshot(j, {
      cycleId: 'c-1',
      time: 1_700_000_000_000,
      data: { signals: [1, 2], note: 'ok' },
    });
    expect(saved.id).toMatch(/^20231114T221320000Z-[0-9a-f]{8}$/);
    expect(j.getCycle('c-1')?.snapshotSha256).toBe(saved.sha256);
    const loaded = loadSnapshot<{ signals: number[] }>(j, saved.id);
    expect(loaded).toMatchObject({ schemaVersion: 1, cycleId: 'c-1', data: { signals: [1, 2] } });
    expect(readdirSync(join(j.dataDir, 'snapshots'))).toEqual([`${saved.id}.json`]);
  });

  it('fails clearly on a truncated or altered file', () => {
    const j = fresh();
    j.startCycle('c-1', 1);
    j.startCycle('c-2', 2);
    const a = saveSnapshot(j, { cycleId: 'c-1', time: 1, data: { x: 'a'.repeat(100) } });
    const b = saveSnapshot(j, { cycleId: 'c-2', time: 2, data: { x: 1 } });
    truncateSync(a.path, 20);
    expect(() => loadSnapshot(j, a.id)).toThrow(/truncated or altered/);
    writeFileSync(b.path, readFileSync(b.path, 'utf8').replace('"x":1', '"x":2'));
    expect(() => loadSnapshot(j, b.id)).toThrow(/truncated or altered/);
    expect(() => loadSnapshot(j, '20231114T221320000Z-00000000')).toThrow(/not found/);
    expect(() => loadSnapshot(j, '../etc/passwd')).toThrow(/not a snapshot id/);
  });

  it('never writes a secret from the environment', () => {
    const canary = 'canary-secret-snapshot-0123456789';
    const prev = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = canary;
    try {
      const j = fresh();
      j.startCycle('c-1', 1);
      const s = saveSnapshot(j, {
        cycleId: 'c-1',
        time: 1,
        data: { headers: { 'x-api-key': canary }, prompt: `key=${canary}` },
      });
      const text = readFileSync(s.path, 'utf8');
      expect(text).not.toContain(canary);
      expect(text).toContain('[REDACTED]');
    } finally {
      if (prev === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = prev;
    }
  });

  it('lists newest first, by date range and limit', () => {
    const j = fresh();
    for (let i = 1; i <= 5; i++) {
      j.startCycle(`c-${i}`, i * 1000);
      saveSnapshot(j, { cycleId: `c-${i}`, time: i * 1000, data: i });
    }
    expect(listSnapshots(j).map((s) => s.cycleId)).toEqual(['c-5', 'c-4', 'c-3', 'c-2', 'c-1']);
    expect(listSnapshots(j, { since: 2000, until: 4000 }).map((s) => s.cycleId)).toEqual(['c-3', 'c-2']);
    expect(listSnapshots(j, { limit: 2 })).toHaveLength(2);
  });
});

describe('pruning snapshots', () => {
  it('deletes the files before a time, keeps the newer ones and every journal record', () => {
    const j = fresh();
    const saved = [1, 2, 3].map((i) => {
      j.startCycle(`c-${i}`, i * 1000);
      return saveSnapshot(j, { cycleId: `c-${i}`, time: i * 1000, data: { i } });
    });
    expect(pruneSnapshots(j, 2500, { dryRun: true }).removed).toEqual([saved[1]!.id, saved[0]!.id]);
    expect(readdirSync(join(j.dataDir, 'snapshots'))).toHaveLength(3);
    const r = pruneSnapshots(j, 2500);
    expect(r.removed).toHaveLength(2);
    expect(r.bytes).toBeGreaterThan(0);
    expect(readdirSync(join(j.dataDir, 'snapshots'))).toEqual([`${saved[2]!.id}.json`]);
    expect(j.getCycle('c-1')?.snapshotSha256).toBe(saved[0]!.sha256);
    expect(() => loadSnapshot(j, saved[0]!.id)).toThrow(/not found/);
    expect(loadSnapshot(j, saved[2]!.id).data).toEqual({ i: 3 });
  });
});
