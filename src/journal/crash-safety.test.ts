import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSnapshot, openJournal } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'test-support', 'crash-writer.ts');

/** Deterministic kill delays (mulberry32), so a failing run can be reproduced by its index. */
function delays(seed: number, n: number): number[] {
  let a = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push(5 + (((t ^ (t >>> 14)) >>> 0) % 200));
  }
  return out;
}

interface Acks {
  trades: string[];
  events: string[];
  snapshots: string[];
}

function runAndKill(dataDir: string, run: number, killAfterMs: number): Promise<Acks> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, String(run)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited without being killed: ${err}`));
      // Only complete lines are acks: a line cut by the kill was never fully reported.
      const lines = out.split('\n').slice(0, -1);
      resolve({
        trades: lines.filter((l) => l.startsWith('T ')).map((l) => l.slice(2)),
        events: lines.filter((l) => l.startsWith('E ')).map((l) => l.slice(2)),
        snapshots: lines.filter((l) => l.startsWith('S ')).map((l) => l.slice(2)),
      });
    });
  });
}

describe('journal under SIGKILL', () => {
  it('keeps every acknowledged record, no half record, and no partial snapshot under a final name', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-crash-'));
    const acked: Acks = { trades: [], events: [], snapshots: [] };
    const plan = delays(20261124, 12);
    for (const [run, delay] of plan.entries()) {
      const a = await runAndKill(dataDir, run, delay);
      acked.trades.push(...a.trades);
      acked.events.push(...a.events);
      acked.snapshots.push(...a.snapshots);
    }
    expect(acked.trades.length).toBeGreaterThan(12);

    const journal = openJournal({ dataDir });
    try {
      expect(journal.integrityCheck()).toBe('ok');
      const trades = journal.queryTrades({ limit: 100_000 });
      const stored = new Set(trades.map((t) => t.contract));
      for (const key of acked.trades) expect(stored.has(key), `acked trade ${key} lost`).toBe(true);
      for (const t of trades) {
        expect(t.legs).toEqual([{ contract: t.contract, side: 'buy', ratio: 1 }]);
        expect(t.clientOrderId).toBe(`o-${t.contract}`);
        expect(t.price).toBe(1.25);
      }
      const events = new Set(journal.querySafetyEvents({ limit: 100_000 }).map((e) => e.message));
      for (const key of acked.events) expect(events.has(key), `acked event ${key} lost`).toBe(true);
      for (const id of acked.snapshots) expect(loadSnapshot(journal, id).id).toBe(id);
      // A file under its final name is always whole, even when the kill came before the journal recorded it.
      const finals = readdirSync(join(dataDir, 'snapshots')).filter((f) => !f.startsWith('.'));
      for (const f of finals) {
        const doc = JSON.parse(readFileSync(join(dataDir, 'snapshots', f), 'utf8')) as {
          data: { pad: string };
        };
        expect(doc.data.pad).toHaveLength(20_000);
      }
    } finally {
      journal.close();
    }
  });
});
