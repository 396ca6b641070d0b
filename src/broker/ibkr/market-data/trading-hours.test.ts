import { describe, expect, it } from 'vitest';
import { clockFromSessions, parseTradingHours } from './trading-hours.js';

const HOURS = '20260310:0930-20260310:1600;20260311:CLOSED;20260312:0930-20260312:1300';

describe('IB trading hours as a market clock', () => {
  it('parses sessions in New York time and skips closed days', () => {
    const s = parseTradingHours(HOURS);
    expect(s).toEqual([
      { open: Date.parse('2026-03-10T13:30:00Z'), close: Date.parse('2026-03-10T20:00:00Z') },
      { open: Date.parse('2026-03-12T13:30:00Z'), close: Date.parse('2026-03-12T17:00:00Z') },
    ]);
  });

  it('is open inside a session, closed between, knows early closes, and gives up past the list', () => {
    const s = parseTradingHours(HOURS);
    const open = clockFromSessions(s, Date.parse('2026-03-10T15:00:00Z'))!;
    expect(open).toMatchObject({
      isOpen: true,
      nextOpen: s[0]!.open,
      nextClose: s[0]!.close,
      earlyClose: false,
    });
    const between = clockFromSessions(s, Date.parse('2026-03-11T15:00:00Z'))!;
    expect(between).toMatchObject({ isOpen: false, nextOpen: s[1]!.open, earlyClose: true });
    expect(clockFromSessions(s, Date.parse('2026-03-13T15:00:00Z'))).toBeNull();
  });
});
