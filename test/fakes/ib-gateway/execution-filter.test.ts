/**
 * The fake's execution filter against TWS's rules: each field narrows, an empty one (client id 0)
 * does not, the time is UTC with a dash and TWS's zone (New York) without one.
 */
import { describe, expect, it } from 'vitest';
import { option, stock } from '../../../src/domain/index.js';
import type { FakeExecution } from './exchange.js';
import { filterTime, selectExecutions } from './execution-filter.js';
import { wireContract } from './instruments.js';
import type { ExecutionsRequest } from './requests.js';

const T0 = Date.parse('2026-03-10T15:00:00Z');

function exec(n: number, clientId: number, opt: boolean, side: 'BOT' | 'SLD', time: number): FakeExecution {
  const contract = wireContract(opt ? option('NVDA', '2026-04-17', 180, 'call') : stock('NVDA'));
  return {
    execId: `e${n}`,
    orderId: n,
    clientId,
    contract,
    wire: {
      execId: `e${n}`,
      time: '',
      account: 'DU1234567',
      side,
      shares: 1,
      price: 1,
      permId: 500 + n,
      clientId,
      cumQty: 1,
      avgPrice: 1,
      orderRef: `o-${n}`,
    },
    commission: 0.65,
    realizedPnl: null,
    time,
  };
}

const all: ExecutionsRequest = {
  reqId: 1,
  clientId: 0,
  account: '',
  time: '',
  symbol: '',
  secType: '',
  exchange: '',
  side: '',
};

describe('fake gateway: reqExecutions filter', () => {
  const book = [
    exec(1, 1, false, 'BOT', T0),
    exec(2, 999, false, 'SLD', T0 + 60_000),
    exec(3, 997, true, 'BOT', T0 + 120_000),
  ];
  const ids = (req: Partial<ExecutionsRequest>): string[] =>
    selectExecutions(book, { ...all, ...req }).map((e) => e.execId);

  it("client id 0 is every client's executions; another id only that client's", () => {
    expect(ids({})).toEqual(['e1', 'e2', 'e3']);
    expect(ids({ clientId: 999 })).toEqual(['e2']);
  });

  it('narrows by account, symbol, security type, venue and side (BUY/SELL or BOT/SLD)', () => {
    expect(ids({ account: 'DU1234567' })).toEqual(['e1', 'e2', 'e3']);
    expect(ids({ account: 'DU7654321' })).toEqual([]);
    expect(ids({ symbol: 'AMD' })).toEqual([]);
    expect(ids({ secType: 'OPT' })).toEqual(['e3']);
    expect(ids({ exchange: 'ISLAND' })).toEqual(['e1', 'e2']);
    expect(ids({ side: 'SELL' })).toEqual(['e2']);
    expect(ids({ side: 'BOT' })).toEqual(['e1', 'e3']);
  });

  it('keeps executions from the filter time on: UTC with a dash, New York without, a zone when given', () => {
    expect(filterTime('20260310-15:01:00')).toBe(T0 + 60_000);
    expect(filterTime('20260310 11:01:00')).toBe(T0 + 60_000);
    expect(filterTime('20260310 15:01:00 UTC')).toBe(T0 + 60_000);
    expect(filterTime('20260310 11:01:00 US/Eastern')).toBe(T0 + 60_000);
    expect(filterTime('')).toBeNull();
    expect(ids({ time: '20260310-15:01:00' })).toEqual(['e2', 'e3']);
    expect(() => filterTime('yesterday')).toThrow(/yyyymmdd-hh:mm:ss/);
    expect(() => filterTime('20260310 11:01:00 Europe/Zurich')).toThrow(/Europe\/Zurich/);
  });
});
