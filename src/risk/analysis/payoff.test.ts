import { describe, expect, it } from 'vitest';
import { option, stock } from '../../domain/index.js';
import { EXP1, EXP2 } from '../test-support/fixtures.js';
import { maxLossOf, uncoveredShortPuts, type Holding } from './payoff.js';

const call = (strike: number, quantity: number, expiry = EXP1): Holding => ({
  contract: option('NVDA', expiry, strike, 'call'),
  quantity,
});
const put = (strike: number, quantity: number, expiry = EXP1): Holding => ({
  contract: option('NVDA', expiry, strike, 'put'),
  quantity,
});
const shares = (quantity: number): Holding => ({ contract: stock('NVDA'), quantity });

describe('maxLossOf', () => {
  it('is the premium for a long option', () => {
    expect(maxLossOf({ holdings: [call(100, 1)], cost: 300 })).toEqual({ bounded: true, value: 300 });
  });

  it('is strike × multiplier less the credit for a short put', () => {
    expect(maxLossOf({ holdings: [put(90, -1)], cost: -200 })).toEqual({ bounded: true, value: 8_800 });
  });

  it('is width × multiplier × quantity less the credit for a vertical', () => {
    expect(maxLossOf({ holdings: [put(95, -3), put(90, 3)], cost: -450 })).toEqual({
      bounded: true,
      value: 1_050,
    });
  });

  it('takes the worse wing of an iron condor with uneven widths', () => {
    const condor = [put(95, -1), put(90, 1), call(105, -1), call(115, 1)];
    expect(maxLossOf({ holdings: condor, cost: -250 })).toEqual({ bounded: true, value: 750 });
  });

  it('is unbounded for more short calls than long calls', () => {
    const r = maxLossOf({ holdings: [call(100, 1), call(110, -2)], cost: -50 });
    expect(r).toMatchObject({ bounded: false, slope: -100, reason: 'short_calls' });
  });

  it('counts stock as cover for a short call', () => {
    expect(maxLossOf({ holdings: [shares(100), call(110, -1)], cost: 10_000 - 200 })).toEqual({
      bounded: true,
      value: 9_800,
    });
  });

  it('bounds a calendar by its debit: a later long covers an earlier short', () => {
    expect(maxLossOf({ holdings: [call(100, -1, EXP1), call(100, 1, EXP2)], cost: 150 })).toEqual({
      bounded: true,
      value: 150,
    });
  });

  it('calls a reverse calendar unbounded: an earlier long does not cover a later short', () => {
    expect(maxLossOf({ holdings: [call(100, 1, EXP1), call(100, -1, EXP2)], cost: -150 }).bounded).toBe(
      false,
    );
  });

  it('adds the worst of later spreads to the earlier payoff', () => {
    const book = [put(95, -1, EXP1), put(90, 1, EXP1), put(95, -1, EXP2), put(90, 1, EXP2)];
    expect(maxLossOf({ holdings: book, cost: -300 })).toEqual({ bounded: true, value: 700 });
  });

  it('values later longs at intrinsic under an earlier short (a diagonal)', () => {
    expect(maxLossOf({ holdings: [put(95, -1, EXP1), put(90, 1, EXP2)], cost: -100 })).toEqual({
      bounded: true,
      value: 400,
    });
  });

  it('nets holdings per contract before judging', () => {
    expect(maxLossOf({ holdings: [call(105, -1), call(105, 1)], cost: 0 })).toEqual({
      bounded: true,
      value: 0,
    });
  });

  it('calls a book without a price unpriced', () => {
    expect(maxLossOf({ holdings: [call(100, 1)], cost: NaN })).toMatchObject({
      bounded: false,
      reason: 'unpriced',
    });
  });
});

describe('uncoveredShortPuts', () => {
  it('covers a short put with a long put of the same or a later expiry, at any strike', () => {
    expect(uncoveredShortPuts([put(95, -1), put(90, 1)])).toEqual([]);
    expect(uncoveredShortPuts([put(90, -1, EXP1), put(85, 1, EXP2)])).toEqual([]);
  });

  it('leaves a short put uncovered by a long put that expires first', () => {
    const r = uncoveredShortPuts([put(90, -1, EXP2), put(85, 1, EXP1)]);
    expect(r).toHaveLength(1);
    expect(r[0]!.shares).toBe(100);
  });

  it('uses each long once and counts what is left', () => {
    const r = uncoveredShortPuts([put(95, -2, EXP1), put(90, -1, EXP2), put(85, 2, EXP2)]);
    expect(r.reduce((s, u) => s + u.shares, 0)).toBe(100);
  });
});
