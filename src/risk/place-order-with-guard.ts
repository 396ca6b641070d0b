/**
 * `place_order_with_guard`: the only road from an order intent to `Broker.placeOrder`. Validate the
 * shape, gather the context, run every check, journal every rejection (one safety event per code),
 * trip the breaker on crossed loss limits, and for an accepted order write the intent with its
 * check trail BEFORE sending it, then record what the broker said.
 *
 * Gather → judge → journal runs holding the book's gate lease (`book-lock.ts`), so gates in other
 * processes on the same data dir cannot interleave; the broker call runs after it is given back.
 */
import {
  clientOrderId,
  formatIssues,
  parseOrderIntent,
  zodIssues,
  type ClientOrderId,
} from '../domain/index.js';
import type { Journal } from '../journal/index.js';
import { DEFAULT_BOOK_LOCK, describeLease, ioClock, withBookLock, type HeldLock } from './book-lock.js';
import { evaluateGate } from './evaluate-gate.js';
import { gatherGateContext } from './gather-context.js';
import type { GateContext } from './gate-context.js';
import type { CycleInfo, GateDeps } from './gate-deps.js';
import { journalDecision, journalFailure, type LossLimitTrip } from './gate-journal.js';
import { rejectedResult, type GateResult } from './gate-result.js';
import type { Rejection } from './rejection.js';
import { journalAccepted, sendJournaled, type JournaledOrder } from './send-order.js';

export interface PlaceOrderOptions {
  /** Evaluate only: nothing is recorded, nothing is sent; the result has the same shape. */
  readonly dryRun?: boolean;
  /** Overrides `deps.cycle` for this call. */
  readonly cycle?: CycleInfo;
  /** Receives the context the order is judged on (the cycle keeps it for replay). */
  readonly onContext?: (ctx: GateContext) => void;
}

/** Serialises gate calls that share a journal handle (no polling on the lease within one handle). */
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

/** The intent's client order id, if it has a valid one; never throws (the input may be hostile). */
function idOf(raw: unknown): ClientOrderId | null {
  try {
    const v =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).clientOrderId : undefined;
    return typeof v === 'string' ? clientOrderId(v) : null;
  } catch {
    return null;
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unprintable error';
  }
}

/** What judging ends in: a final result, or an order journaled and ready to send. */
type Judgement =
  { readonly kind: 'final'; readonly result: GateResult } | ({ readonly kind: 'send' } & JournaledOrder);

/**
 * Judge `raw` (an untrusted order intent) and, when every check passes, send it to the broker.
 * Never throws and never rejects: a refusal, and any failure of the gate itself, is a typed result,
 * journaled when the journal can take it. Fails closed: anything it cannot get or record refuses.
 */
export function placeOrderWithGuard(
  raw: unknown,
  deps: GateDeps,
  options: PlaceOrderOptions = {},
): Promise<GateResult> {
  const dryRun = options.dryRun ?? false;
  let work: Promise<GateResult>;
  try {
    work = serialised(deps.journal, () =>
      dryRun ? judgeOnly(raw, deps, options) : judgeAndSend(raw, deps, options),
    );
  } catch (error) {
    work = Promise.reject(error instanceof Error ? error : new Error(describeError(error)));
  }
  return work.catch((error: unknown) => internalError(raw, deps, dryRun, error));
}

async function judgeOnly(raw: unknown, deps: GateDeps, options: PlaceOrderOptions): Promise<GateResult> {
  const j = await judgeSafely(raw, deps, options, null);
  // A dry run journals nothing, so an accepted one ends here too.
  return j.kind === 'final' ? j.result : acceptedDry(j);
}

async function judgeAndSend(raw: unknown, deps: GateDeps, options: PlaceOrderOptions): Promise<GateResult> {
  const lock = { ...DEFAULT_BOOK_LOCK, purpose: 'a gate', ...deps.lock, clock: deps.ioClock ?? ioClock };
  const outcome = await withBookLock(deps.journal, lock, async (held) => {
    if (held.recovered) noteRecovered(deps, held);
    return judgeSafely(raw, deps, options, held);
  });
  if (!outcome.ok) {
    const id = idOf(raw);
    const rejection: Rejection = {
      code: 'GATE_BUSY',
      message: `another gate on this book, ${describeLease(outcome.heldBy, lock.clock.now())}, held it for the whole ${Math.round(outcome.waitedMs)} ms wait; the order is not judged — send it again`,
      details: {
        holderPid: outcome.heldBy.pid,
        holderPurpose: outcome.heldBy.purpose,
        waitedMs: outcome.waitedMs,
      },
    };
    const ok = journalDecision(deps.journal, [rejection], {
      time: deps.clock.now(),
      clientOrderId: id,
      cycleId: null,
    });
    const rejections = ok ? [rejection] : [rejection, journalFailure('the refusal could not be journaled')];
    return rejectedResult(id, rejections, { dryRun: false });
  }
  const j = outcome.value;
  return j.kind === 'final' ? j.result : sendJournaled(j, deps);
}

function noteRecovered(deps: GateDeps, held: HeldLock): void {
  const gone = held.recovered!;
  try {
    deps.journal.logSafetyEvent({
      time: deps.clock.now(),
      severity: 'warning',
      code: 'GATE_LEASE_RECOVERED',
      message: `took over the gate lease left by ${describeLease(gone, held.lease.acquiredAt)}: its process died or stalled; orders it journaled count as working`,
      details: { pid: gone.pid, host: gone.host, purpose: gone.purpose },
    });
  } catch {
    // informational; the decision's own journaling fails closed
  }
}

function acceptedDry(j: JournaledOrder): GateResult {
  return {
    accepted: true,
    dryRun: true,
    clientOrderId: j.intent.clientOrderId,
    brokerOrderId: null,
    order: null,
    trail: j.evaluation.trail,
    metrics: j.evaluation.metrics,
  };
}

/** A bug in the gate's own plumbing (or a hostile input that broke it): refuse and say so, never pass, never throw. */
function internalError(raw: unknown, deps: GateDeps, dryRun: boolean, error: unknown): GateResult {
  const rejection: Rejection = {
    code: 'GATE_INTERNAL_ERROR',
    message: `the gate failed while judging the order: ${describeError(error).slice(0, 500)}`,
  };
  const id = idOf(raw);
  let rejections: Rejection[] = [rejection];
  if (!dryRun) {
    let time: number | null = null;
    try {
      time = deps.clock.now();
    } catch {
      // nothing to stamp the event with
    }
    const ok =
      time !== null && journalDecision(deps.journal, [rejection], { time, clientOrderId: id, cycleId: null });
    if (!ok) rejections = [rejection, journalFailure('the refusal could not be journaled')];
  }
  return rejectedResult(id, rejections, { dryRun });
}

async function judgeSafely(
  raw: unknown,
  deps: GateDeps,
  options: PlaceOrderOptions,
  held: HeldLock | null,
): Promise<Judgement> {
  try {
    return await judge(raw, deps, options, held);
  } catch (error) {
    return { kind: 'final', result: internalError(raw, deps, options.dryRun ?? false, error) };
  }
}

async function judge(
  raw: unknown,
  deps: GateDeps,
  options: PlaceOrderOptions,
  held: HeldLock | null,
): Promise<Judgement> {
  const dryRun = options.dryRun ?? false;
  const { journal, clock } = deps;
  const final = (result: GateResult): Judgement => ({ kind: 'final', result });
  const parsed = parseOrderIntent(raw);
  if (!parsed.ok) {
    const id = idOf(raw);
    const rejection: Rejection = {
      code: 'ORDER_MALFORMED',
      message: `the order intent is malformed: ${formatIssues(zodIssues(parsed.error, raw)).replace(/\n/g, '; ')}`,
    };
    if (!dryRun)
      journalDecision(journal, [rejection], { time: clock.now(), clientOrderId: id, cycleId: null });
    return final(rejectedResult(id, [rejection], { dryRun }));
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
  options.onContext?.(ctx);
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
    if (dryRun) return final(rejectedResult(intent.clientOrderId, evaluation.rejections, parts));
    const ok = journalDecision(journal, evaluation.rejections, stamp, trip);
    const rejections = ok
      ? evaluation.rejections
      : [...evaluation.rejections, journalFailure('the rejections could not be journaled')];
    return final(rejectedResult(intent.clientOrderId, rejections, parts));
  }
  const accepted: JournaledOrder = { intent, evaluation, now, errors };
  if (dryRun || !held) return { kind: 'send', ...accepted };
  if (trip && !journalDecision(journal, [], stamp, trip)) {
    return final(
      rejectedResult(
        intent.clientOrderId,
        [journalFailure('the loss-limit breaker trip could not be journaled')],
        parts,
      ),
    );
  }
  const refused = journalAccepted(accepted, deps, () => held.stillHeld());
  return refused ? final(refused) : { kind: 'send', ...accepted };
}
