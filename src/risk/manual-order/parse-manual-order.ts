/**
 * `swarmdesk order <buy|sell> <qty> <SYMBOL> [<YYYY-MM-DD> <STRIKE> <C|P>] --limit <price>
 * [--leg "sell 1 NVDA 2026-12-18 150 P"]…`: the words of a manual order, turned into an OrderIntent
 * (which then goes through the same gate as any other). Pure: the id derives from `now` and the order.
 *
 * The positional leg has ratio 1 and `<qty>` is the number of units; each `--leg` gives its own side
 * and ratio. The net `--limit` is paid when the positional leg buys (debit) and received when it
 * sells (credit), unless `priceEffect` says otherwise.
 */
import { createHash } from 'node:crypto';
import {
  excerpt,
  isValidExpiry,
  option,
  parseOrderIntent,
  stock,
  tickerFromInput,
  zodIssues,
  type Leg,
  type OrderIntent,
  type Right,
  type Side,
} from '../../domain/index.js';

export interface ManualOrderInput {
  /** `<buy|sell> <qty> <SYMBOL>` and, for an option, `<YYYY-MM-DD> <STRIKE> <C|P>`. */
  readonly positional: readonly string[];
  /** `--limit`, dollars per share (net per unit for a combo). */
  readonly limit?: string;
  /** `--leg`, each `"<buy|sell> <ratio> <SYMBOL> [<YYYY-MM-DD> <STRIKE> <C|P>]"`. */
  readonly legs?: readonly string[];
  /** `day` (default), `gtc`, `ioc`. */
  readonly timeInForce?: string;
  /** `debit` or `credit`; default from the positional leg's side. */
  readonly priceEffect?: string;
  readonly clientOrderId?: string;
  /** Epoch ms, for the generated client order id. */
  readonly now: number;
}

/** What is wrong: the token, what was expected there, a sentence for people. */
export interface ManualOrderIssue {
  readonly token: string;
  readonly expected: string;
  readonly message: string;
}

export type ManualOrderResult =
  | { readonly ok: true; readonly intent: OrderIntent }
  | { readonly ok: false; readonly issue: ManualOrderIssue };

class Bad extends Error {
  constructor(readonly issue: ManualOrderIssue) {
    super(issue.message);
  }
}

function bad(where: string, token: string | undefined, expected: string): never {
  const shown = token === undefined ? 'nothing' : JSON.stringify(excerpt(token, 60));
  throw new Bad({ token: token ?? '', expected, message: `${where}: expected ${expected}, got ${shown}` });
}

// Printable ASCII only: case folding of other letters can land on ASCII ones (`ſ` upper-cases to `S`).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Refuse any word that is not printable ASCII before anything is case-folded. */
function requireAscii(where: string, token: string | undefined): void {
  if (token !== undefined && !PRINTABLE_ASCII.test(token))
    bad(where, token, 'plain ASCII letters, digits and punctuation');
}

function parseSide(where: string, token: string | undefined): Side {
  const t = token?.toLowerCase();
  if (t === 'buy' || t === 'sell') return t;
  return bad(where, token, '"buy" or "sell"');
}

function parsePositiveInt(where: string, token: string | undefined, what: string): number {
  if (token !== undefined && /^\d+$/.test(token) && Number(token) > 0 && Number.isSafeInteger(Number(token)))
    return Number(token);
  return bad(where, token, `${what} (a whole number above 0)`);
}

function parseSymbol(where: string, token: string | undefined): string {
  const s = token === undefined ? null : tickerFromInput(token);
  if (s !== null) return s;
  return bad(where, token, 'a ticker like NVDA');
}

function parseRight(where: string, token: string | undefined): Right {
  const t = token?.toUpperCase();
  if (t === 'C' || t === 'CALL') return 'call';
  if (t === 'P' || t === 'PUT') return 'put';
  return bad(where, token, 'C or P');
}

function parsePrice(where: string, token: string | undefined, what: string): number {
  if (token !== undefined && /^\d+(\.\d+)?$/.test(token) && Number(token) > 0) return Number(token);
  return bad(where, token, what);
}

/** One leg from words: `side count SYMBOL [expiry strike right]`. */
function parseLeg(where: string, words: readonly string[]): { leg: Omit<Leg, 'ratio'>; count: number } {
  const side = parseSide(`${where} side`, words[0]);
  const count = parsePositiveInt(`${where} quantity`, words[1], 'a quantity');
  const symbol = parseSymbol(`${where} symbol`, words[2]);
  if (words.length === 3) return { leg: { contract: stock(symbol), side }, count };
  const expiry = words[3];
  if (expiry === undefined || !isValidExpiry(expiry))
    bad(`${where} expiry`, expiry, 'an expiry date YYYY-MM-DD');
  const strike = parsePrice(`${where} strike`, words[4], 'a strike like 150 or 152.5');
  const right = parseRight(`${where} right`, words[5]);
  if (words.length > 6) bad(`${where}`, words[6], 'nothing more after the right (C|P)');
  return { leg: { contract: option(symbol, expiry, strike, right), side }, count };
}

function defaultId(now: number, intentish: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(intentish)).digest('hex').slice(0, 8);
  return `m-${now}-${hash}`;
}

/** Parse a manual order. Every error names the bad token and what was expected there. */
export function parseManualOrder(input: ManualOrderInput): ManualOrderResult {
  try {
    const pos = input.positional;
    pos.forEach((t, i) => requireAscii(`order word ${i + 1}`, t));
    (input.legs ?? []).forEach((t, i) => requireAscii(`--leg ${i + 1}`, t));
    requireAscii('--limit', input.limit);
    requireAscii('--tif', input.timeInForce);
    requireAscii('--price-effect', input.priceEffect);
    requireAscii('clientOrderId', input.clientOrderId);
    if (pos.length !== 3 && pos.length !== 6) {
      bad(
        'order',
        pos.slice(3).join(' ') || pos.join(' ') || undefined,
        '<buy|sell> <qty> <SYMBOL> for stock, or <buy|sell> <qty> <SYMBOL> <YYYY-MM-DD> <STRIKE> <C|P> for an option',
      );
    }
    const first = parseLeg('order', pos);
    const legs: Leg[] = [{ ...first.leg, ratio: 1 }];
    for (const [i, text] of (input.legs ?? []).entries()) {
      const words = text.trim().split(/\s+/);
      if (words.length !== 3 && words.length !== 6) {
        bad(`--leg ${i + 1}`, text, '"<buy|sell> <ratio> <SYMBOL> [<YYYY-MM-DD> <STRIKE> <C|P>]"');
      }
      const extra = parseLeg(`--leg ${i + 1}`, words);
      legs.push({ ...extra.leg, ratio: extra.count });
    }
    const limitPrice = parsePrice(
      '--limit',
      input.limit,
      'a price above 0 like 1.25 (manual orders are limit orders)',
    );
    const tif = (input.timeInForce ?? 'day').toLowerCase();
    if (tif !== 'day' && tif !== 'gtc' && tif !== 'ioc') bad('--tif', input.timeInForce, 'day, gtc or ioc');
    const effect = input.priceEffect?.toLowerCase() ?? (first.leg.side === 'buy' ? 'debit' : 'credit');
    if (effect !== 'debit' && effect !== 'credit')
      bad('--price-effect', input.priceEffect, 'debit or credit');
    const body = {
      legs,
      quantity: first.count,
      orderType: 'limit' as const,
      limitPrice,
      priceEffect: effect,
      timeInForce: tif,
    };
    const candidate = {
      clientOrderId: input.clientOrderId ?? defaultId(input.now, body),
      ...body,
      rationale: 'manual order from the command line',
      instanceIds: [],
      cycleId: null,
      origin: 'manual' as const,
    };
    const parsed = parseOrderIntent(candidate);
    if (!parsed.ok) {
      const first = zodIssues(parsed.error, candidate)[0]!;
      return {
        ok: false,
        issue: { token: first.path, expected: first.message, message: `${first.path}: ${first.message}` },
      };
    }
    return { ok: true, intent: parsed.intent };
  } catch (error) {
    if (error instanceof Bad) return { ok: false, issue: error.issue };
    throw error;
  }
}
