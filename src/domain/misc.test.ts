import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientOrderId, instanceId, newCycleId, InvalidIdError } from './ids.js';
import { contractKey, option, stock } from './contract.js';
import { structureKey, totalContracts, legQuantities } from './combo.js';
import { isOnTick, roundToTick, tickFor } from './tick.js';
import { parseDuration, formatDuration } from './duration.js';
import { zodIssues } from './validation.js';
import { redactSecrets } from './secrets.js';
import { quoteFlags, midPrice } from './quote.js';
import { signalKey, oppositeSignalKey, type SignalLeg } from './signal.js';
import { parseOrderIntent } from './order-schema.js';

describe('ids', () => {
  it('accepts well-formed ids and refuses others with the rule', () => {
    expect(clientOrderId('c-1.a:b')).toBe('c-1.a:b');
    expect(() => clientOrderId('has space')).toThrow(InvalidIdError);
    expect(() => instanceId('Tech')).toThrow(/lower-case/);
    expect(newCycleId(Date.parse('2026-11-24T06:41:00.123Z'), 7)).toBe('c-20261124T064100123Z-0007');
  });
});

describe('contracts and legs', () => {
  const c = option('NVDA', '2026-12-18', 150, 'call');
  const p = option('NVDA', '2026-12-18', 140, 'put');
  it('keys contracts readably', () => {
    expect(contractKey(c)).toBe('NVDA 2026-12-18 150 C');
    expect(contractKey(option('SPY', '2026-12-18', 452.5, 'put'))).toBe('SPY 2026-12-18 452.5 P');
    expect(contractKey(stock('NVDA'))).toBe('NVDA');
  });
  it('keys a structure independent of leg order', () => {
    const a = structureKey([
      { contract: c, side: 'sell', ratio: 1 },
      { contract: p, side: 'buy', ratio: 1 },
    ]);
    const b = structureKey([
      { contract: p, side: 'buy', ratio: 1 },
      { contract: c, side: 'sell', ratio: 1 },
    ]);
    expect(a).toBe(b);
    expect(
      totalContracts(
        [
          { contract: c, side: 'sell', ratio: 1 },
          { contract: p, side: 'buy', ratio: 2 },
        ],
        3,
      ),
    ).toBe(9);
    expect(legQuantities([{ contract: c, side: 'sell', ratio: 2 }], 3)[0]!.quantity).toBe(-6);
  });
});

describe('ticks', () => {
  it('uses penny ticks below $3 and nickels above', () => {
    expect(tickFor(2.99)).toBe(0.01);
    expect(tickFor(3)).toBe(0.05);
    expect(isOnTick(3.15, 0.05)).toBe(true);
    expect(isOnTick(3.12, 0.05)).toBe(false);
    expect(roundToTick(3.12, 0.05, 'down')).toBe(3.1);
    expect(roundToTick(3.12, 0.05, 'up')).toBe(3.15);
  });
});

describe('durations', () => {
  it('parses what people write and refuses the rest', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration(-1)).toBeNull();
    expect(formatDuration(60_000)).toBe('1m');
  });
});

describe('zodIssues', () => {
  it('phrases issues with the path, the bound and the value', () => {
    const schema = z.object({ risk: z.object({ n: z.number().int().positive() }).strict() }).strict();
    const input = { risk: { n: -3, extra: 1 } };
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    const issues = zodIssues(r.error!, input);
    expect(issues).toContainEqual({ path: 'risk.n', message: 'expected a value > 0, got -3' });
    expect(issues.find((i) => i.path === 'risk')?.message).toMatch(/unknown key.*"extra"/);
  });
});

describe('secrets', () => {
  it('redacts every secret value from text', () => {
    const env = {
      ANTHROPIC_API_KEY: 'canary-secret-123456789',
      MY_TOKEN: 'tok-abcdefghij',
      PATH: '/usr/bin',
    };
    const out = redactSecrets('key canary-secret-123456789 and tok-abcdefghij in /usr/bin', env);
    expect(out).toBe('key [REDACTED] and [REDACTED] in /usr/bin');
  });
});

describe('quotes', () => {
  it('flags crossed, locked, zero-bid and stale quotes', () => {
    const q = { bid: 1.2, ask: 1.1, bidSize: 1, askSize: 1, last: null, time: 0 };
    expect(quoteFlags(q, 100, 1000)).toEqual(['crossed']);
    expect(quoteFlags({ ...q, ask: 1.2 }, 5000, 1000)).toEqual(['locked', 'stale']);
    expect(quoteFlags({ ...q, bid: 0 }, 0, 1000)).toEqual(['zero_bid']);
    expect(midPrice({ bid: 1, ask: 1.1 })).toBeCloseTo(1.05, 12);
    expect(midPrice({ bid: null, ask: 1.1 })).toBeNull();
  });
});

describe('signal keys', () => {
  const legs: SignalLeg[] = [
    { right: 'put', strike: 100, expiry: '2026-12-18', side: 'sell', ratio: 1 },
    { right: 'put', strike: 95, expiry: '2026-12-18', side: 'buy', ratio: 1 },
  ];
  it('is independent of leg order and flips with direction', () => {
    const k = signalKey({ underlying: 'AMD', action: 'open', legs });
    expect(signalKey({ underlying: 'AMD', action: 'open', legs: [...legs].reverse() })).toBe(k);
    expect(oppositeSignalKey({ underlying: 'AMD', action: 'open', legs })).not.toBe(k);
  });
});

describe('order intent schema', () => {
  const base = {
    clientOrderId: 'o-1',
    legs: [
      {
        contract: {
          kind: 'option',
          symbol: 'NVDA',
          expiry: '2026-12-18',
          strike: 150,
          right: 'call',
          multiplier: 100,
        },
        side: 'sell',
        ratio: 1,
      },
    ],
    quantity: 1,
    orderType: 'limit',
    limitPrice: 1.2,
    priceEffect: 'credit',
    timeInForce: 'day',
    rationale: '',
    instanceIds: [],
    cycleId: null,
    origin: 'manual',
  };
  it('accepts a well-formed intent', () => expect(parseOrderIntent(base).ok).toBe(true));
  it('refuses a single sell marked as a debit', () => {
    const r = parseOrderIntent({ ...base, priceEffect: 'debit' });
    expect(r.ok).toBe(false);
  });
  it('refuses a limit order without a price and a zero quantity', () => {
    expect(parseOrderIntent({ ...base, limitPrice: null }).ok).toBe(false);
    expect(parseOrderIntent({ ...base, quantity: 0 }).ok).toBe(false);
  });
});
