import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal/index.js';
import { checkHeartbeat, processAlive, readHeartbeat, sendHeartbeat } from './heartbeat.js';

describe('heartbeat', () => {
  it('writes the file and the journal, and judges age against the timeout', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-hb-'));
    const journal = openJournal({ dataDir });
    sendHeartbeat({ dataDir, time: 10_000, pid: process.pid, cycleId: 'c-1', phase: 'think', journal });
    expect(readHeartbeat(dataDir)).toEqual({
      time: 10_000,
      pid: process.pid,
      cycleId: 'c-1',
      phase: 'think',
    });
    expect(journal.lastBeat('main')).toMatchObject({ time: 10_000, pid: process.pid, detail: 'think' });
    expect(checkHeartbeat({ dataDir, now: 70_000, timeoutMs: 60_000 })).toEqual({
      status: 'ok',
      ageMs: 60_000,
      pid: process.pid,
    });
    expect(checkHeartbeat({ dataDir, now: 70_001, timeoutMs: 60_000 }).status).toBe('stale');
    expect(checkHeartbeat({ dataDir, now: 10_001, timeoutMs: 60_000, isAlive: () => false }).status).toBe(
      'process_gone',
    );
    sendHeartbeat({ dataDir, time: 20_000, pid: process.pid, phase: 'stopped' });
    expect(checkHeartbeat({ dataDir, now: 999_999, timeoutMs: 60_000, isAlive: () => false }).status).toBe(
      'stopped',
    );
    journal.close();
  });

  it('treats a missing or unreadable heartbeat as missing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-hb-'));
    expect(checkHeartbeat({ dataDir, now: 1, timeoutMs: 1 })).toEqual({ status: 'missing' });
    writeFileSync(join(dataDir, 'heartbeat'), '{"time": "soon"');
    expect(readHeartbeat(dataDir)).toBeNull();
  });

  it('knows whether a process exists', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });
});
