import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, type OrderIntent } from '../domain/index.js';
import { openJournal, type Journal } from '../journal/index.js';
import { GATE_LEASE, holderGone, withBookLock } from './book-lock.js';
import { placeOrderWithGuard } from './place-order-with-guard.js';
import {
  override,
  putSpreadAtMid,
  simGate,
  type SimGate,
  type SimGateOptions,
} from './test-support/gate-setup.js';

const open: SimGate[] = [];
const journals: Journal[] = [];
afterEach(async () => {
  for (const j of journals.splice(0)) j.close();
  for (const g of open.splice(0)) await g.close();
});
async function setup(o: SimGateOptions = {}): Promise<SimGate> {
  const g = await simGate(o);
  open.push(g);
  return g;
}
function secondHandle(g: SimGate): Journal {
  const j = openJournal({ dataDir: g.dataDir });
  journals.push(j);
  return j;
}
const claim = (holder: string, pid = process.pid) => ({
  holder,
  pid,
  host: hostname(),
  purpose: 'a test holder',
});

describe('the book lock (the journal gate lease)', () => {
  it('lets one holder at a time in, across journal handles on one data dir', async () => {
    const g = await setup();
    const other = secondHandle(g);
    const clock = new SimulatedClock(0);
    const order: string[] = [];
    let release!: () => void;
    const first = withBookLock(
      g.journal,
      { waitMs: 1_000, ttlMs: 60_000, pollMs: 10, purpose: 'first', clock },
      async () => {
        order.push('first in');
        await new Promise<void>((r) => (release = r));
        order.push('first out');
      },
    );
    await new Promise((r) => setImmediate(r));
    const second = withBookLock(
      other,
      { waitMs: 1_000, ttlMs: 60_000, pollMs: 10, purpose: 'second', clock },
      () => {
        order.push('second in');
        return Promise.resolve();
      },
    );
    // The second waits on simulated time that does not move: it cannot get in until the first leaves.
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r)); // turns, not real time
    expect(order).toEqual(['first in']);
    release();
    await first;
    clock.advance(10);
    await second;
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('refuses GATE_BUSY after the bounded wait, journaled with who held it, and judges nothing', async () => {
    const g = await setup();
    const intent = await putSpreadAtMid(g.market);
    let asked = 0;
    const broker = override(g.broker, { positions: () => (asked++, g.broker.positions()) });
    secondHandle(g).leases.take(GATE_LEASE, claim('someone-else'), { now: Date.now(), ttlMs: 60_000 });
    const r = await placeOrderWithGuard(intent, { ...g.deps, broker, lock: { waitMs: 120, pollMs: 10 } });
    expect(r).toMatchObject({ accepted: false, codes: ['GATE_BUSY'] });
    expect(asked).toBe(0);
    const [event] = g.journal.querySafetyEvents({ code: 'GATE_BUSY' });
    expect(event?.message).toMatch(/a test holder \(pid \d+ on .+\).*wait/);
    expect(g.journal.getOrder(intent.clientOrderId)).toBeNull();
  });

  it('takes over the lease of a holder whose process is gone, and says so', async () => {
    const g = await setup();
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    expect(holderGone({ ...claim('x', dead), name: GATE_LEASE, acquiredAt: 0, expiresAt: 0 })).toBe(true);
    g.journal.leases.take(GATE_LEASE, claim('crashed', dead), { now: Date.now(), ttlMs: 600_000 });
    const r = await placeOrderWithGuard(await putSpreadAtMid(g.market), { ...g.deps, lock: { waitMs: 100 } });
    expect(r.accepted ? [] : r.rejections).toEqual([]);
    expect(g.journal.querySafetyEvents({ code: 'GATE_LEASE_RECOVERED' })).toHaveLength(1);
    expect(g.journal.leases.current(GATE_LEASE)).toBeNull();
  });

  it('a holder that loses its lease while judging journals nothing and sends nothing (GATE_LEASE_LOST)', async () => {
    const g = await setup();
    const intent = await putSpreadAtMid(g.market);
    const other = secondHandle(g);
    let sent = 0;
    const broker = override(g.broker, {
      // While this gate is gathering, another takes the book over (as after a stall past the lease).
      positions: async () => {
        other.leases.take(GATE_LEASE, claim('usurper'), { now: Date.now(), ttlMs: 60_000, preempt: true });
        return g.broker.positions();
      },
      placeOrder: (i: OrderIntent) => (sent++, g.broker.placeOrder(i)),
    });
    const r = await placeOrderWithGuard(intent, { ...g.deps, broker });
    expect(r).toMatchObject({ accepted: false, codes: ['GATE_LEASE_LOST'] });
    expect(sent).toBe(0);
    expect(g.journal.getOrder(intent.clientOrderId)).toBeNull();
    expect(other.leases.current(GATE_LEASE)?.holder).toBe('usurper');
  });

  it('counts an order another gate journaled but has not yet sent as working', async () => {
    const g = await setup({ risk: { maxPositionPerContract: 3 } });
    const inFlight = await putSpreadAtMid(g.market, { quantity: 3 });
    // Journaled pending_submit by another gate whose broker call is still in flight: the broker
    // does not list it yet.
    secondHandle(g).recordOrderIntent(inFlight, g.clock.now());
    const again = { ...inFlight, clientOrderId: `${inFlight.clientOrderId}-b` } as OrderIntent;
    const r = await placeOrderWithGuard(again, g.deps);
    expect(r.accepted).toBe(false);
    if (!r.accepted) expect(r.codes).toContain('SIZE_POSITION_PER_CONTRACT');
  });
});

describe('the gate never throws', () => {
  it('refuses, and journals, an input whose every property read throws', async () => {
    const g = await setup();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('gotcha');
        },
        has() {
          throw new Error('gotcha');
        },
        ownKeys() {
          throw new Error('gotcha');
        },
        getOwnPropertyDescriptor() {
          throw new Error('gotcha');
        },
        getPrototypeOf() {
          throw new Error('gotcha');
        },
      },
    );
    const r = await placeOrderWithGuard(hostile, g.deps);
    expect(r.accepted).toBe(false);
    if (!r.accepted) expect(r.codes.length).toBeGreaterThan(0);
    expect(g.journal.querySafetyEvents().length).toBeGreaterThan(0);
    const dry = await placeOrderWithGuard(hostile, g.deps, { dryRun: true });
    expect(dry.accepted).toBe(false);
  });

  it('refuses an intent whose client order id getter throws', async () => {
    const g = await setup();
    const intent = await putSpreadAtMid(g.market);
    const tricky = Object.defineProperty({ ...intent }, 'clientOrderId', {
      enumerable: true,
      get() {
        throw new Error('no id for you');
      },
    });
    const r = await placeOrderWithGuard(tricky, g.deps);
    expect(r).toMatchObject({ accepted: false, clientOrderId: null });
    expect(g.journal.querySafetyEvents().length).toBeGreaterThan(0);
  });
});
