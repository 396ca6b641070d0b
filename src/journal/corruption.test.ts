import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from './journal.js';
import { JournalError } from './errors.js';

function journalWithRows(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-corrupt-'));
  const journal = openJournal({ dataDir });
  for (let i = 0; i < 400; i++)
    journal.logSafetyEvent({
      time: i,
      severity: 'info',
      code: 'CANCEL_ALL',
      message: `event ${i} ${'x'.repeat(200)}`,
    });
  journal.close(); // checkpoints the WAL into trades.db
  return dataDir;
}

function overwrite(file: string, from: number, length: number, byte = 0xa5): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, byte), 0, length, from);
  } finally {
    closeSync(fd);
  }
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

describe('a damaged journal', () => {
  it('names the file and the remedy when a page is damaged, instead of "database disk image is malformed"', () => {
    const dataDir = journalWithRows();
    const file = join(dataDir, 'trades.db');
    const pages = statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(10);
    overwrite(file, 4096 * Math.floor(pages / 2), 4096 * 3);
    const error = thrownBy(() => {
      const journal = openJournal({ dataDir, readonly: true });
      try {
        return journal.querySafetyEvents({ limit: 10_000 });
      } finally {
        journal.close();
      }
    });
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).code).toBe('JOURNAL_CORRUPT');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/PRAGMA integrity_check.*restore it from a backup.*snapshots/s);
  });

  it('says the same when the file is not a database at all', () => {
    const dataDir = journalWithRows();
    overwrite(join(dataDir, 'trades.db'), 0, 100);
    const error = thrownBy(() => openJournal({ dataDir }).close());
    expect(error).toBeInstanceOf(JournalError);
    expect((error as Error).message).toMatch(/journal .*trades\.db is damaged/);
  });
});
