import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Lease } from '../journal/index.js';
import { judgeLoop } from './loop-state.js';

const NOW = 1_000_000;
const TIMEOUT = 60_000;
const beat = (ago: number, phase = 'idle', pid = 41) => ({ time: NOW - ago, pid, cycleId: null, phase });
const lease = (pid: number, expiresIn = 30_000): Lease => ({
  name: 'loop',
  holder: 'x',
  pid,
  host: hostname(),
  purpose: 'swarmdesk run',
  acquiredAt: NOW - 5_000,
  expiresAt: NOW + expiresIn,
});
const judge = (b: ReturnType<typeof beat> | null, alive: boolean, l: Lease | null = null) =>
  judgeLoop({ beat: b, lease: l, now: NOW, timeoutMs: TIMEOUT, isAlive: () => alive });

describe('judgeLoop', () => {
  it('a last heartbeat marked stopped is a clean stop, however old and whatever its pid', () => {
    expect(judge(beat(3_600_000, 'stopped'), false).state).toBe('stopped');
    expect(judge(beat(3_600_000, 'stopped'), true).state).toBe('stopped');
  });

  it('a live pid beating within the timeout is running; beyond it, frozen', () => {
    expect(judge(beat(1_000), true).state).toBe('running');
    expect(judge(beat(TIMEOUT + 1), true)).toMatchObject({
      state: 'frozen',
      detail: expect.stringMatching(/pid 41 is alive but its last heartbeat was 60\.0 s ago/),
    });
  });

  it('a pid that is gone without a stopped heartbeat is gone, fresh or not', () => {
    expect(judge(beat(1_000), false).state).toBe('gone');
    expect(judge(beat(TIMEOUT * 10), false).state).toBe('gone');
  });

  it('no heartbeat is none, unless a live loop holds the lease (starting: running)', () => {
    expect(judge(null, false).state).toBe('none');
    expect(judge(null, false, lease(process.pid)).state).toBe('running');
    expect(judge(null, false, lease(process.pid, -1)).state).toBe('none');
    // A new run holding the lease after an earlier run stopped cleanly.
    expect(judge(beat(5_000, 'stopped', 41), true, lease(process.pid)).state).toBe('running');
  });
});
