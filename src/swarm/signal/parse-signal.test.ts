import { describe, expect, it } from 'vitest';
import type { InstanceId, OptionChain } from '../../domain/index.js';
import { fixtureChain, FIXTURE_NOW } from '../test-support/fixture-market.js';
import { parseSignal, validateSignal, type ParseContext } from './parse-signal.js';

const EXPIRY = '2026-12-29';
const nvda = fixtureChain({ symbol: 'NVDA', spot: 180, atmIv: 0.55 }, FIXTURE_NOW);

function ctx(chains: Record<string, OptionChain> = { NVDA: nvda }, pool = ['NVDA', 'AMD']): ParseContext {
  return {
    instanceId: 'tech_aggressive' as InstanceId,
    pool,
    chains: new Map(Object.entries(chains)),
    maxSignals: 3,
  };
}

/** A put credit spread 160/150 on NVDA: credit about 2.09 at mid. */
function spread(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    underlying: 'NVDA',
    strategy: 'Put Credit Spread',
    action: 'open',
    view: 'bullish',
    legs: [
      { right: 'put', strike: 160, expiry: EXPIRY, side: 'sell', ratio: 1 },
      { right: 'put', strike: 150, expiry: EXPIRY, side: 'buy', ratio: 1 },
    ],
    limitPrice: 2.08,
    priceEffect: 'credit',
    confidence: 0.7,
    thesis: 'IV rank 91; puts rich.',
    horizonDays: 21,
    ...over,
  };
}

const leg = (strike: number, side: string, right = 'put', expiry = EXPIRY, ratio = 1) => ({
  right,
  strike,
  expiry,
  side,
  ratio,
});
const reason = (candidate: unknown, c = ctx()) => {
  const r = validateSignal(candidate, c);
  return r.ok ? 'accepted' : r.refusal.reason;
};

describe('validateSignal tickers', () => {
  it('refuses a non-ASCII underlying instead of upper-casing it into the pool ("nvdа" with a Cyrillic a, "gſ")', () => {
    expect(reason(spread({ underlying: 'nvda' }))).toBe('accepted');
    expect(reason(spread({ underlying: 'nvd\u0430' }))).toBe('schema_mismatch');
    expect(reason(spread({ underlying: 'gſ' }), ctx({ GS: nvda }, ['GS']))).toBe('schema_mismatch');
  });
});

describe('parseSignal', () => {
  it('accepts a valid signal, tolerant of prose, case and float noise, and stamps the instance', () => {
    const text = `Here is my proposal.\n\`\`\`json\n${JSON.stringify({
      signals: [
        spread({
          underlying: 'nvda',
          legs: [leg(160.0000000001, 'SELL', 'PUT'), leg(150, 'buy')],
          limitPrice: 2.084,
        }),
      ],
    })}\n\`\`\``;
    const out = parseSignal(text, ctx());
    expect(out.refusals).toEqual([]);
    expect(out.signals).toEqual([
      {
        instanceId: 'tech_aggressive',
        underlying: 'NVDA',
        strategy: 'put_credit_spread',
        action: 'open',
        view: 'bullish',
        legs: [
          { right: 'put', strike: 160, expiry: EXPIRY, side: 'sell', ratio: 1 },
          { right: 'put', strike: 150, expiry: EXPIRY, side: 'buy', ratio: 1 },
        ],
        limitPrice: 2.08,
        priceEffect: 'credit',
        confidence: 0.7,
        thesis: 'IV rank 91; puts rich.',
        horizonDays: 21,
      },
    ]);
  });

  it('takes an explicit empty list as no trade, and a bare signal object as one signal', () => {
    expect(parseSignal('{"signals": []}', ctx())).toEqual({ signals: [], refusals: [], outputRefusal: null });
    expect(parseSignal(JSON.stringify(spread()), ctx()).signals).toHaveLength(1);
  });

  it('refuses unparseable, ambiguous and off-contract outputs as a whole: no trade, never a default', () => {
    const whole = (text: string) => parseSignal(text, ctx());
    expect(whole('I would sell NVDA puts.')).toMatchObject({
      signals: [],
      outputRefusal: { reason: 'unparseable' },
    });
    expect(
      whole(`${JSON.stringify({ signals: [spread()] })} ${JSON.stringify({ signals: [] })}`),
    ).toMatchObject({
      signals: [],
      outputRefusal: { reason: 'ambiguous_output' },
    });
    expect(whole('{"trades": 1}')).toMatchObject({
      signals: [],
      outputRefusal: { reason: 'schema_mismatch' },
    });
    expect(whole(JSON.stringify({ signals: [spread(), spread(), spread(), spread()] }))).toMatchObject({
      signals: [],
      outputRefusal: { reason: 'too_many_signals' },
    });
  });

  it('judges each signal on its own: one refused, the other kept', () => {
    const out = parseSignal(JSON.stringify({ signals: [spread({ underlying: 'TSLA' }), spread()] }), ctx());
    expect(out.signals).toHaveLength(1);
    expect(out.refusals).toEqual([
      expect.objectContaining({ reason: 'symbol_outside_pool', signalIndex: 0 }),
    ]);
    expect(out.outputRefusal).toBeNull();
  });
});

describe('validateSignal refusals', () => {
  it('schema_mismatch: a missing or mistyped field', () => {
    const { thesis: _t, ...noThesis } = spread();
    expect(reason(noThesis)).toBe('schema_mismatch');
    expect(reason(spread({ limitPrice: '2.08' }))).toBe('schema_mismatch');
    expect(reason(spread({ action: 'buy' }))).toBe('schema_mismatch');
  });

  it('symbol_outside_pool: an underlying the instance was not asked about', () => {
    expect(reason(spread({ underlying: 'TSLA' }))).toBe('symbol_outside_pool');
  });

  it('contract_not_in_chain: an unlisted strike, expiry, impossible date, or no chain at all', () => {
    expect(reason(spread({ legs: [leg(161, 'sell'), leg(150, 'buy')] }))).toBe('contract_not_in_chain');
    expect(reason(spread({ legs: [leg(160, 'sell', 'put', '2026-12-30'), leg(150, 'buy')] }))).toBe(
      'contract_not_in_chain',
    );
    expect(reason(spread({ legs: [leg(160, 'sell', 'put', '2026-02-30'), leg(150, 'buy')] }))).toBe(
      'contract_not_in_chain',
    );
    expect(reason(spread({ underlying: 'AMD' }))).toBe('contract_not_in_chain');
  });

  it('unpriceable: a leg without a two-sided quote', () => {
    const holed: OptionChain = {
      ...nvda,
      rows: nvda.rows.map((r) =>
        r.contract.expiry === EXPIRY && r.contract.strike === 150 && r.contract.right === 'put'
          ? { ...r, quote: { ...r.quote, bid: null } }
          : r,
      ),
    };
    expect(reason(spread(), ctx({ NVDA: holed }))).toBe('unpriceable');
  });

  it('absurd_number: confidence, horizon, price, ratio and strike outside any sane range', () => {
    expect(reason(spread({ confidence: 1.5 }))).toBe('absurd_number');
    expect(reason(spread({ confidence: -0.1 }))).toBe('absurd_number');
    expect(reason(spread({ horizonDays: 0 }))).toBe('absurd_number');
    expect(reason(spread({ horizonDays: 4000 }))).toBe('absurd_number');
    expect(reason(spread({ limitPrice: 0 }))).toBe('absurd_number');
    expect(reason(spread({ limitPrice: 50 }))).toBe('absurd_number');
    expect(reason(spread({ legs: [leg(160, 'sell', 'put', EXPIRY, 1.5), leg(150, 'buy')] }))).toBe(
      'absurd_number',
    );
    expect(reason(spread({ legs: [leg(160, 'sell', 'put', EXPIRY, 11), leg(150, 'buy')] }))).toBe(
      'absurd_number',
    );
    expect(reason(spread({ legs: [leg(-160, 'sell'), leg(150, 'buy')] }))).toBe('absurd_number');
  });

  it('absurd_number: a credit as large as the strike width (a free lunch)', () => {
    // Deep in-the-money put spread 200/190: credit near 10 at mid; asking 10.50 on a 10-wide spread.
    const deep = spread({ legs: [leg(200, 'sell'), leg(190, 'buy')], limitPrice: 10.5 });
    const r = validateSignal(deep, ctx());
    expect(r.ok ? null : r.refusal).toMatchObject({
      reason: 'absurd_number',
      detail: expect.stringMatching(/strike width/),
    });
  });

  it('invalid_structure: no legs, too many, or one contract twice', () => {
    expect(reason(spread({ legs: [] }))).toBe('invalid_structure');
    expect(reason(spread({ legs: [150, 152.5, 155, 157.5, 160].map((k) => leg(k, 'buy')) }))).toBe(
      'invalid_structure',
    );
    expect(reason(spread({ legs: [leg(160, 'sell'), leg(160, 'buy')] }))).toBe('invalid_structure');
  });

  it('price_effect_mismatch: a credit spread called a debit', () => {
    expect(reason(spread({ priceEffect: 'debit' }))).toBe('price_effect_mismatch');
  });
});
