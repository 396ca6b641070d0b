import { RulesCommander, type CommanderInput, type CommanderOptions } from '../commander/index.js';
import type { Decision, OptionChain, OrderIntent } from '../domain/index.js';
import { loadSnapshot, type Journal } from '../journal/index.js';
import { replayGate, type GateReplay, type TrailEntry } from '../risk/index.js';

export interface ReplayResult {
  readonly snapshotId: string;
  readonly cycleId: string;
  readonly recorded: Decision | null;
  /** The decision recomputed from the snapshot's input (rules Commander only). */
  readonly replayed: Decision | null;
  /** True when the recomputed decision is identical to the recorded one. */
  readonly matches: boolean;
  readonly note: string;
  /** Every order of the cycle judged again by the gate on the context it was judged on. */
  readonly gate: readonly GateReplay[];
  /** True when every gate verdict reproduces, check by check. */
  readonly gateMatches: boolean;
}

interface RecordedOrder {
  readonly intent: OrderIntent;
  readonly outcome: { readonly accepted: boolean; readonly trail: readonly TrailEntry[] };
  readonly gateContext?: unknown;
}

interface CycleSnapshot {
  readonly commanderInput?: Omit<CommanderInput, 'chains'> & { readonly chains: readonly OptionChain[] };
  readonly decision?: Decision;
  readonly orders?: readonly RecordedOrder[];
}

/** The gate's verdicts of a cycle, judged again; orders recorded before contexts were kept are skipped. */
function replayOrders(orders: readonly RecordedOrder[] | undefined): GateReplay[] {
  return (orders ?? [])
    .filter((o) => o.gateContext !== undefined && o.gateContext !== null && o.outcome.trail.length > 0)
    .map((o) => replayGate(o.intent, o.gateContext, o.outcome));
}

/**
 * Replay a cycle's decision from its snapshot (checked against its SHA-256): the rules Commander is
 * run again on exactly the input it saw. An LLM's decision is not re-asked (it would not answer the
 * same); its transcript is in the snapshot.
 */
export function replayDecision(
  journal: Journal,
  snapshotId: string,
  options: CommanderOptions,
): ReplayResult {
  const snap = loadSnapshot<CycleSnapshot>(journal, snapshotId);
  const recorded = snap.data.decision ?? null;
  const gate = replayOrders(snap.data.orders);
  const gateMatches = gate.every(
    (g) => g.differences.length === 0 && g.recordedAccepted === g.replayedAccepted,
  );
  const base = { snapshotId, cycleId: snap.cycleId, recorded, gate, gateMatches };
  const saved = snap.data.commanderInput;
  if (!saved || !recorded)
    return {
      ...base,
      replayed: null,
      matches: false,
      note: 'this cycle did not reach the Decide step; nothing to replay',
    };
  if (recorded.decidedBy.kind !== 'rules') {
    return {
      ...base,
      replayed: null,
      matches: false,
      note: `decided by ${recorded.decidedBy.provider}:${recorded.decidedBy.model}; see the transcript in the snapshot`,
    };
  }
  const input: CommanderInput = { ...saved, chains: new Map(saved.chains.map((c) => [c.symbol, c])) };
  const replayed = new RulesCommander(options).decideNow(input).decision;
  const matches = JSON.stringify(replayed) === JSON.stringify(recorded);
  return {
    ...base,
    replayed,
    matches,
    note: matches
      ? 'the rules Commander reaches the same decision'
      : 'the decision differs (were the commander options changed since?)',
  };
}
