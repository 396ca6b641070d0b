import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal } from './index.js';

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      `${statSync(join(dir, f)).mtimeMs}:${readFileSync(join(dir, f)).toString('base64')}`,
    ]),
  );
}

describe('a read-only journal', () => {
  it('reads a closed journal without creating or changing any file in its data dir', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-ro-'));
    const writer = openJournal({ dataDir });
    writer.setBreaker({ state: 'HALTED', actor: 'person', reason: 'checking', time: 1 });
    writer.close();
    const before = listing(dataDir);
    expect(Object.keys(before)).toEqual([JOURNAL_FILE]);
    const reader = openJournal({ dataDir, readonly: true });
    expect(reader.breakerStatus()).toMatchObject({ state: 'HALTED', reason: 'checking' });
    expect(() => reader.setBreaker({ state: 'ACTIVE', actor: 'person', reason: 'no', time: 2 })).toThrow(
      /readonly/i,
    );
    reader.close();
    expect(listing(dataDir)).toEqual(before);
  });

  it('sees what an open writer has committed (still in its WAL)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-ro-'));
    const writer = openJournal({ dataDir });
    try {
      writer.setBreaker({ state: 'REDUCING', actor: 'person', reason: 'first', time: 1 });
      const reader = openJournal({ dataDir, readonly: true });
      expect(reader.breakerStatus().reason).toBe('first');
      writer.setBreaker({ state: 'HALTED', actor: 'person', reason: 'second', time: 2 });
      expect(reader.breakerStatus().reason).toBe('second');
      reader.close();
    } finally {
      writer.close();
    }
  });

  it('refuses a data dir with no journal, naming the file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-ro-'));
    expect(() => openJournal({ dataDir, readonly: true })).toThrow(
      new RegExp(`cannot open journal .*${JOURNAL_FILE}`),
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
