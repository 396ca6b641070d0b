/**
 * `place_order_with_guard`: the only road from an order intent to `Broker.placeOrder`. Validate the
 * shape, gather the context, run every check, journal every rejection (one safety event per code),
 * trip the breaker on crossed loss limits, and for an accepted order write the intent with its
 * check trail BEFORE sending it, then record what the broker said.
 */
import {
  clientOrderId,
  formatIssues,
  parseOrderIntent,
  zodIssues,
  type ClientOrderId,
} from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import { evaluateGate } from './evaluate-gate.js';
import { gatherGateContext } from './gather-context.js';
import type { CycleInfo, GateDeps } from './gate-deps.js';
import { journalDecision, journalFailure, type LossLimitTrip } from './gate-journal.js';
import { rejectedResult, type GateResult } from './gate-result.js';
import type { Rejection } from './rejection.js';
import { sendAccepted } from './send-order.js';

export interface PlaceOrderOptions {
  /** Evaluate only: nothing is recorded, nothing is sent; the result has the same shape. */
  readonly dryRun?: boolean;
  /** Overrides `deps.cycle` for this call. */
  readonly cycle?: CycleInfo;
}

/** Serialises gate calls that share a journal, so two orders cannot both pass a throttle at once. */
const queues = new WeakMap<Journal, Promise<unknown>>();

function serialised<T>(journal: Journal, work: () => Promise<T>): Promise<T> {
  const before = queues.get(journal) ?? Promise.resolve();
  const run = before.then(work, work);
  queues.set(
    journal,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

function idOf(raw: unknown): ClientOrderId | null {
  const v =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).clientOrderId : undefined;
  try {
    return typeof v === 'string' ? clientOrderId(v) : null;
  } catch {
    return null;
  }
}

/**
 * Judge `raw` (an untrusted order intent) and, when every check passes, send it to the broker.
 * Never throws for a refusal; returns a typed result. Fails closed: anything it cannot get or
 * cannot record is a rejection.
 */
export function placeOrderWithGuard(
  raw: unknown,
  deps: GateDeps,
  options: PlaceOrderOptions = {},
): Promise<GateResult> {
  return serialised(deps.journal, async () => {
    try {
      return await guard(raw, deps, options);
    } catch (error) {
      // A bug in the gate's own plumbing: refuse (and say so), never pass, never throw.
      const rejection: Rejection = {
        code: 'GATE_INTERNAL_ERROR',
        message: `the gate failed while judging the order: ${error instanceof Error ? error.message : String(error)}`,
      };
      const id = idOf(raw);
      let time: number | null = null;
      try {
        time = deps.clock.now();
      } catch {
        // nothing to stamp the event with; the result still refuses
      }
      if (!options.dryRun && time !== null) {
        journalDecision(deps.journal, [rejection], { time, clientOrderId: id, cycleId: null });
      }
      return rejectedResult(id, [rejection], { dryRun: options.dryRun ?? false });
    }
  });
}

async function guard(raw: unknown, deps: GateDeps, options: PlaceOrderOptions): Promise<GateResult> {
  const dryRun = options.dryRun ?? false;
  const { journal, clock } = deps;
  const parsed = parseOrderIntent(raw);
  if (!parsed.ok) {
    const id = idOf(raw);
    const rejection: Rejection = {
      code: 'ORDER_MALFORMED',
      message: `the order intent is malformed: ${formatIssues(zodIssues(parsed.error, raw)).replace(/\n/g, '; ')}`,
    };
    if (!dryRun)
      journalDecision(journal, [rejection], { time: clock.now(), clientOrderId: id, cycleId: null });
    return rejectedResult(id, [rejection], { dryRun });
  }
  const intent = parsed.intent;
  const cycle = options.cycle ?? deps.cycle;
  const gateDeps: GateDeps = cycle ? { ...deps, cycle } : deps;

  const { ctx, errors } = await gatherGateContext(intent, gateDeps);
  if (!dryRun && ctx.account) {
    // Marks feed the high-water mark and the day's baseline of later decisions; a failed mark is
    // not fatal here (journaling the decision below meets the same failure and refuses).
    try {
      journal.recordEquityMark({ time: ctx.now, netLiquidation: ctx.account.netLiquidation, source: 'gate' });
    } catch {
      // see above
    }
  }
  const evaluation = evaluateGate(intent, ctx);
  const now = ctx.now;
  const parts = { dryRun, trail: evaluation.trail, metrics: evaluation.metrics, fetchErrors: errors };
  const crossed = evaluation.metrics.lossLimitsCrossed;
  // A crossed loss limit trips the breaker whatever this order's fate (a REDUCING-state close may pass).
  const trip: LossLimitTrip | undefined =
    crossed.length > 0
      ? { state: ctx.limits.lossLimitBreakerState, reason: `loss limit reached: ${crossed.join(', ')}` }
      : undefined;
  const stamp = {
    time: now,
    clientOrderId: intent.clientOrderId,
    cycleId: intent.cycleId,
    extra: Object.keys(errors).length > 0 ? { fetchErrors: errors } : undefined,
  };

  if (!evaluation.accepted) {
    if (dryRun) return rejectedResult(intent.clientOrderId, evaluation.rejections, parts);
    const ok = journalDecision(journal, evaluation.rejections, stamp, trip);
    const rejections = ok
      ? evaluation.rejections
      : [...evaluation.rejections, journalFailure('the rejections could not be journaled')];
    return rejectedResult(intent.clientOrderId, rejections, parts);
  }
  if (dryRun) {
    return {
      accepted: true,
      dryRun,
      clientOrderId: intent.clientOrderId,
      brokerOrderId: null,
      order: null,
      trail: evaluation.trail,
      metrics: evaluation.metrics,
    };
  }
  if (trip && !journalDecision(journal, [], stamp, trip)) {
    return rejectedResult(
      intent.clientOrderId,
      [journalFailure('the loss-limit breaker trip could not be journaled')],
      parts,
    );
  }
  return sendAccepted(intent, evaluation, deps, now, errors);
}
