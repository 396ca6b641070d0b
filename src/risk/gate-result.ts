import type { BrokerOrderId, ClientOrderId, Order, SafetyCode } from '../domain/index.js';
import type { GateMetrics, TrailEntry } from './evaluate-gate.js';
import type { FetchErrors } from './gather-context.js';
import type { Rejection } from './rejection.js';

/** The gate's answer: sent (with the broker's id), or refused (with every code). */
export type GateResult = GateAccepted | GateRejected;

export interface GateAccepted {
  readonly accepted: true;
  /** True when nothing was sent or recorded (`dryRun`): brokerOrderId and order are null. */
  readonly dryRun: boolean;
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId: BrokerOrderId | null;
  readonly order: Order | null;
  readonly trail: readonly TrailEntry[];
  readonly metrics: GateMetrics;
}

export interface GateRejected {
  readonly accepted: false;
  readonly dryRun: boolean;
  /** Null when the intent was too malformed to carry a usable id. */
  readonly clientOrderId: ClientOrderId | null;
  readonly codes: readonly SafetyCode[];
  readonly rejections: readonly Rejection[];
  readonly trail: readonly TrailEntry[];
  readonly metrics: GateMetrics | null;
  /**
   * True when the broker may or may not have the order (a timeout or an unexpected error while
   * sending): it stays `pending_submit` in the journal for reconciliation to resolve.
   */
  readonly outcomeUnknown: boolean;
  /** What could not be fetched while gathering the context, by source. */
  readonly fetchErrors: Readonly<Record<string, string>>;
}

/** The JSON `swarmdesk order --json` prints: `{ accepted, codes, … }` with every rejection code. */
export function gateResultJson(result: GateResult): Record<string, unknown> {
  const common = {
    accepted: result.accepted,
    dryRun: result.dryRun,
    clientOrderId: result.clientOrderId,
    codes: result.accepted ? [] : [...result.codes],
  };
  if (result.accepted) {
    return {
      ...common,
      brokerOrderId: result.brokerOrderId,
      status: result.order?.status ?? null,
      metrics: result.metrics,
      trail: result.trail,
    };
  }
  return {
    ...common,
    rejections: result.rejections.map((r) => ({ code: r.code, message: r.message })),
    outcomeUnknown: result.outcomeUnknown,
    fetchErrors: result.fetchErrors,
    metrics: result.metrics,
    trail: result.trail,
  };
}

/** A person-readable summary: one line for the verdict, one per rejection. */
export function formatGateResult(result: GateResult): string {
  if (result.accepted) {
    const m = result.metrics;
    const loss = m.maxLoss === null ? 'unbounded' : `$${m.maxLoss.toFixed(2)}`;
    const head = result.dryRun
      ? `dry run: ${result.clientOrderId} would pass every check (nothing sent)`
      : `accepted: ${result.clientOrderId} sent as broker order ${result.brokerOrderId ?? '?'} (${result.order?.status ?? 'unknown'})`;
    return `${head}\n  premium $${(m.premium ?? 0).toFixed(2)}, max loss ${loss}\n`;
  }
  const head = `${result.dryRun ? 'dry run: ' : ''}rejected${result.clientOrderId ? ` ${result.clientOrderId}` : ''}: ${result.codes.join(', ')}`;
  return `${head}\n${result.rejections.map((r) => `  ${r.code.padEnd(30)} ${r.message}\n`).join('')}`;
}

/** A rejected result; codes are the distinct codes of the rejections, in order. */
export function rejectedResult(
  clientOrderIdValue: ClientOrderId | null,
  rejections: readonly Rejection[],
  rest: {
    dryRun: boolean;
    trail?: readonly TrailEntry[];
    metrics?: GateMetrics | null;
    outcomeUnknown?: boolean;
    fetchErrors?: FetchErrors;
  },
): GateRejected {
  return {
    accepted: false,
    dryRun: rest.dryRun,
    clientOrderId: clientOrderIdValue,
    codes: [...new Set(rejections.map((r) => r.code))],
    rejections,
    trail: rest.trail ?? [],
    metrics: rest.metrics ?? null,
    outcomeUnknown: rest.outcomeUnknown ?? false,
    fetchErrors: rest.fetchErrors ?? {},
  };
}
