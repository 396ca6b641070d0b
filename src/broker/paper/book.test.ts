import { describe, expect, it } from 'vitest';
import { option, stock } from '../../domain/index.js';
import { Book } from './book.js';

const call = option('XYZ', '2026-04-17', 100, 'call');

describe('the book', () => {
  it('averages adds, realises closes against the average, ×100 for options', () => {
    const book = new Book(10_000, []);
    book.trade(call, 2, 2.0, 1);
    book.trade(call, 2, 3.0, 2);
    expect(book.openPositions()[0]).toMatchObject({ quantity: 4, averagePrice: 2.5 });
    expect(book.trade(call, -3, 4.0, 3)).toBeCloseTo(450, 9);
    expect(book.openPositions()[0]).toMatchObject({ quantity: 1, averagePrice: 2.5, realizedPnl: 450 });
    expect(book.cash).toBeCloseTo(10_000 - 400 - 600 + 1_200, 9);
  });

  it('flips through zero: the rest opens at the trade price', () => {
    const book = new Book(0, []);
    book.trade(stock('XYZ'), 100, 50, 1);
    book.trade(stock('XYZ'), -150, 55, 2);
    expect(book.openPositions()[0]).toMatchObject({ quantity: -50, averagePrice: 55, realizedPnl: 500 });
  });

  it('books a short option realised when bought back cheaper', () => {
    const book = new Book(0, []);
    book.trade(call, -1, 2.0, 1);
    expect(book.trade(call, 1, 0.5, 2)).toBeCloseTo(150, 9);
    expect(book.openPositions()).toEqual([]);
    expect(book.entries.map((e) => e.amount)).toEqual([150]);
  });

  it('charges commissions and pays dividends into cash and the ledger', () => {
    const book = new Book(1_000, []);
    book.trade(stock('XYZ'), -10, 20, 1);
    book.charge(1, 1, 'c');
    book.dividend(stock('XYZ'), 0.5, 2);
    expect(book.cash).toBeCloseTo(1_000 + 200 - 1 - 5, 9);
    expect(book.entries.map((e) => [e.kind, e.amount])).toEqual([
      ['commission', -1],
      ['dividend', -5],
    ]);
  });
});
