import { describe, expect, it } from 'vitest';
import { ibkrBrokerOptionsSchema } from './options.js';
import { clientIdFor, describeRole, isSwarmdeskOrder, orderingClientIds } from './roles.js';

describe('ibkr roles and client ids', () => {
  const options = ibkrBrokerOptionsSchema.parse({});

  it('gives every role its own documented client id', () => {
    expect(['main', 'watchdog', 'status', 'manual'].map((r) => clientIdFor(options, r as never))).toEqual([
      1, 999, 998, 997,
    ]);
    expect(describeRole('manual')).toBe('broker.manualClientId, manual commands (order, cancel, flatten)');
    expect([...orderingClientIds(options)].sort()).toEqual([1, 997, 999]);
  });

  it('refuses two roles on one client id, naming both fields', () => {
    const r = ibkrBrokerOptionsSchema.safeParse({ clientId: 7, manualClientId: 7 });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({
        path: ['manualClientId'],
        message: 'manualClientId 7 is also clientId; every role needs its own IB client id',
      }),
    ]);
  });

  it("knows swarmdesk's orders: one of its ordering client ids and a client order id as orderRef", () => {
    const ours = orderingClientIds(options);
    expect(isSwarmdeskOrder(ours, 997, 'm-20260310-1')).toBe(true);
    expect(isSwarmdeskOrder(ours, 999, 'wd-abc-0-0')).toBe(true);
    expect(isSwarmdeskOrder(ours, 998, 'x')).toBe(false); // the read-only id never places
    expect(isSwarmdeskOrder(ours, 0, 'manual-tws')).toBe(false);
    expect(isSwarmdeskOrder(ours, 1, '')).toBe(false);
    expect(isSwarmdeskOrder(ours, 1, 'ib-500001')).toBe(false);
    expect(isSwarmdeskOrder(ours, 1, 'not a valid id!')).toBe(false);
  });
});
