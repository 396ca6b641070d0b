import { describe, expect, it } from 'vitest';
import { QuantInputError } from './errors.js';
import { ivPercentile, ivRank } from './iv-rank.js';

describe('IV rank', () => {
  it('places current between the history minimum (0) and maximum (100)', () => {
    const history = [0.2, 0.4, 0.3, 0.25];
    expect(ivRank({ current: 0.3, history })).toBeCloseTo(50, 12);
    expect(ivRank({ current: 0.2, history })).toBe(0);
    expect(ivRank({ current: 0.4, history })).toBe(100);
  });

  it('clamps values outside the history range', () => {
    expect(ivRank({ current: 0.1, history: [0.2, 0.4] })).toBe(0);
    expect(ivRank({ current: 0.9, history: new Float64Array([0.2, 0.4]) })).toBe(100);
  });

  it('gives 50 for a flat history equal to current', () => {
    expect(ivRank({ current: 0.3, history: [0.3, 0.3] })).toBe(50);
  });

  it('refuses an empty history or non-finite values', () => {
    expect(() => ivRank({ current: 0.3, history: [] })).toThrow(QuantInputError);
    expect(() => ivRank({ current: NaN, history: [0.3] })).toThrow(/current/);
    expect(() => ivPercentile({ current: 0.3, history: [0.2, Infinity] })).toThrow(/history\[1\]/);
  });
});

describe('IV percentile', () => {
  it('is the share of history strictly below current', () => {
    const history = [0.1, 0.2, 0.3, 0.4];
    expect(ivPercentile({ current: 0.35, history })).toBe(75);
    expect(ivPercentile({ current: 0.3, history })).toBe(50);
    expect(ivPercentile({ current: 0.05, history })).toBe(0);
    expect(ivPercentile({ current: 0.5, history })).toBe(100);
  });
});
