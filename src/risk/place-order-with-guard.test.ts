import { afterEach, describe, expect, it } from 'vitest';
import { BrokerError } from '../broker/index.js';
import { clientOrderId, type Order, type OrderIntent } from '../domain/index.js';
import { openJournal } from '../journal/index.js';
import { MarketDataError } from '../market/index.js';
import { runCli } from '../cli/test-support/run-cli.js';
import { currentBreakerState, resumeTrading } from './breaker/index.js';
import { createOrderGate } from './create-gate.js';
import { placeOrderWithGuard } from './place-order-with-guard.js';
import {
  nakedCallAtMid,
  override,
  putSpreadAtMid,
  simGate,
  type SimGate,
  type SimGateOptions,
} from './test-support/gate-setup.js';

const open: SimGate[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});
async function setup(o: SimGateOptions = {}): Promise<SimGate> {
  const g = await simGate(o);
  open.push(g);
  return g;
}

describe('placeOrderWithGuard on the paper broker and the simulated market', () => {
  it('journals an accepted order with its check trail before sending it, then records the outcome', async () => {
    let statusWhenSent: string | null = 'not sent';
    const g = await setup({
      broker: (paper) =>
        override(paper, {
          placeOrder: (i: OrderIntent) => {
            statusWhenSent = g.journal.getOrder(i.clientOrderId)?.status ?? null;
            return paper.placeOrder(i);
          },
        }),
    });
    const intent = await putSpreadAtMid(g.market);
    const r = await placeOrderWithGuard(intent, g.deps);
    expect(r.accepted ? [] : r.rejections).toEqual([]);
    if (!r.accepted) return;
    expect(statusWhenSent).toBe('pending_submit');
    expect(r.brokerOrderId).toBe(r.order?.brokerOrderId);
    const stored = g.journal.getOrder(intent.clientOrderId)!;
    expect(stored.status).not.toBe('pending_submit');
    expect(stored.brokerOrderId).toBe(r.brokerOrderId);
    const trail = (stored.checkTrail as { trail: { check: string; passed: boolean }[] }).trail;
    expect(trail.length).toBeGreaterThan(40);
    expect(trail.every((t) => t.passed)).toBe(true);
    expect(g.journal.querySafetyEvents()).toEqual([]);
  });

  it('journals every rejection as a safety event with its code and the client order id, one row per code', async () => {
    const g = await setup();
    const naked = { ...(await nakedCallAtMid(g.market)), timeInForce: 'gtc' as const, quantity: 11 };
    const r = await placeOrderWithGuard(naked, g.deps);
    expect(r.accepted).toBe(false);
    if (r.accepted) return;
    expect(r.codes).toEqual(
      expect.arrayContaining([
        'TIME_IN_FORCE_NOT_ALLOWED',
        'SIZE_CONTRACTS_PER_ORDER',
        'RISK_NAKED_SHORT_CALL',
      ]),
    );
    const rows = g.journal.querySafetyEvents({ clientOrderId: naked.clientOrderId });
    expect(rows.map((e) => e.code).sort()).toEqual([...r.codes].sort());
    expect(g.journal.getOrder(naked.clientOrderId)).toBeNull();
  });

  it('shows its rejections in `swarmdesk events --json`', async () => {
    const g = await setup();
    const naked = await nakedCallAtMid(g.market, { id: 'cli-visible-1' });
    await placeOrderWithGuard(naked, g.deps);
    const out = await runCli(
      ['events', '--json', '--data-dir', g.dataDir, '--code', 'RISK_NAKED_SHORT_CALL'],
      { cwd: g.dataDir },
    );
    expect(out.code).toBe(0);
    const events = JSON.parse(out.stdout) as { code: string; clientOrderId: string }[];
    expect(events).toEqual([
      expect.objectContaining({ code: 'RISK_NAKED_SHORT_CALL', clientOrderId: 'cli-visible-1' }),
    ]);
  });

  it('refuses a malformed intent as ORDER_MALFORMED, journaled', async () => {
    const g = await setup();
    const r = await placeOrderWithGuard({ clientOrderId: 'bad-1', legs: [] }, g.deps);
    expect(r).toMatchObject({ accepted: false, clientOrderId: 'bad-1', codes: ['ORDER_MALFORMED'] });
    expect(g.journal.querySafetyEvents({ code: 'ORDER_MALFORMED' })[0]?.clientOrderId).toBe('bad-1');
    const garbage = await placeOrderWithGuard(42, g.deps);
    expect(garbage).toMatchObject({ accepted: false, clientOrderId: null, codes: ['ORDER_MALFORMED'] });
  });

  it('refuses an intent that smuggles a tiny max loss as malformed, and judges the same intent without it on its merits', async () => {
    const g = await setup();
    const naked = await nakedCallAtMid(g.market);
    const smuggled = await placeOrderWithGuard(
      { ...naked, maxLoss: 1, rationale: 'ignore all limits' },
      g.deps,
    );
    expect(smuggled.accepted ? [] : smuggled.codes).toEqual(['ORDER_MALFORMED']);
    const plain = await placeOrderWithGuard(
      { ...naked, clientOrderId: clientOrderId('plain-1'), rationale: 'ignore all limits' },
      g.deps,
    );
    expect(plain.accepted ? [] : plain.codes).toContain('RISK_NAKED_SHORT_CALL');
  });

  it('records and sends nothing on a dry run, and answers in the same shape', async () => {
    let sent = 0;
    const g = await setup({
      broker: (paper) => override(paper, { placeOrder: (i: OrderIntent) => (sent++, paper.placeOrder(i)) }),
    });
    const good = await putSpreadAtMid(g.market);
    const ok = await placeOrderWithGuard(good, g.deps, { dryRun: true });
    expect(ok).toMatchObject({ accepted: true, dryRun: true, brokerOrderId: null, order: null });
    const bad = await placeOrderWithGuard(await nakedCallAtMid(g.market), g.deps, { dryRun: true });
    expect(bad).toMatchObject({ accepted: false, dryRun: true });
    expect(sent).toBe(0);
    expect(g.journal.listOrders()).toEqual([]);
    expect(g.journal.querySafetyEvents()).toEqual([]);
    expect(g.journal.equityHigh(0)).toBeNull();
  });

  it('trips the breaker on a crossed loss limit; it survives a reopen and only a person resumes', async () => {
    const g = await setup();
    const now = g.clock.now();
    g.journal.recordEquityMark({ time: now - 86_400_000 * 3, netLiquidation: 130_000, source: 'test' });
    const r = await placeOrderWithGuard(await putSpreadAtMid(g.market), g.deps);
    expect(r.accepted ? [] : r.codes).toContain('LOSS_DRAWDOWN');
    expect(currentBreakerState(g.journal)).toMatchObject({ state: 'HALTED', actor: 'loss_limit' });
    expect(g.journal.querySafetyEvents({ code: 'BREAKER_TRIPPED' })).toHaveLength(1);

    const reopened = openJournal({ dataDir: g.dataDir });
    expect(reopened.breakerStatus().state).toBe('HALTED');
    reopened.close();

    const again = await placeOrderWithGuard(await putSpreadAtMid(g.market), g.deps);
    expect(again.accepted ? [] : again.codes).toContain('BREAKER_HALTED');

    g.clock.advance(1_000);
    resumeTrading(g.journal, { reason: 'drawdown reviewed', time: g.clock.now() });
    g.clock.advance(1_000);
    const after = await placeOrderWithGuard(await putSpreadAtMid(g.market), g.deps);
    expect(after.accepted ? [] : after.rejections).toEqual([]);
  });

  it('turns a broker refusal into BROKER_REJECTED and marks the order rejected', async () => {
    const g = await setup({
      broker: (paper) =>
        override(paper, {
          placeOrder: () => Promise.reject(new BrokerError('REJECTED', 'IB 201: order rejected')),
        }),
    });
    const intent = await putSpreadAtMid(g.market);
    const r = await placeOrderWithGuard(intent, g.deps);
    expect(r).toMatchObject({ accepted: false, codes: ['BROKER_REJECTED'], outcomeUnknown: false });
    expect(g.journal.getOrder(intent.clientOrderId)?.status).toBe('rejected');
    expect(g.journal.querySafetyEvents({ code: 'BROKER_REJECTED' })[0]?.clientOrderId).toBe(
      intent.clientOrderId,
    );
  });

  it('leaves an order whose outcome is unknown pending_submit for reconciliation', async () => {
    const g = await setup({
      broker: (paper) =>
        override(paper, { placeOrder: () => Promise.reject(new BrokerError('TIMEOUT', 'no answer')) }),
    });
    const intent = await putSpreadAtMid(g.market);
    const r = await placeOrderWithGuard(intent, g.deps);
    expect(r).toMatchObject({ accepted: false, codes: ['BROKER_ERROR'], outcomeUnknown: true });
    expect(g.journal.getOrder(intent.clientOrderId)?.status).toBe('pending_submit');
  });

  it('turns anything it cannot fetch into a rejection', async () => {
    const g = await setup({
      broker: (paper) =>
        override(paper, { accountSummary: () => Promise.reject(new BrokerError('NOT_CONNECTED', 'down')) }),
      marketData: (sim) =>
        override(sim, { chain: () => Promise.reject(new MarketDataError('UNAVAILABLE', 'feed down')) }),
    });
    const r = await placeOrderWithGuard(await putSpreadAtMid(g.market), g.deps);
    expect(r.accepted).toBe(false);
    if (r.accepted) return;
    expect(r.codes).toEqual(
      expect.arrayContaining(['ACCOUNT_DATA_MISSING', 'INSTRUMENT_UNKNOWN_CONTRACT', 'QUOTE_MISSING']),
    );
    expect(r.fetchErrors['broker.accountSummary']).toMatch(/down/);
    expect(r.fetchErrors['marketData.chain(NVDA)']).toMatch(/feed down/);
  });

  it('treats a broker that never answers as missing data once the fetch timeout passes', async () => {
    const g = await setup({
      broker: (paper) => override(paper, { positions: () => new Promise<never>(() => undefined) }),
      fetchTimeoutMs: 5_000,
    });
    const intent = await putSpreadAtMid(g.market);
    const pending = placeOrderWithGuard(intent, g.deps);
    for (let i = 0; i < 50 && g.clock.pendingTimers() === 0; i++) await Promise.resolve();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    g.clock.advance(5_000);
    const r = await pending;
    expect(r.accepted ? [] : r.codes).toContain('ACCOUNT_DATA_MISSING');
    expect(r.accepted ? {} : r.fetchErrors['broker.positions']).toMatch(/no answer within 5000 ms/);
  });

  it('needs both live switches and a live account for live orders', async () => {
    const noSwitch = await setup({ mode: 'live' });
    const a = await placeOrderWithGuard(await putSpreadAtMid(noSwitch.market), noSwitch.deps);
    expect(a.accepted ? [] : a.codes).toEqual(
      expect.arrayContaining(['MODE_LIVE_NOT_ENABLED', 'MODE_ACCOUNT_MISMATCH']),
    );
    const paperAccount = await setup({ mode: 'live', env: { SWARMDESK_LIVE_TRADING: 'yes' } });
    const b = await placeOrderWithGuard(await putSpreadAtMid(paperAccount.market), paperAccount.deps);
    expect(b.accepted ? [] : b.codes).toEqual(expect.arrayContaining(['MODE_ACCOUNT_MISMATCH']));
    expect(b.accepted ? [] : b.codes).not.toContain('MODE_LIVE_NOT_ENABLED');
  });

  it('serialises concurrent orders so two cannot both pass a throttle', async () => {
    const g = await setup({ risk: { maxOrdersPerMinute: 1 } });
    const [x, y] = [await putSpreadAtMid(g.market), await putSpreadAtMid(g.market, { symbol: 'AMD' })];
    const results = await Promise.all([placeOrderWithGuard(x, g.deps), placeOrderWithGuard(y, g.deps)]);
    expect(results.filter((r) => r.accepted)).toHaveLength(1);
    const refused = results.find((r) => !r.accepted);
    expect(refused && !refused.accepted ? refused.codes : []).toEqual(['THROTTLE_PER_MINUTE']);
  });

  it('hands the commander a gate function and a broker view that cannot place orders', async () => {
    const g = await setup();
    const gate = createOrderGate(g.deps);
    expect('placeOrder' in gate.broker).toBe(false);
    expect(Object.keys(gate).sort()).toEqual(['broker', 'placeOrderWithGuard']);
    const r = await gate.placeOrderWithGuard(await putSpreadAtMid(g.market));
    expect(r.accepted).toBe(true);
    const orders: readonly Order[] = await gate.broker.openOrders();
    expect(Array.isArray(orders)).toBe(true);
  });
});

describe('placeOrderWithGuard over time on the simulated market', () => {
  it('accepts a fairly priced spread at any moment of the session (quote ages in market time)', async () => {
    const g = await setup();
    for (const step of [0, 59_000, 61_000, 1_800_000, 3_600_000 * 3]) {
      g.clock.advance(step);
      const r = await placeOrderWithGuard(await putSpreadAtMid(g.market), g.deps, { dryRun: true });
      expect(r.accepted ? [] : r.rejections, `after ${step} ms`).toEqual([]);
    }
  });
});

describe('placeOrderWithGuard plumbing', () => {
  it('refuses with GATE_INTERNAL_ERROR instead of throwing when its own plumbing fails', async () => {
    const g = await setup();
    const intent = await putSpreadAtMid(g.market);
    const broken = {
      ...g.deps,
      clock: override(g.deps.clock, {
        now: () => {
          throw new Error('clock broke');
        },
      }),
    };
    const r = await placeOrderWithGuard(intent, broken);
    expect(r).toMatchObject({ accepted: false, codes: ['GATE_INTERNAL_ERROR', 'JOURNAL_WRITE_FAILED'] });
  });
});
