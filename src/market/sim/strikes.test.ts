import { describe, expect, it } from 'vitest';
import { baseIncrement, strikeGrid } from './strikes.js';

describe('strike grids', () => {
  it('picks the standard increment for the strike level', () => {
    expect(baseIncrement(52)).toBe(0.5);
    expect(baseIncrement(100)).toBe(1);
    expect(baseIncrement(185)).toBe(2.5);
    expect(baseIncrement(430)).toBe(5);
    expect(baseIncrement(780)).toBe(10);
  });

  const input = {
    low: 180,
    high: 190,
    vol: 0.48,
    expiry: '2026-06-18',
    today: '2026-03-10',
    startDate: '2026-03-10',
  };

  it('lists every increment near the money and every second one far out, on the grid', () => {
    const grid = strikeGrid(input);
    const inc = 5; // $2.50 strikes 100 days out: every second one
    const band = grid.filter((k) => k >= 125 && k < 300);
    for (const k of band) expect(k / inc).toBeCloseTo(Math.round(k / inc), 9);
    expect(grid).toContain(185);
    expect(grid).toContain(190);
    const far = band.filter((k) => k > 190 * 1.4);
    expect(far.length).toBeGreaterThan(0);
    for (const k of far) expect((k / inc) % 2).toBe(0);
    expect([...grid].sort((a, b) => a - b)).toEqual(grid);
  });

  it('never drops a strike: as the expiry nears and prices range wider, the grid only grows', () => {
    const before = strikeGrid(input);
    const later = strikeGrid({ ...input, today: '2026-05-20', low: 150, high: 200 });
    for (const k of before) expect(later).toContain(k);
    expect(later.length).toBeGreaterThan(before.length);
  });
});

describe('strike grids across price levels', () => {
  it('steps the increment up with the strike level, each strike on its own band grid', () => {
    const grid = strikeGrid({
      low: 280,
      high: 320,
      vol: 0.3,
      expiry: '2026-04-02',
      today: '2026-03-10',
      startDate: '2026-03-10',
    });
    const below = grid.filter((k) => k < 300);
    const above = grid.filter((k) => k >= 300 && k <= 320 * 1.4);
    expect(below.every((k) => Number.isInteger(k / 2.5))).toBe(true);
    expect(above.every((k) => Number.isInteger(k / 5))).toBe(true);
    expect(grid).toContain(297.5);
    expect(grid).toContain(300);
    expect(grid).not.toContain(302.5);
    expect(grid).toContain(305);
  });
});
