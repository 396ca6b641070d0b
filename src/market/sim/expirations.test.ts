import { describe, expect, it } from 'vitest';
import { expiryKind, listedExpirations } from './expirations.js';

describe('listed expirations', () => {
  const tuesday = Date.parse('2026-03-10T15:00:00Z');

  it('lists eight weeks of Friday weeklies, monthlies, quarterlies and January LEAPS', () => {
    const list = listedExpirations(tuesday);
    expect(list.slice(0, 9)).toEqual([
      '2026-03-13',
      '2026-03-20',
      '2026-03-27',
      '2026-04-02',
      '2026-04-10',
      '2026-04-17',
      '2026-04-24',
      '2026-05-01',
      '2026-05-15',
    ]);
    expect(list).toContain('2026-12-18');
    expect(list).toContain('2027-01-15');
    expect(list).toContain('2027-03-19');
    expect(list[list.length - 1]).toBe('2028-01-21');
    expect(list).not.toContain('2026-05-08');
  });

  it('moves a holiday Friday to the Thursday before (Good Friday 2026)', () => {
    expect(listedExpirations(tuesday)).toContain('2026-04-02');
    expect(expiryKind('2026-04-02')).toBe('weekly');
    expect(expiryKind('2026-04-03')).toBeNull();
  });

  it('keeps an expiry listed until its 16:00 close', () => {
    expect(listedExpirations(Date.parse('2026-03-13T19:59:00Z'))[0]).toBe('2026-03-13');
    expect(listedExpirations(Date.parse('2026-03-13T20:00:00Z'))[0]).toBe('2026-03-20');
  });

  it('tells the kind of an expiry', () => {
    expect(expiryKind('2026-03-20')).toBe('quarterly');
    expect(expiryKind('2026-04-17')).toBe('monthly');
    expect(expiryKind('2027-01-15')).toBe('leap');
    expect(expiryKind('2026-03-27')).toBe('weekly');
    expect(expiryKind('2026-03-25')).toBeNull();
  });
});
