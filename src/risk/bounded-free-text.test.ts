import { afterEach, describe, expect, it } from 'vitest';
import { placeOrderWithGuard } from './place-order-with-guard.js';
import { putSpreadAtMid, simGate, type SimGate } from './test-support/gate-setup.js';

const open: SimGate[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

describe('the gate journals bounded free text only', () => {
  it('refuses a megabyte cycle id and a 2 MB instance list as ORDER_MALFORMED and journals only excerpts', async () => {
    const g = await simGate();
    open.push(g);
    const intent = await putSpreadAtMid(g.market);
    const huge = {
      ...intent,
      cycleId: 'c'.repeat(1_048_576),
      instanceIds: Array.from({ length: 100_000 }, (_, i) => `instance_${String(i).padStart(11, '0')}`),
    };
    const r = await placeOrderWithGuard(huge, g.deps);
    expect(r).toMatchObject({ accepted: false, codes: ['ORDER_MALFORMED'] });
    const events = g.journal.querySafetyEvents();
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e!.message).toMatch(/cycleId: expected an id of 1 to 64 characters/);
    expect(e!.message).toMatch(/instanceIds: expected at most 50 instance ids/);
    const stored = JSON.stringify(e).length;
    expect(stored).toBeLessThan(5_000);
    expect(g.journal.getOrder(intent.clientOrderId)).toBeNull();
  });
});
