import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderIntent } from '../domain/index.js';
import { GATE_CHECKS } from './checks/index.js';
import { evaluateGate } from './evaluate-gate.js';
import type { GateContext } from './gate-context.js';
import { bookCase } from './test-support/book-arbitraries.js';
import { BOOK_CODES, bookCodes } from './test-support/book-oracle.js';

const RUNS = 1_000;
const SEED = 20_260_312;

type Case = { readonly intent: OrderIntent; readonly ctx: GateContext };

function gateBookCodes({ intent, ctx }: Case, checks = GATE_CHECKS) {
  return evaluateGate(intent, ctx, checks).codes.filter((c) => BOOK_CODES.includes(c));
}

describe('the gate on books with up to 6 working orders', () => {
  it('gives the verdict and book codes of an oracle that judges every subset of working-order fills', () => {
    let accepted = 0;
    let withWorking = 0;
    fc.assert(
      fc.property(bookCase, (c) => {
        const e = evaluateGate(c.intent, c.ctx);
        const expected = bookCodes(c.intent, c.ctx);
        // Nothing but the book may refuse these orders, so the verdict is the oracle's.
        expect(e.codes.filter((code) => !BOOK_CODES.includes(code))).toEqual([]);
        expect(e.codes).toEqual(expected);
        expect(e.accepted).toBe(expected.length === 0);
        if (e.accepted) accepted++;
        if (c.ctx.openOrders!.length >= 3) withWorking++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(accepted).toBeGreaterThan(RUNS * 0.05);
    expect(accepted).toBeLessThan(RUNS * 0.9);
    expect(withWorking).toBeGreaterThan(RUNS * 0.3);
  });
});

describe('the worst-fill property can fail', () => {
  it('tells every subset from the old three scenarios ("none", "all", "each alone")', () => {
    const r = fc.check(
      fc.property(bookCase, (c) => {
        expect(bookCodes(c.intent, c.ctx, 'three')).toEqual(bookCodes(c.intent, c.ctx));
      }),
      { numRuns: 3_000, seed: SEED + 1, endOnFailure: true },
    );
    expect(r.failed).toBe(true);
  });

  it('finds a counterexample when the gate loses a book check', () => {
    for (const name of [
      'risk-naked-call',
      'risk-naked-put',
      'risk-max-loss-total',
      'size-position-underlying',
      'greeks-delta',
    ]) {
      const checks = GATE_CHECKS.filter((c) => c.name !== name);
      const r = fc.check(
        fc.property(bookCase, (c) => {
          expect(gateBookCodes(c, checks)).toEqual(bookCodes(c.intent, c.ctx));
        }),
        { numRuns: 1_000, seed: SEED + 2, endOnFailure: true },
      );
      expect(r.failed, name).toBe(true);
    }
  });
});
