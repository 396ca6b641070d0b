import {
  isValidExpiry,
  type ChainRow,
  type InstanceId,
  type OptionChain,
  type Signal,
  type SignalLeg,
} from '../../domain/index.js';
import type { Refusal, RefusalReason } from '../errors.js';
import { outputSignalSchema, type OutputSignal } from '../prompt/output-contract.js';
import { validateUntrusted } from '../untrusted.js';
import { extractJson } from './extract-json.js';
import { structurePrice, type PricedLeg } from './structure-price.js';

/** What a signal is checked against: who sent it, what it may name, the chains it was shown. */
export interface ParseContext {
  readonly instanceId: InstanceId;
  readonly pool: readonly string[];
  /** Chains by underlying, as fetched this cycle. */
  readonly chains: ReadonlyMap<string, OptionChain>;
  readonly maxSignals: number;
}

/** An instance's output, judged: the signals that passed, and a refusal for each one that did not. */
export interface ParsedOutput {
  readonly signals: readonly Signal[];
  readonly refusals: readonly Refusal[];
  /** Set when the output as a whole was refused (nothing in it was read). */
  readonly outputRefusal: Refusal | null;
}

export type SignalCheck =
  { readonly ok: true; readonly signal: Signal } | { readonly ok: false; readonly refusal: Refusal };

const MAX_LEGS = 4;
const MAX_RATIO = 10;
const MAX_HORIZON_DAYS = 365;

/** Chain rows by expiry, right and strike (to the tenth of a cent), built once per chain. */
const rowIndex = new WeakMap<OptionChain, Map<string, ChainRow>>();
const rowKey = (expiry: string, right: string, strike: number): string =>
  `${expiry}|${right}|${Math.round(strike * 1000)}`;

function rowFor(chain: OptionChain, expiry: string, right: string, strike: number): ChainRow | undefined {
  let index = rowIndex.get(chain);
  if (!index) {
    index = new Map(
      chain.rows.map((r) => [rowKey(r.contract.expiry, r.contract.right, r.contract.strike), r]),
    );
    rowIndex.set(chain, index);
  }
  return index.get(rowKey(expiry, right, strike));
}

function refuse(
  reason: RefusalReason,
  detail: string,
  signalIndex?: number,
): { ok: false; refusal: Refusal } {
  return {
    ok: false,
    refusal: signalIndex === undefined ? { reason, detail } : { reason, detail, signalIndex },
  };
}

function absurdity(s: OutputSignal): string | null {
  if (!(s.confidence >= 0 && s.confidence <= 1)) return `confidence ${s.confidence} is outside 0..1`;
  if (!(s.horizonDays >= 1 && s.horizonDays <= MAX_HORIZON_DAYS))
    return `horizonDays ${s.horizonDays} is outside 1..${MAX_HORIZON_DAYS}`;
  if (!(s.limitPrice > 0)) return `limitPrice ${s.limitPrice} is not > 0`;
  for (const [i, leg] of s.legs.entries()) {
    if (!Number.isInteger(leg.ratio) || leg.ratio < 1 || leg.ratio > MAX_RATIO)
      return `legs[${i}].ratio ${leg.ratio} is not a whole number in 1..${MAX_RATIO}`;
    if (!(leg.strike > 0)) return `legs[${i}].strike ${leg.strike} is not > 0`;
  }
  return null;
}

/**
 * Judges one signal object from a model against the contract, the instance's pool and this cycle's
 * chains. Strikes are taken from the chain row, so float noise never reaches the dedupe key.
 */
export function validateSignal(candidate: unknown, ctx: ParseContext, index = 0): SignalCheck {
  const shape = validateUntrusted(candidate, outputSignalSchema);
  if (!shape.ok) return refuse('schema_mismatch', shape.problems.slice(0, 5).join('; '), index);
  const s = shape.value;
  if (!ctx.pool.includes(s.underlying)) {
    return refuse(
      'symbol_outside_pool',
      `${s.underlying} is not in the pool (${ctx.pool.join(', ')})`,
      index,
    );
  }
  if (s.legs.length === 0 || s.legs.length > MAX_LEGS)
    return refuse('invalid_structure', `${s.legs.length} legs; expected 1..${MAX_LEGS}`, index);
  const seen = new Set(s.legs.map((l) => `${l.right}|${l.strike}|${l.expiry}`));
  if (seen.size !== s.legs.length)
    return refuse('invalid_structure', 'the same contract appears in two legs', index);
  const absurd = absurdity(s);
  if (absurd) return refuse('absurd_number', absurd, index);

  const chain = ctx.chains.get(s.underlying);
  if (!chain) return refuse('contract_not_in_chain', `no chain for ${s.underlying} this cycle`, index);
  const priced: PricedLeg[] = [];
  for (const [i, leg] of s.legs.entries()) {
    const row = isValidExpiry(leg.expiry) ? rowFor(chain, leg.expiry, leg.right, leg.strike) : undefined;
    if (!row) {
      return refuse(
        'contract_not_in_chain',
        `legs[${i}] ${s.underlying} ${leg.expiry} ${leg.strike} ${leg.right} is not in the chain`,
        index,
      );
    }
    if (row.quote.bid === null || row.quote.ask === null || row.quote.ask < row.quote.bid) {
      return refuse(
        'unpriceable',
        `legs[${i}] ${s.underlying} ${leg.expiry} ${leg.strike} ${leg.right} has no two-sided quote`,
        index,
      );
    }
    priced.push({ row, side: leg.side, ratio: leg.ratio });
  }

  const price = structurePrice(priced);
  const tolerance = 0.05 + price.spread / 2;
  const chainEffect = price.netMid >= 0 ? 'debit' : 'credit';
  if (s.priceEffect !== chainEffect && Math.abs(price.netMid) > tolerance) {
    return refuse(
      'price_effect_mismatch',
      `called a ${s.priceEffect}, but the legs' net mid is a ${chainEffect} of ${Math.abs(price.netMid).toFixed(2)}`,
      index,
    );
  }
  const bound = 2 * Math.abs(price.netMid) + price.spread + 0.1;
  if (s.limitPrice > bound) {
    return refuse(
      'absurd_number',
      `limitPrice ${s.limitPrice} is far from the net mid ${Math.abs(price.netMid).toFixed(2)} (bound ${bound.toFixed(2)})`,
      index,
    );
  }
  if (s.priceEffect === 'credit' && price.widestWidth !== null && s.limitPrice >= price.widestWidth) {
    return refuse(
      'absurd_number',
      `a credit of ${s.limitPrice} is not below the strike width ${price.widestWidth}`,
      index,
    );
  }

  const legs: SignalLeg[] = priced.map(({ row, side, ratio }) => ({
    right: row.contract.right,
    strike: row.contract.strike,
    expiry: row.contract.expiry,
    side,
    ratio,
  }));
  return {
    ok: true,
    signal: {
      instanceId: ctx.instanceId,
      underlying: s.underlying,
      strategy: s.strategy,
      action: s.action,
      view: s.view,
      legs,
      limitPrice: Math.round(s.limitPrice * 100) / 100,
      priceEffect: s.priceEffect,
      confidence: s.confidence,
      thesis: s.thesis,
      horizonDays: Math.round(s.horizonDays),
    },
  };
}

/** The signal list in a reply: `{"signals": [...]}`, or (tolerated) one bare signal or a bare array. */
function signalList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value as unknown[];
  if (value !== null && typeof value === 'object') {
    const signals = (value as { signals?: unknown }).signals;
    if (Array.isArray(signals)) return signals as unknown[];
    if ('underlying' in value) return [value];
  }
  return null;
}

/**
 * Parses an instance's whole reply (untrusted text): finds its one JSON block, then judges each
 * signal. A refused output or signal means no trade, never a default trade.
 */
export function parseSignal(text: string, ctx: ParseContext): ParsedOutput {
  const whole = (reason: RefusalReason, detail: string): ParsedOutput => ({
    signals: [],
    refusals: [{ reason, detail }],
    outputRefusal: { reason, detail },
  });
  const extracted = extractJson(text);
  if (!extracted.ok) return whole(extracted.reason, extracted.detail);
  const list = signalList(extracted.value);
  if (list === null) return whole('schema_mismatch', 'expected {"signals": [...]}');
  if (list.length > ctx.maxSignals)
    return whole('too_many_signals', `${list.length} signals; at most ${ctx.maxSignals} per instance`);
  const signals: Signal[] = [];
  const refusals: Refusal[] = [];
  list.forEach((candidate, i) => {
    const checked = validateSignal(candidate, ctx, i);
    if (checked.ok) signals.push(checked.signal);
    else refusals.push(checked.refusal);
  });
  return { signals, refusals, outputRefusal: null };
}
