import { describe, expect, it } from 'vitest';
import { sessionOn } from './calendar.js';
import { SessionTimeline } from './session-timeline.js';

describe('session timeline', () => {
  // Friday 2026-03-13, then the weekend, then Monday 2026-03-16.
  const timeline = new SessionTimeline(sessionOn('2026-03-13')!, 60_000);
  const fridayOpen = Date.parse('2026-03-13T13:30:00Z');
  const mondayOpen = Date.parse('2026-03-16T13:30:00Z');

  it('numbers steps through sessions, skipping the nights and weekends', () => {
    expect(timeline.stepTime(0)).toBe(fridayOpen);
    expect(timeline.stepTime(389)).toBe(fridayOpen + 389 * 60_000);
    expect(timeline.stepTime(390)).toBe(mondayOpen);
    expect(timeline.isSessionStart(390)).toBe(true);
    expect(timeline.isSessionStart(389)).toBe(false);
    expect(timeline.isSessionStart(0)).toBe(false);
  });

  it('holds the last step of a session while the exchange is closed', () => {
    expect(timeline.stepAt(fridayOpen + 90_500)).toBe(1);
    expect(timeline.stepAt(Date.parse('2026-03-14T12:00:00Z'))).toBe(389);
    expect(timeline.stepAt(mondayOpen)).toBe(390);
    expect(timeline.stepAt(fridayOpen - 1)).toBe(0);
  });

  it('maps session time to instants, jumping from a close to the next open', () => {
    expect(timeline.epochAtTradingMs(0)).toBe(fridayOpen);
    expect(timeline.epochAtTradingMs(390 * 60_000 - 1)).toBe(fridayOpen + 390 * 60_000 - 1);
    expect(timeline.epochAtTradingMs(390 * 60_000)).toBe(mondayOpen);
  });
});
