/**
 * The pure gate: every check, in order, on one intent and one context. No I/O; the same inputs give
 * the same result, so a snapshot of the context replays the decision exactly.
 */
import type { OrderIntent, SafetyCode } from '../domain/index.js';
import { analyze, isMissing } from './analysis/analyze.js';
import type { NetGreeks } from './analysis/greeks.js';
import {
  GATE_CHECKS,
  buyingPowerAfter,
  crossedLossLimits,
  type GateCheck,
  type LossLimitCode,
} from './checks/index.js';
import type { GateContext } from './gate-context.js';
import type { Rejection } from './rejection.js';

/** One line of the check trail journaled with an accepted order. */
export interface TrailEntry {
  readonly check: string;
  readonly passed: boolean;
  readonly code?: SafetyCode;
  /** The rejection's message, or `ok`. */
  readonly detail: string;
}

/** What the gate computed itself (never taken from the caller), for the trail, the CLI and the bench. JSON-safe: null where unbounded or unknown. */
export interface GateMetrics {
  readonly underlying: string | null;
  readonly contracts: number;
  /** Judged price per unit, signed (+ debit), dollars per share. */
  readonly price: number | null;
  readonly netMid: number | null;
  readonly spread: number | null;
  readonly natural: number | null;
  /** |price| × multiplier × quantity, dollars. */
  readonly premium: number | null;
  /** The order's own max loss, dollars; null when unbounded or unpriced. */
  readonly maxLoss: number | null;
  readonly maxLossBounded: boolean;
  /** What the order adds to its underlying's max loss, dollars; null when unbounded or unknown. */
  readonly maxLossIncrease: number | null;
  readonly underlyingMaxLossAfter: number | null;
  readonly totalMaxLossAfter: number | null;
  readonly greeksBefore: NetGreeks | null;
  readonly greeksAfter: NetGreeks | null;
  readonly buyingPowerAfter: number | null;
  /** Loss limits reached (the gate trips the breaker for these, whatever the order). */
  readonly lossLimitsCrossed: readonly LossLimitCode[];
}

export interface GateEvaluation {
  readonly accepted: boolean;
  /** Distinct codes, in check order. */
  readonly codes: readonly SafetyCode[];
  /** One per code (later messages with the same code are in `details.more`). */
  readonly rejections: readonly Rejection[];
  readonly trail: readonly TrailEntry[];
  readonly metrics: GateMetrics;
}

function finite(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

function runCheck(check: GateCheck, intent: OrderIntent, ctx: GateContext): Rejection | null {
  try {
    return check.run(intent, ctx);
  } catch (error) {
    // A check that throws is a bug; it must still refuse, never pass.
    return {
      code: 'GATE_INTERNAL_ERROR',
      message: `check ${check.name} failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The metrics of an intent in a context; never throws. */
export function gateMetrics(intent: OrderIntent, ctx: GateContext): GateMetrics {
  const a = analyze(intent, ctx);
  const safe = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  const risk = safe(() => a.risk(), null);
  const greeks = safe(() => a.greeks(), null);
  const r = risk && !isMissing(risk) ? risk : null;
  const g = greeks && !isMissing(greeks) ? greeks : null;
  const standalone = safe(() => a.standalone, null);
  return {
    underlying: a.symbol,
    contracts: a.contracts,
    price: safe(() => a.price, null),
    netMid: safe(() => a.quote?.netMid ?? null, null),
    spread: safe(() => a.quote?.spread ?? null, null),
    natural: safe(() => a.quote?.natural ?? null, null),
    premium: finite(safe(() => a.premium, null)),
    maxLoss: standalone?.bounded ? finite(standalone.value) : null,
    maxLossBounded: standalone?.bounded ?? false,
    maxLossIncrease: finite(r?.increase),
    underlyingMaxLossAfter: finite(r?.underlyingAfter),
    totalMaxLossAfter: finite(r?.totalAfter),
    greeksBefore: g?.before ?? null,
    greeksAfter: g?.after ?? null,
    buyingPowerAfter: finite(safe(() => buyingPowerAfter(intent, ctx), null)),
    lossLimitsCrossed: ctx.pnl ? crossedLossLimits(ctx.pnl, ctx.limits).map((c) => c.code) : [],
  };
}

/** Run every check on `intent` in `ctx`. Accepted only when no check refuses. */
export function evaluateGate(
  intent: OrderIntent,
  ctx: GateContext,
  checks: readonly GateCheck[] = GATE_CHECKS,
): GateEvaluation {
  const trail: TrailEntry[] = [];
  const byCode = new Map<SafetyCode, { first: Rejection; more: string[] }>();
  for (const check of checks) {
    const rejection = runCheck(check, intent, ctx);
    if (rejection === null) {
      trail.push({ check: check.name, passed: true, detail: 'ok' });
      continue;
    }
    trail.push({ check: check.name, passed: false, code: rejection.code, detail: rejection.message });
    const seen = byCode.get(rejection.code);
    if (seen) seen.more.push(rejection.message);
    else byCode.set(rejection.code, { first: rejection, more: [] });
  }
  const rejections = [...byCode.values()].map(({ first, more }) =>
    more.length === 0 ? first : { ...first, details: { ...first.details, more } },
  );
  return {
    accepted: rejections.length === 0,
    codes: rejections.map((r) => r.code),
    rejections,
    trail,
    metrics: gateMetrics(intent, ctx),
  };
}
