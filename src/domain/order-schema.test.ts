import { describe, expect, it } from 'vitest';
import { formatIssues } from './errors.js';
import { option } from './contract.js';
import { parseOrderIntent } from './order-schema.js';
import { findChainRow, type ChainRow, type OptionChain } from './quote.js';
import { tickerSchema } from './schema-parts.js';
import { excerpt, MAX_INSTANCE_IDS, MAX_RATIONALE_LENGTH } from './text-bounds.js';
import { tickerFromInput } from './ticker.js';
import { zodIssues } from './validation.js';

const leg = (contract: Record<string, unknown>) => ({
  contract: {
    kind: 'option',
    symbol: 'NVDA',
    expiry: '2026-12-18',
    strike: 150,
    right: 'call',
    multiplier: 100,
    ...contract,
  },
  side: 'sell',
  ratio: 1,
});

const base = {
  clientOrderId: 'o-1',
  legs: [leg({})],
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

/** The malformed-intent message the gate journals: every issue, one line each. */
function problems(value: Record<string, unknown>): string {
  const r = parseOrderIntent(value);
  if (r.ok) return '';
  return formatIssues(zodIssues(r.error, value));
}

describe('order intent schema: exact inputs', () => {
  it('refuses an impossible expiry date, naming the field and the value', () => {
    expect(parseOrderIntent(base).ok).toBe(true);
    expect(problems({ ...base, legs: [leg({ expiry: '2026-13-45' })] })).toBe(
      'legs[0].contract.expiry: expected a real calendar date YYYY-MM-DD, got "2026-13-45"',
    );
    expect(problems({ ...base, legs: [leg({ expiry: '2026-02-30' })] })).toMatch(
      /legs\[0\]\.contract\.expiry: .*got "2026-02-30"/,
    );
  });

  it('refuses a strike that is not whole thousandths of a dollar and keeps listed ones', () => {
    expect(problems({ ...base, legs: [leg({ strike: 195.0000000001 })] })).toBe(
      'legs[0].contract.strike: expected a strike in whole thousandths of a dollar, exactly as listed (e.g. 150, 152.5), got 195.0000000001',
    );
    for (const strike of [0.5, 152.5, 33.335, 195]) {
      expect(parseOrderIntent({ ...base, legs: [leg({ strike })] }).ok).toBe(true);
    }
  });

  it('refuses a non-ASCII or lower-case ticker rather than folding it', () => {
    expect(problems({ ...base, legs: [leg({ symbol: 'Gſ' })] })).toMatch(
      /^legs\[0\]\.contract\.symbol: expected an upper-case ticker/,
    );
    expect(parseOrderIntent({ ...base, legs: [leg({ symbol: 'gs' })] }).ok).toBe(false);
  });
});

describe('order intent schema: bounded free text', () => {
  it('refuses a megabyte cycle id and quotes only an excerpt of it', () => {
    const huge = 'c'.repeat(1_048_576);
    const message = problems({ ...base, cycleId: huge });
    expect(message).toMatch(/^cycleId: expected an id of 1 to 64 characters/);
    expect(message).toContain('(1048576 chars)');
    expect(message.length).toBeLessThan(300);
    expect(parseOrderIntent({ ...base, cycleId: 'c-20261124T064100123Z-0007' }).ok).toBe(true);
  });

  it(`refuses more than ${MAX_INSTANCE_IDS} instance ids as one issue, however long the list`, () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `Bad Id ${i}`);
    const r = parseOrderIntent({ ...base, instanceIds: ids });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues).toHaveLength(1);
    expect(formatIssues(zodIssues(r.error, { instanceIds: ids })).length).toBeLessThan(200);
    const fifty = Array.from({ length: MAX_INSTANCE_IDS }, (_, i) => `inst_${i}`);
    expect(parseOrderIntent({ ...base, instanceIds: fifty }).ok).toBe(true);
    expect(parseOrderIntent({ ...base, instanceIds: ['Not An Id'] }).ok).toBe(false);
  });

  it('refuses a rationale over the bound and ids outside [A-Za-z0-9._:-]{1,64}', () => {
    expect(parseOrderIntent({ ...base, rationale: 'x'.repeat(MAX_RATIONALE_LENGTH) }).ok).toBe(true);
    expect(parseOrderIntent({ ...base, rationale: 'x'.repeat(MAX_RATIONALE_LENGTH + 1) }).ok).toBe(false);
    expect(parseOrderIntent({ ...base, clientOrderId: 'a'.repeat(65) }).ok).toBe(false);
    expect(parseOrderIntent({ ...base, cycleId: 'c 1' }).ok).toBe(false);
  });

  it('lists at most ten unknown keys, each clipped, when an intent carries thousands', () => {
    const extra = Object.fromEntries(
      Array.from({ length: 5_000 }, (_, i) => [`claim${i}${'z'.repeat(500)}`, 1]),
    );
    const message = problems({ ...base, ...extra });
    expect(message).toMatch(/and 4990 more \(typo\? unknown keys are errors\)$/);
    expect(message.length).toBeLessThan(1_500);
  });
});

describe('excerpt', () => {
  it('keeps short text and cuts long text to the bound with its original length', () => {
    expect(excerpt('short', 10)).toBe('short');
    const cut = excerpt('a'.repeat(1000), 40);
    expect(cut).toHaveLength(40);
    expect(cut).toMatch(/^a+… \(1000 chars\)$/);
    expect(excerpt(`${'a'.repeat(24)}😀${'b'.repeat(100)}`, 40)).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])/,
    );
  });
});

describe('tickers', () => {
  it('takes either case of a plain ASCII ticker and refuses letters that fold onto ASCII', () => {
    expect(tickerFromInput('brk.b')).toBe('BRK.B');
    expect(tickerFromInput('Gſ')).toBeNull();
    expect('Gſ'.toUpperCase()).toBe('GS');
    expect(tickerFromInput('ı')).toBeNull();
    expect(tickerSchema.safeParse('Gſ').success).toBe(false);
    expect(tickerSchema.safeParse('GS').success).toBe(true);
  });
});

describe('findChainRow', () => {
  it('matches a listed strike exactly and nothing within float noise of it', () => {
    const row = { contract: option('NVDA', '2026-12-18', 195, 'put') } as ChainRow;
    const chain = { rows: [row] } as unknown as OptionChain;
    expect(findChainRow(chain, option('NVDA', '2026-12-18', 195, 'put'))).toBe(row);
    expect(findChainRow(chain, option('NVDA', '2026-12-18', 195.0000000001, 'put'))).toBeUndefined();
  });
});
