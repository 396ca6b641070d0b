import { describe, expect, it } from 'vitest';
import { brokerView, type Broker } from './broker.js';

describe('brokerView', () => {
  it('exposes everything but placeOrder, at run time not only in the type', async () => {
    const calls: string[] = [];
    const broker = new Proxy(
      { name: 'x' },
      {
        get: (target, prop: string) =>
          prop === 'name'
            ? target.name
            : (...args: unknown[]) => (calls.push(`${prop}(${args.length})`), Promise.resolve(prop)),
      },
    ) as unknown as Broker;
    const view = brokerView(broker);
    expect('placeOrder' in view).toBe(false);
    expect((view as unknown as Record<string, unknown>).placeOrder).toBeUndefined();
    expect(Object.isFrozen(view)).toBe(true);
    await expect(view.positions()).resolves.toBe('positions');
    await view.cancelOrder('a' as never);
    expect(calls).toEqual(['positions(0)', 'cancelOrder(1)']);
    expect(view.name).toBe('x');
  });
});
