import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../journal/index.js';
import { currentBreakerState, resumeTrading, triggerCircuitBreaker } from './index.js';

const opened: Journal[] = [];
afterEach(() => opened.splice(0).forEach((j) => j.close()));
function fresh(dataDir = mkdtempSync(join(tmpdir(), 'swarmdesk-breaker-'))): Journal {
  const j = openJournal({ dataDir });
  opened.push(j);
  return j;
}

describe('triggerCircuitBreaker', () => {
  it('moves the breaker and journals BREAKER_TRIPPED in one go', () => {
    const j = fresh();
    const change = triggerCircuitBreaker(j, {
      state: 'REDUCING',
      reason: 'heartbeat stale',
      actor: 'watchdog',
      time: 1_000,
    });
    expect(change).toMatchObject({ state: 'REDUCING', previous: 'ACTIVE', actor: 'watchdog' });
    expect(currentBreakerState(j)).toMatchObject({
      state: 'REDUCING',
      actor: 'watchdog',
      reason: 'heartbeat stale',
    });
    const [event] = j.querySafetyEvents({ code: 'BREAKER_TRIPPED' });
    expect(event).toMatchObject({
      severity: 'critical',
      message: 'breaker ACTIVE -> REDUCING by watchdog: heartbeat stale',
    });
  });

  it('lets machines only tighten it: a looser or equal trip records nothing', () => {
    const j = fresh();
    triggerCircuitBreaker(j, { state: 'HALTED', reason: 'drawdown', actor: 'loss_limit', time: 1 });
    expect(
      triggerCircuitBreaker(j, { state: 'REDUCING', reason: 'later', actor: 'gate', time: 2 }),
    ).toBeNull();
    expect(
      triggerCircuitBreaker(j, { state: 'HALTED', reason: 'again', actor: 'watchdog', time: 3 }),
    ).toBeNull();
    expect(currentBreakerState(j).state).toBe('HALTED');
    expect(j.querySafetyEvents({ code: 'BREAKER_TRIPPED' })).toHaveLength(1);
  });

  it('refuses to set ACTIVE: only a person resumes', () => {
    const j = fresh();
    expect(() =>
      triggerCircuitBreaker(j, { state: 'ACTIVE' as never, reason: 'x', actor: 'gate', time: 1 }),
    ).toThrow(/resumeTrading/);
  });

  it('survives a restart, and a person resumes it with BREAKER_RESET', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-breaker-'));
    const first = fresh(dir);
    triggerCircuitBreaker(first, { state: 'HALTED', reason: 'panic', actor: 'watchdog', time: 10 });
    first.close();
    const second = fresh(dir);
    expect(currentBreakerState(second).state).toBe('HALTED');
    resumeTrading(second, { reason: 'checked the book', time: 20 });
    expect(currentBreakerState(second)).toMatchObject({ state: 'ACTIVE', actor: 'person' });
    expect(second.querySafetyEvents({ code: 'BREAKER_RESET' })[0]?.message).toBe(
      'breaker HALTED -> ACTIVE by a person: checked the book',
    );
  });
});
