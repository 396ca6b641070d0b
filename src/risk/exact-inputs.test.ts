import { afterEach, describe, expect, it } from 'vitest';
import type { OrderIntent } from '../domain/index.js';
import { placeOrderWithGuard } from './place-order-with-guard.js';
import { putSpreadAtMid, simGate, type SimGate } from './test-support/gate-setup.js';

const open: SimGate[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

/** The spread with its first leg's contract changed. */
function withFirstLeg(intent: OrderIntent, change: Record<string, unknown>): unknown {
  const [first, ...rest] = intent.legs;
  return { ...intent, legs: [{ ...first!, contract: { ...first!.contract, ...change } }, ...rest] };
}

describe('the gate takes inputs exactly', () => {
  it('refuses an impossible expiry date as ORDER_MALFORMED naming the field and the value', async () => {
    const g = await simGate();
    open.push(g);
    const intent = await putSpreadAtMid(g.market);
    for (const expiry of ['2026-13-45', '2026-02-30']) {
      const r = await placeOrderWithGuard(withFirstLeg(intent, { expiry }), g.deps, { dryRun: true });
      expect(r.accepted).toBe(false);
      if (r.accepted) continue;
      expect(r.codes).toEqual(['ORDER_MALFORMED']);
      expect(r.rejections[0]!.message).toContain(`legs[0].contract.expiry: expected a real calendar date`);
      expect(r.rejections[0]!.message).toContain(`got "${expiry}"`);
      expect(r.rejections[0]!.message).not.toMatch(/NaN/);
    }
  });

  it('refuses a strike a hair off a listed one instead of booking it as the listed strike', async () => {
    const g = await simGate();
    open.push(g);
    const intent = await putSpreadAtMid(g.market);
    const first = intent.legs[0]!.contract;
    if (first.kind !== 'option') throw new Error('the spread is options');
    const nearMiss = withFirstLeg(intent, { strike: first.strike + 1e-10 });
    const r = await placeOrderWithGuard(nearMiss, g.deps);
    expect(r.accepted).toBe(false);
    expect(r.accepted ? [] : r.codes).toEqual(['ORDER_MALFORMED']);
    expect(g.journal.getOrder(intent.clientOrderId)).toBeNull();
    expect(await g.deps.broker.openOrders()).toEqual([]);
  });
});
