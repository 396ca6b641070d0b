import { describe, expect, it } from 'vitest';
import { brokerOrderId, clientOrderId } from '../domain/index.js';
import { evaluateGate } from './evaluate-gate.js';
import { portKind } from './gate-deps.js';
import { formatGateResult, gateResultJson, type GateResult } from './gate-result.js';
import { context, intent, optLeg, putCreditSpread } from './test-support/fixtures.js';

describe('gate results for people and for --json', () => {
  const accepted = (): GateResult => {
    const e = evaluateGate(putCreditSpread({ limitPrice: 1 }), context());
    return {
      accepted: true,
      dryRun: false,
      clientOrderId: clientOrderId('a-1'),
      brokerOrderId: brokerOrderId('P7'),
      order: null,
      trail: e.trail,
      metrics: e.metrics,
    };
  };
  const rejected = (): GateResult => {
    const e = evaluateGate(intent([optLeg('sell', 105, 'call')]), context());
    return {
      accepted: false,
      dryRun: true,
      clientOrderId: clientOrderId('r-1'),
      codes: e.codes,
      rejections: e.rejections,
      trail: e.trail,
      metrics: e.metrics,
      outcomeUnknown: false,
      fetchErrors: {},
    };
  };

  it('prints { accepted, codes, … } with every rejection code', () => {
    const json = gateResultJson(rejected());
    expect(json).toMatchObject({
      accepted: false,
      dryRun: true,
      clientOrderId: 'r-1',
      codes: expect.arrayContaining(['RISK_NAKED_SHORT_CALL']),
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(gateResultJson(accepted())).toMatchObject({ accepted: true, codes: [], brokerOrderId: 'P7' });
  });

  it('says what was sent, or each code with its message', () => {
    expect(formatGateResult(accepted())).toMatch(
      /^accepted: a-1 sent as broker order P7 .*\n {2}premium \$100.00, max loss \$400.00\n$/,
    );
    const text = formatGateResult(rejected());
    expect(text).toMatch(/^dry run: rejected r-1: .*RISK_NAKED_SHORT_CALL/);
    expect(text).toMatch(/\n {2}RISK_NAKED_SHORT_CALL +the order leaves short calls/);
  });
});

describe('portKind', () => {
  it('reads IB Gateway and TWS ports, and the paper broker', () => {
    expect(portKind({ type: 'ibkr', port: 4002 })).toBe('paper');
    expect(portKind({ type: 'ibkr', port: 7497 })).toBe('paper');
    expect(portKind({ type: 'ibkr', port: 4001 })).toBe('live');
    expect(portKind({ type: 'ibkr', port: 7496 })).toBe('live');
    expect(portKind({ type: 'ibkr', port: 5000 })).toBeNull();
    expect(portKind({ type: 'paper' })).toBe('paper');
    expect(portKind(undefined)).toBeNull();
  });
});
