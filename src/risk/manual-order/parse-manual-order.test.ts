import { describe, expect, it } from 'vitest';
import { option, stock } from '../../domain/index.js';
import { parseManualOrder, type ManualOrderInput } from './parse-manual-order.js';

const NOW = Date.parse('2026-03-10T15:00:00Z');
const parse = (input: Omit<ManualOrderInput, 'now'>) => parseManualOrder({ now: NOW, ...input });

describe('parseManualOrder', () => {
  it('reads a single option leg as a limit DAY order, buy as a debit', () => {
    const r = parse({ positional: ['buy', '2', 'NVDA', '2026-12-18', '150', 'C'], limit: '3.45' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.intent).toMatchObject({
      legs: [{ contract: option('NVDA', '2026-12-18', 150, 'call'), side: 'buy', ratio: 1 }],
      quantity: 2,
      orderType: 'limit',
      limitPrice: 3.45,
      priceEffect: 'debit',
      timeInForce: 'day',
      origin: 'manual',
      cycleId: null,
    });
    expect(r.intent.clientOrderId).toMatch(/^m-1773154800000-[0-9a-f]{8}$/);
  });

  it('reads extra legs with their own side and ratio; a sell first leg makes the limit a credit', () => {
    const r = parse({
      positional: ['sell', '3', 'nvda', '2026-12-18', '150', 'put'],
      legs: ['buy 1 NVDA 2026-12-18 140 P'],
      limit: '1.20',
    });
    expect(r.ok && r.intent.legs).toEqual([
      { contract: option('NVDA', '2026-12-18', 150, 'put'), side: 'sell', ratio: 1 },
      { contract: option('NVDA', '2026-12-18', 140, 'put'), side: 'buy', ratio: 1 },
    ]);
    expect(r.ok && r.intent.priceEffect).toBe('credit');
    expect(r.ok && r.intent.quantity).toBe(3);
  });

  it('reads a stock order and honours --tif, --price-effect and a given id', () => {
    const r = parse({
      positional: ['buy', '100', 'AMD'],
      limit: '150.25',
      timeInForce: 'GTC',
      clientOrderId: 'manual-1',
    });
    expect(r.ok && r.intent).toMatchObject({
      legs: [{ contract: stock('AMD') }],
      timeInForce: 'gtc',
      clientOrderId: 'manual-1',
    });
    const combo = parse({
      positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'C'],
      legs: ['sell 1 NVDA 2026-12-18 160 C'],
      limit: '0.5',
      priceEffect: 'credit',
    });
    expect(combo.ok && combo.intent.priceEffect).toBe('credit');
  });

  it('derives the same id for the same order at the same time, and another for another order', () => {
    const a = parse({ positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'C'], limit: '3' });
    const b = parse({ positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'C'], limit: '3' });
    const c = parse({ positional: ['buy', '1', 'NVDA', '2026-12-18', '155', 'C'], limit: '3' });
    expect(a.ok && b.ok && a.intent.clientOrderId === b.intent.clientOrderId).toBe(true);
    expect(a.ok && c.ok && a.intent.clientOrderId !== c.intent.clientOrderId).toBe(true);
  });

  it.each([
    [
      { positional: ['hold', '1', 'NVDA'], limit: '1' },
      'hold',
      'order side: expected "buy" or "sell", got "hold"',
    ],
    [
      { positional: ['buy', '1.5', 'NVDA'], limit: '1' },
      '1.5',
      'order quantity: expected a quantity (a whole number above 0), got "1.5"',
    ],
    [
      { positional: ['buy', '0', 'NVDA'], limit: '1' },
      '0',
      'order quantity: expected a quantity (a whole number above 0), got "0"',
    ],
    [
      { positional: ['buy', '1', 'nv$da'], limit: '1' },
      'nv$da',
      'order symbol: expected a ticker like NVDA, got "nv$da"',
    ],
    [
      { positional: ['buy', '1', 'NVDA', '2026-13-18', '150', 'C'], limit: '1' },
      '2026-13-18',
      'order expiry: expected an expiry date YYYY-MM-DD, got "2026-13-18"',
    ],
    [
      { positional: ['buy', '1', 'NVDA', '2026-12-18', '-5', 'C'], limit: '1' },
      '-5',
      'order strike: expected a strike like 150 or 152.5, got "-5"',
    ],
    [
      { positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'X'], limit: '1' },
      'X',
      'order right: expected C or P, got "X"',
    ],
    [
      { positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'C'] },
      '',
      '--limit: expected a price above 0 like 1.25 (manual orders are limit orders), got nothing',
    ],
    [
      { positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'C'], limit: '1,25' },
      '1,25',
      '--limit: expected a price above 0 like 1.25 (manual orders are limit orders), got "1,25"',
    ],
    [
      { positional: ['buy', '1', 'NVDA'], limit: '1', timeInForce: 'week' },
      'week',
      '--tif: expected day, gtc or ioc, got "week"',
    ],
    [
      {
        positional: ['buy', '1', 'NVDA', '2026-12-18', '150', 'C'],
        limit: '1',
        legs: ['sell one NVDA 2026-12-18 160 C'],
      },
      'one',
      '--leg 1 quantity: expected a quantity (a whole number above 0), got "one"',
    ],
  ])('names the bad token and what was expected (%#)', (input, token, message) => {
    const r = parse(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.token).toBe(token);
    expect(r.issue.message).toBe(message);
  });

  it('refuses a non-ASCII ticker instead of case-folding it onto another one ("Gſ" is not GS)', () => {
    const r = parse({ positional: ['buy', '1', 'Gſ'], limit: '1' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issue).toMatchObject({ token: 'Gſ' });
    expect(!r.ok && r.issue.message).toMatch(/^order word 3: expected plain ASCII/);
    const leg = parse({
      positional: ['buy', '1', 'GS', '2026-12-18', '150', 'C'],
      legs: ['ſell 1 GS 2026-12-18 160 C'],
      limit: '1',
    });
    expect(!leg.ok && leg.issue.message).toMatch(/^--leg 1: expected plain ASCII/);
    expect(parse({ positional: ['buy', '1', 'gs'], limit: '1' })).toMatchObject({
      ok: true,
      intent: { legs: [{ contract: stock('GS') }] },
    });
  });

  it('refuses an impossible expiry date and a strike that is not whole thousandths of a dollar', () => {
    const feb30 = parse({ positional: ['buy', '1', 'NVDA', '2026-02-30', '150', 'C'], limit: '1' });
    expect(!feb30.ok && feb30.issue.message).toBe(
      'order expiry: expected an expiry date YYYY-MM-DD, got "2026-02-30"',
    );
    const nearMiss = parse({
      positional: ['buy', '1', 'NVDA', '2026-12-18', '195.0000000001', 'C'],
      limit: '1',
    });
    expect(!nearMiss.ok && nearMiss.issue).toMatchObject({ token: 'legs[0].contract.strike' });
    expect(!nearMiss.ok && nearMiss.issue.message).toMatch(/whole thousandths.*got 195\.0000000001/);
  });

  it('refuses a wrong number of words', () => {
    const r = parse({ positional: ['buy', '1', 'NVDA', '2026-12-18'], limit: '1' });
    expect(!r.ok && r.issue.message).toMatch(/^order: expected <buy\|sell> <qty> <SYMBOL> for stock/);
    const leg = parse({ positional: ['buy', '1', 'NVDA'], limit: '1', legs: ['sell 1 NVDA 2026-12-18'] });
    expect(!leg.ok && leg.issue.token).toBe('sell 1 NVDA 2026-12-18');
  });

  it('passes the intent schema on to the caller: a single sell leg cannot be a debit', () => {
    const r = parse({
      positional: ['sell', '1', 'NVDA', '2026-12-18', '150', 'C'],
      limit: '1',
      priceEffect: 'debit',
    });
    expect(!r.ok && r.issue).toMatchObject({
      token: 'priceEffect',
      message: 'priceEffect: expected "credit" for a single sell leg, got "debit"',
    });
  });
});
