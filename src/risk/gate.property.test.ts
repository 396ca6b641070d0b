import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GATE_CHECKS } from './checks/index.js';
import { evaluateGate } from './evaluate-gate.js';
import { gateCase } from './test-support/arbitraries.js';
import { limitViolations } from './test-support/oracle.js';

/** Cases in the unit suite; `npm run bench -- gate` soaks ≥ 100,000. */
const RUNS = 1_500;
const SEED = 20_260_310;

describe('the gate, on random intents against random portfolios and markets', () => {
  it('accepts no order that breaks a configured limit', () => {
    let accepted = 0;
    fc.assert(
      fc.property(gateCase, ({ intent, ctx }) => {
        const e = evaluateGate(intent, ctx);
        if (!e.accepted) {
          expect(e.codes.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        expect(limitViolations(intent, ctx)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must exercise both verdicts, or the property says little.
    expect(accepted).toBeGreaterThan(RUNS * 0.03);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });

  it('ignores the rationale: the same intent with any text gets the same verdict', () => {
    fc.assert(
      fc.property(gateCase, fc.string({ maxLength: 200 }), ({ intent, ctx }, text) => {
        const a = evaluateGate(intent, ctx);
        const b = evaluateGate({ ...intent, rationale: text }, ctx);
        expect(b.codes).toEqual(a.codes);
        expect(b.metrics).toEqual(a.metrics);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('rejects whenever the oracle finds the context incomplete', () => {
    fc.assert(
      fc.property(gateCase, ({ intent, ctx }) => {
        if (limitViolations(intent, ctx).includes('data missing'))
          expect(evaluateGate(intent, ctx).accepted).toBe(false);
      }),
      { numRuns: 500, seed: SEED + 1 },
    );
  });
});

describe('the property can fail', () => {
  it('finds orders breaking a limit when the gate loses a check', () => {
    const cases = fc.sample(gateCase, { numRuns: 800, seed: SEED + 2 });
    for (const name of [
      'price-collar',
      'risk-max-loss-trade',
      'buying-power',
      'breaker-state',
      'loss-daily',
    ]) {
      const checks = GATE_CHECKS.filter((c) => c.name !== name);
      const caught = cases.filter(
        ({ intent, ctx }) =>
          evaluateGate(intent, ctx, checks).accepted && limitViolations(intent, ctx).length > 0,
      );
      expect(caught.length, name).toBeGreaterThan(0);
    }
  });
});
