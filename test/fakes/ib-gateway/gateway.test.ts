/**
 * The fake as any TWS API client sees it, driven by a bare `@stoqey/ib` `IBApi`: the handshake,
 * a fill with its execution, commission and position, cancels, 326, the daily restart with its
 * next-id rollback, pacing (error 100), and the stand-alone `main.ts`.
 */
import { spawn } from 'node:child_process';
import { EventName, IBApi, OrderAction, OrderType, SecType, type Contract } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../src/domain/index.js';
import { createSimMarket } from '../../../src/market/sim/index.js';
import { FakeIbGateway } from './index.js';

interface Seen {
  name: string;
  args: unknown[];
}

/** A raw client that records every event and fails on a decode error. */
function client(port: number): { ib: IBApi; seen: Seen[]; decodeErrors: string[]; ready: Promise<number> } {
  const ib = new IBApi({ host: '127.0.0.1', port });
  const seen: Seen[] = [];
  const decodeErrors: string[] = [];
  ib.on(EventName.all, (name: string, args: unknown[]) => seen.push({ name, args }));
  ib.on(EventName.error, (error: Error, code: number) => {
    if (code === 505) decodeErrors.push(error.message);
  });
  const ready = new Promise<number>((resolve) => ib.once(EventName.nextValidId, resolve));
  return { ib, seen, decodeErrors, ready };
}

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const START = '2026-03-10T15:00:00Z';

describe('fake IB Gateway with a bare @stoqey/ib client', () => {
  let gw: FakeIbGateway | null = null;
  const clients: IBApi[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await gw?.close();
    gw = null;
  });

  async function start(options: Parameters<typeof FakeIbGateway.start>[0] = {}): Promise<FakeIbGateway> {
    const market = createSimMarket(
      { symbols: ['NVDA'], seed: 3, startTime: START },
      new SimulatedClock(Date.parse(START)),
    );
    gw = await FakeIbGateway.start({ market, ...options });
    return gw;
  }

  function connect(port: number, clientId: number) {
    const c = client(port);
    clients.push(c.ib);
    c.ib.connect(clientId);
    return c;
  }

  it('answers the handshake with nextValidId, the paper account and the farm notices', async () => {
    const g = await start({ nextValidId: 100 });
    const c = connect(g.port, 5);
    expect(await c.ready).toBe(100);
    await until(() => c.seen.some((s) => s.name === 'info' && s.args[1] === 2158), 'the farm notices');
    expect(c.seen.find((s) => s.name === 'server')?.args[0]).toBe(193);
    expect(c.seen.find((s) => s.name === 'managedAccounts')?.args).toEqual(['DU1234567']);
    expect(c.seen.filter((s) => s.name === 'info').map((s) => s.args[1])).toEqual([2104, 2106, 2158]);
    expect(c.decodeErrors).toEqual([]);
  });

  it('fills a marketable option order: execution, status, commission, position', async () => {
    const g = await start();
    const c = connect(g.port, 5);
    const id = await c.ready;
    const market = g.core.market.data as ReturnType<typeof createSimMarket>;
    const expiry = (await market.expirations('NVDA'))[2]!;
    const row = (await market.chain('NVDA', { expiries: [expiry], moneynessWindow: 0.03 })).rows.find(
      (r) => r.contract.right === 'call',
    )!;
    const contract: Contract = {
      symbol: 'NVDA',
      secType: SecType.OPT,
      lastTradeDateOrContractMonth: expiry.replace(/-/g, ''),
      strike: row.contract.strike,
      right: 'C' as never,
      multiplier: 100,
      exchange: 'SMART',
      currency: 'USD',
      tradingClass: 'NVDA',
    };
    c.ib.placeOrder(id, contract, {
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      lmtPrice: row.quote.ask!,
      totalQuantity: 1,
      transmit: true,
      orderRef: 'raw-1',
    });
    c.ib.reqPositions();
    await until(() => c.seen.some((s) => s.name === 'commissionReport'), 'the commission report');
    const names = c.seen.map((s) => s.name);
    expect(names.indexOf('execDetails')).toBeLessThan(names.lastIndexOf('orderStatus'));
    const filled = c.seen.filter((s) => s.name === 'orderStatus').at(-1)!.args;
    expect(filled.slice(0, 5)).toEqual([id, 'Filled', 1, 0, row.quote.ask]);
    expect((c.seen.find((s) => s.name === 'execDetails')!.args[2] as { orderRef: string }).orderRef).toBe(
      'raw-1',
    );
    expect(
      (c.seen.find((s) => s.name === 'commissionReport')!.args[0] as { commission: number }).commission,
    ).toBe(1);
    await until(() => c.seen.some((s) => s.name === 'position' && s.args[2] === 1), 'the position');
    expect(c.decodeErrors).toEqual([]);
    expect(g.protocolErrors).toEqual([]);
  });

  it("cancels: 202 for a live order, 10147 for an unknown one; the global cancel reaches every client's orders", async () => {
    const g = await start();
    const a = connect(g.port, 1);
    const b = connect(g.port, 2);
    const [idA, idB] = [await a.ready, await b.ready];
    const stk: Contract = { symbol: 'NVDA', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
    const resting = {
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      lmtPrice: 1,
      totalQuantity: 1,
      transmit: true,
    };
    a.ib.placeOrder(idA, stk, { ...resting, orderRef: 'a1' });
    a.ib.placeOrder(idA + 1, stk, { ...resting, orderRef: 'a2' });
    b.ib.placeOrder(idB, stk, { ...resting, orderRef: 'b1' });
    await until(() => g.orders.length === 3, 'three resting orders');
    a.ib.cancelOrder(idA);
    a.ib.cancelOrder(999);
    await until(() => a.seen.filter((s) => s.name === 'error').length >= 2, 'the cancel answers');
    const codes = a.seen.filter((s) => s.name === 'error').map((s) => [s.args[1], s.args[2]]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [202, idA],
        [10147, 999],
      ]),
    );
    b.ib.reqGlobalCancel();
    await until(() => g.orders.every((o) => o.status === 'Cancelled'), 'every order cancelled');
    expect(
      a.seen.some((s) => s.name === 'orderStatus' && s.args[0] === idA + 1 && s.args[1] === 'Cancelled'),
    ).toBe(true);
  });

  it('refuses a client id in use with 326 and closes the socket', async () => {
    const g = await start();
    const first = connect(g.port, 9);
    await first.ready;
    const second = connect(g.port, 9);
    await until(() => second.seen.some((s) => s.name === 'disconnected'), 'the second client to be dropped');
    expect(second.seen.some((s) => s.name === 'info' && s.args[1] === 326)).toBe(true);
    expect(g.connectedClients()).toEqual([9]);
  });

  it('restarts like the daily Gateway restart: refuses connections while down, keeps orders, rolls the next id back', async () => {
    const g = await start({ nextValidId: 50 });
    const c = connect(g.port, 4);
    const id = await c.ready;
    c.ib.placeOrder(
      id,
      { symbol: 'NVDA', secType: SecType.STK, exchange: 'SMART', currency: 'USD' },
      {
        action: OrderAction.BUY,
        orderType: OrderType.LMT,
        lmtPrice: 1,
        totalQuantity: 1,
        transmit: true,
        orderRef: 'keep',
      },
    );
    await until(() => g.orders.length === 1, 'the order');
    const restarting = g.restart({ downMs: 200, nextValidId: 50 });
    await until(() => c.seen.some((s) => s.name === 'disconnected'), 'the drop');
    const during = client(g.port);
    clients.push(during.ib);
    during.ib.connect(6);
    await until(
      () =>
        during.seen.some((s) => s.name === 'error' && s.args[1] === 502) ||
        during.seen.some((s) => s.name === 'disconnected'),
      'a refused connection',
    );
    await restarting;
    const again = connect(g.port, 4);
    expect(await again.ready).toBe(50);
    again.ib.reqAllOpenOrders();
    await until(() => again.seen.some((s) => s.name === 'openOrderEnd'), 'the open orders');
    expect(
      again.seen
        .filter((s) => s.name === 'openOrder')
        .map((s) => (s.args[2] as { orderRef: string }).orderRef),
    ).toEqual(['keep']);
  });

  it('answers more than 50 messages in a second with error 100', async () => {
    const g = await start();
    const c = client(g.port);
    clients.push(c.ib);
    const fast = new IBApi({ host: '127.0.0.1', port: g.port, maxReqPerSec: 200 });
    clients.push(fast);
    const infos: number[] = [];
    fast.on(EventName.info, (_m: string, code: number) => infos.push(code));
    const ready = new Promise((r) => fast.once(EventName.nextValidId, r));
    fast.connect(8);
    await ready;
    for (let i = 0; i < 70; i++) fast.reqCurrentTime();
    await until(() => infos.includes(100), 'error 100');
    expect(g.peakMessagesPerSecond(8)).toBeGreaterThan(50);
  });

  it('runs on its own: npx tsx test/fakes/ib-gateway/main.ts --port <port>', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fakes/ib-gateway/main.ts', '--port', '0', '--seed', '5', '--symbols', 'NVDA'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /127\.0\.0\.1:(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`main.ts exited (${code}) before listening`)));
        setTimeout(() => reject(new Error('main.ts did not start within 20 s')), 20_000);
      });
      const c = client(port);
      clients.push(c.ib);
      c.ib.connect(1);
      expect(await c.ready).toBe(1);
      c.ib.reqSecDefOptParams(1, 'NVDA', '', SecType.STK, 0);
      await until(
        () => c.seen.some((s) => s.name === 'securityDefinitionOptionParameterEnd'),
        'the option parameters',
        10_000,
      );
      expect(c.decodeErrors).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
