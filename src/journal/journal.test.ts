import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IllegalOrderTransitionError,
  RecordValidationError,
  brokerOrderId,
  clientOrderId,
  option,
  type OrderIntent,
} from '../domain/index.js';
import { JournalError, openJournal, type Journal } from './index.js';

const opened: Journal[] = [];
function fresh(): Journal {
  const j = openJournal({ dataDir: mkdtempSync(join(tmpdir(), 'swarmdesk-journal-')) });
  opened.push(j);
  return j;
}
afterEach(() => opened.splice(0).forEach((j) => j.close()));

const trade = {
  time: 1_700_000_000_000,
  underlying: 'NVDA',
  contract: 'NVDA 2026-12-18 150 C',
  legs: [{ contract: 'NVDA 2026-12-18 150 C', side: 'sell' as const, ratio: 1 }],
  side: 'sell' as const,
  quantity: 2,
  price: 3.15,
  commission: 1.3,
  instanceId: 'tech_aggressive',
  cycleId: 'c-1',
};

function intent(id: string): OrderIntent {
  return {
    clientOrderId: clientOrderId(id),
    legs: [{ contract: option('NVDA', '2026-12-18', 150, 'call'), side: 'sell', ratio: 1 }],
    quantity: 1,
    orderType: 'limit',
    limitPrice: 3.1,
    priceEffect: 'credit',
    timeInForce: 'day',
    rationale: 'test',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
}

describe('journal: trades and safety events', () => {
  it('logs and queries trades by time, underlying and instance', () => {
    const j = fresh();
    j.logTrade(trade);
    j.logTrade({
      ...trade,
      time: trade.time + 1000,
      underlying: 'AMD',
      contract: 'AMD 2026-12-18 100 P',
      instanceId: 'x',
    });
    expect(j.queryTrades()).toHaveLength(2);
    expect(j.queryTrades({ underlying: 'AMD' })[0]!.contract).toBe('AMD 2026-12-18 100 P');
    expect(j.queryTrades({ instanceId: 'tech_aggressive' })).toHaveLength(1);
    expect(j.queryTrades({ since: trade.time + 1 })).toHaveLength(1);
    expect(j.queryTrades({ limit: 1 })[0]!.underlying).toBe('AMD');
    expect(j.queryTrades()[1]).toMatchObject({ quantity: 2, price: 3.15, commission: 1.3, legs: trade.legs });
  });

  it('refuses a record with a missing field, naming it, and writes nothing', () => {
    const j = fresh();
    const { underlying: _u, ...missing } = trade;
    expect(() => j.logTrade(missing as never)).toThrow(RecordValidationError);
    expect(() => j.logTrade(missing as never)).toThrow(/underlying/);
    expect(() => j.logTrades([trade, { ...trade, quantity: -1 }])).toThrow(/trade\[1\]/);
    expect(j.queryTrades()).toHaveLength(0);
  });

  it('logs safety events with stable codes and refuses unknown codes', () => {
    const j = fresh();
    j.logSafetyEvent({
      time: 5,
      severity: 'warning',
      code: 'PRICE_OUTSIDE_COLLAR',
      message: 'limit 2.00 outside 1.40-1.60',
      details: { mid: 1.5 },
    });
    expect(() =>
      j.logSafetyEvent({ time: 5, severity: 'warning', code: 'NOPE' as never, message: 'x' }),
    ).toThrow(/code/);
    const [e] = j.querySafetyEvents({ code: 'PRICE_OUTSIDE_COLLAR' });
    expect(e).toMatchObject({ severity: 'warning', details: { mid: 1.5 } });
  });
});

describe('journal: bounded free text in safety events', () => {
  it('stores an excerpt of a megabyte message, cycle id and details, never the raw megabytes', () => {
    const j = fresh();
    const mb = 'x'.repeat(1_048_576);
    j.logSafetyEvent({
      time: 1,
      severity: 'warning',
      code: 'ORDER_MALFORMED',
      message: mb,
      clientOrderId: mb,
      cycleId: mb,
      details: { instanceIds: Array.from({ length: 100_000 }, (_, i) => `inst_${i}`) },
    });
    const [e] = j.querySafetyEvents();
    expect(e!.message.length).toBeLessThanOrEqual(4_000);
    expect(e!.message).toMatch(/… \(1048576 chars\)$/);
    expect(e!.cycleId!.length).toBeLessThanOrEqual(64);
    expect(e!.clientOrderId!.length).toBeLessThanOrEqual(64);
    expect(JSON.stringify(e!.details).length).toBeLessThan(20_000);
    expect(e!.details).toMatchObject({ truncated: true });
  });
});

describe('journal: orders and fills', () => {
  it('writes an intent before submit and follows the transition table', () => {
    const j = fresh();
    const id = clientOrderId('o-1');
    j.recordOrderIntent(intent('o-1'), 10, [{ check: 'price', ok: true }]);
    expect(j.getOrder(id)).toMatchObject({
      status: 'pending_submit',
      checkTrail: [{ check: 'price', ok: true }],
    });
    j.updateOrderStatus(id, { status: 'working', time: 11, brokerOrderId: '77' });
    expect(() => j.updateOrderStatus(id, { status: 'pending_submit', time: 12 })).toThrow(
      IllegalOrderTransitionError,
    );
    j.updateOrderStatus(id, { status: 'filled', time: 13, filledQuantity: 1 });
    expect(j.getOrder(id)).toMatchObject({ status: 'filled', brokerOrderId: '77', filledQuantity: 1 });
    expect(j.orderStatusHistory(id).map((h) => h.status)).toEqual(['pending_submit', 'working', 'filled']);
    expect(() => j.recordOrderIntent(intent('o-1'), 20)).toThrow(JournalError);
    expect(j.listOrders({ statuses: ['filled'] })).toHaveLength(1);
  });

  it('records a fill and its trade row once, even when the fill is replayed', () => {
    const j = fresh();
    j.recordOrderIntent(intent('o-2'), 10);
    const fill = {
      fillId: 'f-1',
      clientOrderId: clientOrderId('o-2'),
      brokerOrderId: brokerOrderId(1),
      legIndex: 0,
      contract: option('NVDA', '2026-12-18', 150, 'call'),
      side: 'sell' as const,
      quantity: 1,
      price: 3.1,
      commission: 1,
      time: 12,
    };
    const legs = [{ contract: 'NVDA 2026-12-18 150 C', side: 'sell' as const, ratio: 1 }];
    expect(j.recordFill(fill, { legs })).toBe(true);
    expect(j.recordFill(fill, { legs })).toBe(false);
    expect(j.queryTrades()).toHaveLength(1);
    expect(j.fillsForOrder(clientOrderId('o-2'))).toHaveLength(1);
  });
});

describe('journal: breaker', () => {
  it('starts ACTIVE; machines only tighten; a person may loosen; history is kept', () => {
    const j = fresh();
    expect(j.breakerStatus().state).toBe('ACTIVE');
    expect(
      j.setBreaker({ state: 'REDUCING', actor: 'loss_limit', reason: 'daily loss', time: 1 }),
    ).not.toBeNull();
    expect(j.setBreaker({ state: 'ACTIVE', actor: 'gate', reason: 'x', time: 2 })).toBeNull();
    expect(
      j.setBreaker({ state: 'HALTED', actor: 'watchdog', reason: 'heartbeat stale', time: 3 })?.previous,
    ).toBe('REDUCING');
    expect(j.breakerStatus()).toMatchObject({ state: 'HALTED', actor: 'watchdog' });
    j.setBreaker({ state: 'ACTIVE', actor: 'person', reason: 'checked', time: 4 });
    expect(j.breakerStatus().state).toBe('ACTIVE');
    expect(j.breakerHistory().map((h) => h.state)).toEqual(['ACTIVE', 'HALTED', 'REDUCING']);
  });

  it("a person's halt only tightens: HALTED stays HALTED on a later halt to REDUCING, and only resume loosens", () => {
    const j = fresh();
    expect(j.setBreaker({ state: 'HALTED', actor: 'person', reason: 'incident', time: 1 })).not.toBeNull();
    expect(j.setBreaker({ state: 'REDUCING', actor: 'person', reason: 'later', time: 2 })).toBeNull();
    expect(j.setBreaker({ state: 'HALTED', actor: 'person', reason: 'again', time: 3 })).toBeNull();
    expect(j.breakerStatus()).toMatchObject({ state: 'HALTED', reason: 'incident' });
    expect(j.setBreaker({ state: 'ACTIVE', actor: 'person', reason: 'resume', time: 4 })?.previous).toBe(
      'HALTED',
    );
    expect(j.setBreaker({ state: 'REDUCING', actor: 'person', reason: 'earnings', time: 5 })).not.toBeNull();
    expect(j.breakerHistory().map((h) => h.state)).toEqual(['REDUCING', 'ACTIVE', 'HALTED']);
  });

  it('clips an over-long breaker reason', () => {
    const j = fresh();
    j.setBreaker({ state: 'HALTED', actor: 'person', reason: 'r'.repeat(100_000), time: 1 });
    const reason = j.breakerStatus().reason!;
    expect(reason.length).toBeLessThanOrEqual(1_000);
    expect(reason).toMatch(/… \(100000 chars\)$/);
  });

  it('survives a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-journal-'));
    const a = openJournal({ dataDir: dir });
    a.setBreaker({ state: 'HALTED', actor: 'person', reason: 'manual', time: 1 });
    a.close();
    const b = openJournal({ dataDir: dir });
    expect(b.breakerStatus().state).toBe('HALTED');
    b.close();
  });
});

describe('journal: opening', () => {
  it('refuses a database written by a newer swarmdesk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-journal-'));
    const db = new Database(join(dir, 'trades.db'));
    db.pragma('user_version = 999');
    db.close();
    expect(() => openJournal({ dataDir: dir })).toThrow(/schema version 999, newer/);
  });

  it('says which data dir is not writable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-journal-'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => openJournal({ dataDir: join(dir, 'file', 'lake') })).toThrow(
      /data dir .*file\/lake is not writable/,
    );
  });

  it('is healthy and keeps cycles, signals and decisions', () => {
    const j = fresh();
    j.startCycle('c-1', 100);
    j.recordSignals('c-1', [{ instanceId: 'a', outcome: 'ok', signalKey: 'k', payload: { x: 1 } }]);
    j.recordDecision(
      { kind: 'no_trade', cycleId: 'c-1' as never, reason: 'nothing', decidedBy: { kind: 'rules' } },
      101,
    );
    j.finishCycle('c-1', { status: 'completed', time: 102, summary: { n: 1 } });
    expect(j.getCycle('c-1')).toMatchObject({ status: 'completed', endedAt: 102, summary: { n: 1 } });
    expect(j.signalsForCycle('c-1')[0]!.payload).toEqual({ x: 1 });
    expect(j.decisionsForCycle('c-1')[0]!.kind).toBe('no_trade');
    expect(() => j.finishCycle('c-404', { status: 'failed', time: 1 })).toThrow(/never started/);
    j.beat('main', 5, 123);
    expect(j.lastBeat('main')).toMatchObject({ time: 5, pid: 123 });
    expect(j.integrityCheck()).toBe('ok');
  });
});

describe('journal: secrets', () => {
  it('never writes a secret from the environment into events, signals or decisions', () => {
    const canary = 'canary-secret-journal-0123456789';
    const prev = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = canary;
    try {
      const j = fresh();
      j.startCycle('c-1', 1);
      j.logSafetyEvent({
        time: 1,
        severity: 'warning',
        code: 'BROKER_ERROR',
        message: `failed with key ${canary}`,
        details: { header: canary },
      });
      j.recordSignals('c-1', [
        { instanceId: 'a', outcome: 'refused', signalKey: null, payload: { output: `my key is ${canary}` } },
      ]);
      const [e] = j.querySafetyEvents();
      expect(e!.message).toBe('failed with key [REDACTED]');
      expect(e!.details).toEqual({ header: '[REDACTED]' });
      expect(JSON.stringify(j.signalsForCycle('c-1'))).not.toContain(canary);
    } finally {
      if (prev === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = prev;
    }
  });
});
