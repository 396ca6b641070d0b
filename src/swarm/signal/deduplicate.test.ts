import { describe, expect, it } from 'vitest';
import type { InstanceId, Signal, SignalLeg } from '../../domain/index.js';
import { deduplicateSignals } from './deduplicate.js';

const leg = (
  right: 'call' | 'put',
  strike: number,
  side: 'buy' | 'sell',
  expiry = '2026-12-29',
): SignalLeg => ({ right, strike, expiry, side, ratio: 1 });

function signal(instance: string, over: Partial<Signal> = {}): Signal {
  return {
    instanceId: instance as InstanceId,
    underlying: 'NVDA',
    strategy: 'put_credit_spread',
    action: 'open',
    view: 'bullish',
    legs: [leg('put', 160, 'sell'), leg('put', 150, 'buy')],
    limitPrice: 2.08,
    priceEffect: 'credit',
    confidence: 0.6,
    thesis: 't',
    horizonDays: 21,
    ...over,
  };
}

describe('deduplicateSignals', () => {
  it('merges the same trade from several instances, whatever the leg order, into one consensus', () => {
    const out = deduplicateSignals([
      signal('b', { confidence: 0.5 }),
      signal('a', {
        confidence: 0.8,
        legs: [leg('put', 150, 'buy'), leg('put', 160, 'sell')],
        strategy: 'bull_put',
      }),
      signal('c', { confidence: 0.2 }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ agreement: 3, instanceIds: ['a', 'b', 'c'], conflictsWith: [] });
    expect(out[0]!.confidence.mean).toBeCloseTo(0.5, 12);
    expect(out[0]!.confidence).toMatchObject({ min: 0.2, max: 0.8 });
    expect(out[0]!.signal.instanceId).toBe('a');
  });

  it('counts an instance once even if it proposed the trade twice', () => {
    const out = deduplicateSignals([signal('a', { confidence: 0.3 }), signal('a', { confidence: 0.9 })]);
    expect(out[0]).toMatchObject({ agreement: 1, confidence: { mean: 0.9, min: 0.9, max: 0.9 } });
  });

  it('keeps trades apart that differ in strike, expiry, right, ratio, action or underlying', () => {
    const variants = [
      signal('a'),
      signal('b', { legs: [leg('put', 155, 'sell'), leg('put', 150, 'buy')] }),
      signal('c', { legs: [leg('put', 160, 'sell', '2027-01-08'), leg('put', 150, 'buy', '2027-01-08')] }),
      signal('d', { legs: [leg('call', 160, 'sell'), leg('call', 150, 'buy')] }),
      signal('e', { legs: [{ ...leg('put', 160, 'sell'), ratio: 2 }, leg('put', 150, 'buy')] }),
      signal('f', { action: 'close' }),
      signal('g', { underlying: 'AMD' }),
    ];
    expect(deduplicateSignals(variants)).toHaveLength(7);
  });

  it('keeps opposite trades on one underlying visible as a conflict, both ways', () => {
    const sell = signal('a');
    const buy = signal('b', {
      legs: [leg('put', 160, 'buy'), leg('put', 150, 'sell')],
      priceEffect: 'debit',
      view: 'bearish',
    });
    const out = deduplicateSignals([sell, buy]);
    expect(out).toHaveLength(2);
    const [x, y] = out;
    expect(x!.conflictsWith).toEqual([y!.key]);
    expect(y!.conflictsWith).toEqual([x!.key]);
  });

  it('flags opposite views on the same underlying, but not on another one', () => {
    const bull = signal('a');
    const bear = signal('b', {
      view: 'bearish',
      strategy: 'call_credit_spread',
      legs: [leg('call', 200, 'sell'), leg('call', 210, 'buy')],
    });
    const elsewhere = signal('c', { underlying: 'AMD', view: 'bearish' });
    const neutral = signal('d', { view: 'neutral', legs: [leg('put', 140, 'sell'), leg('put', 130, 'buy')] });
    const out = deduplicateSignals([bull, bear, elsewhere, neutral]);
    const of = (id: string) => out.find((c) => c.instanceIds.includes(id as InstanceId))!;
    expect(of('a').conflictsWith).toEqual([of('b').key]);
    expect(of('c').conflictsWith).toEqual([]);
    expect(of('d').conflictsWith).toEqual([]);
  });

  it('orders by agreement, then mean confidence', () => {
    const lone = signal('z', { underlying: 'AMD', confidence: 0.99 });
    const pair = [signal('a', { confidence: 0.4 }), signal('b', { confidence: 0.4 })];
    expect(deduplicateSignals([lone, ...pair]).map((c) => c.agreement)).toEqual([2, 1]);
    expect(deduplicateSignals([])).toEqual([]);
  });
});
