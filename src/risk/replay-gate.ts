/**
 * Replaying the gate: the context a decision was judged on is kept (JSON-safe) in the cycle's
 * snapshot, and `evaluateGate` — pure — is run on it again. Any difference from the recorded trail
 * is reported check by check: a changed check, a changed limit, or an altered snapshot shows.
 */
import type { OrderIntent } from '../domain/index.js';
import { evaluateGate, type TrailEntry } from './evaluate-gate.js';
import type { GateContext } from './gate-context.js';

/** JSON has no Infinity or NaN (a limit may be unbounded): non-finite numbers are tagged. */
const NON_FINITE = '$nonFinite';

/** The context as JSON-safe data, for a snapshot. */
export function recordContext(ctx: GateContext): unknown {
  return JSON.parse(
    JSON.stringify(ctx, (_key, value: unknown) =>
      typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value,
    ),
  ) as unknown;
}

/** A recorded context, back as the gate saw it. */
export function restoreContext(recorded: unknown): GateContext {
  return JSON.parse(JSON.stringify(recorded), (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && NON_FINITE in value) {
      return Number((value as Record<string, string>)[NON_FINITE]);
    }
    return value;
  }) as GateContext;
}

export interface CheckDifference {
  readonly check: string;
  readonly recorded: Pick<TrailEntry, 'passed' | 'code' | 'detail'> | null;
  readonly replayed: Pick<TrailEntry, 'passed' | 'code' | 'detail'> | null;
}

export interface GateReplay {
  readonly clientOrderId: string;
  readonly recordedAccepted: boolean;
  readonly replayedAccepted: boolean;
  /** Checks whose verdict or message differ (or that exist on one side only). Empty: reproduced. */
  readonly differences: readonly CheckDifference[];
}

const view = (t: TrailEntry | undefined): CheckDifference['recorded'] =>
  t ? { passed: t.passed, code: t.code, detail: t.detail } : null;

/** Judge `intent` again on the recorded context and compare with the recorded trail. */
export function replayGate(
  intent: OrderIntent,
  recordedContext: unknown,
  recorded: { readonly accepted: boolean; readonly trail: readonly TrailEntry[] },
): GateReplay {
  const evaluation = evaluateGate(intent, restoreContext(recordedContext));
  const before = new Map(recorded.trail.map((t) => [t.check, t]));
  const after = new Map(evaluation.trail.map((t) => [t.check, t]));
  const differences: CheckDifference[] = [];
  for (const check of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(check);
    const b = after.get(check);
    if (a?.passed !== b?.passed || a?.code !== b?.code || a?.detail !== b?.detail)
      differences.push({ check, recorded: view(a), replayed: view(b) });
  }
  return {
    clientOrderId: intent.clientOrderId,
    recordedAccepted: recorded.accepted,
    replayedAccepted: evaluation.accepted,
    differences,
  };
}
