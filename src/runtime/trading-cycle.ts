import type { BrokerView } from '../broker/index.js';
import type { Commander, CommanderInput, CommanderResult, SizingLimits } from '../commander/index.js';
import {
  newCycleId,
  type AccountSummary,
  type BreakerState,
  type Clock,
  type CycleId,
  type OptionChain,
  type Order,
  type OrderIntent,
  signalKey,
  type Position,
} from '../domain/index.js';
import { saveSnapshot, type Journal, type SignalRow } from '../journal/index.js';
import type { MarketData } from '../market/index.js';
import type { SwarmResult } from '../swarm/index.js';
import { recordContext, type GateResult, type OrderGate } from '../risk/index.js';

export interface CycleDeps {
  /** Market/journal time: cycle ids and record stamps. */
  readonly clock: Clock;
  /** I/O time for the cycle's deadline (default: `clock`); real time whenever `clock` is simulated. */
  readonly ioClock?: Clock;
  readonly journal: Journal;
  readonly marketData: MarketData;
  /** No `placeOrder` here: orders go through the gate only. */
  readonly broker: BrokerView;
  readonly gate: OrderGate;
  /** The Think step (consultSwarm with this run's options). */
  readonly consult: (positions: readonly Position[]) => Promise<SwarmResult>;
  readonly commander: Commander;
  readonly limits: SizingLimits;
  /**
   * The whole cycle's deadline (config `schedule.cycleDeadline`). A step still running then is
   * abandoned and the cycle fails; past it, nothing is sent.
   */
  readonly deadlineMs?: number;
  /** Told each phase, so the heartbeat can say where the cycle is. */
  readonly onPhase?: (phase: CyclePhase, cycleId: CycleId) => void;
}

export type CyclePhase = 'sense' | 'think' | 'decide' | 'act' | 'record';

/** What one cycle did, for the console, the demo summary and tests. */
export interface CycleReport {
  readonly cycleId: CycleId;
  readonly status: 'completed' | 'failed' | 'skipped';
  readonly breaker: BreakerState;
  readonly swarm: SwarmResult | null;
  readonly commander: CommanderResult | null;
  readonly orders: readonly {
    readonly intent: OrderIntent;
    readonly outcome: GateResult;
  }[];
  readonly snapshotId: string | null;
  readonly error: string | null;
  readonly startedAt: number;
  readonly finishedAt: number;
}

let sequence = 0;

/**
 * Chains for the underlyings the swarm proposed, limited to the expiries its signals use. Fetched again after Think on purpose: the Commander prices on quotes as fresh as they can be (an
 * LLM swarm may have taken a minute). A chain that cannot be had is reported, not fatal: the
 * Commander skips that underlying's signals and says so, and the snapshot keeps the error.
 */
async function chainsForSignals(
  marketData: MarketData,
  swarm: SwarmResult,
): Promise<{ chains: Map<string, OptionChain>; errors: Record<string, string> }> {
  const wanted = new Map<string, Set<string>>();
  for (const s of swarm.signals) {
    const set = wanted.get(s.signal.underlying) ?? new Set<string>();
    for (const l of s.signal.legs) set.add(l.expiry);
    wanted.set(s.signal.underlying, set);
  }
  const chains = new Map<string, OptionChain>();
  const errors: Record<string, string> = {};
  for (const [symbol, expiries] of wanted) {
    try {
      chains.set(symbol, await marketData.chain(symbol, { expiries: [...expiries] }));
    } catch (e) {
      errors[symbol] = (e as Error).message;
    }
  }
  return { chains, errors };
}

/**
 * One cycle: Sense → Think → Decide → Act → Record. Every intent goes through the gate, which
 * journals it before it reaches the broker. A cycle that fails part-way records what happened
 * (the journal row, a safety event and a snapshot of what it had).
 */
export async function tradingCycle(deps: CycleDeps): Promise<CycleReport> {
  const { clock, journal } = deps;
  const startedAt = clock.now();
  const cycleId = newCycleId(startedAt, ++sequence);
  journal.startCycle(cycleId, startedAt);
  const record: Record<string, unknown> = { cycleId, startedAt };
  let swarm: SwarmResult | null = null;
  let commander: CommanderResult | null = null;
  const orders: { intent: OrderIntent; outcome: GateResult }[] = [];
  /** The context each order was judged on, JSON-safe, by client order id (for replaying the gate). */
  const contexts: Record<string, unknown> = {};
  const breaker = journal.breakerStatus().state;
  record.breaker = breaker;
  let phase: CyclePhase = 'sense';
  const enter = (p: CyclePhase): void => {
    phase = p;
    deps.onPhase?.(p, cycleId);
  };
  const deadline = deps.deadlineMs ?? Infinity;
  // The deadline is real elapsed time: a simulated market's clock does not move within a cycle.
  const io = deps.ioClock ?? clock;
  const ioStarted = io.now();
  /** A step's result, or a typed failure once the cycle's deadline has passed. */
  const bounded = <T>(work: Promise<T>): Promise<T> => {
    const left = deadline - (io.now() - ioStarted);
    if (left === Infinity) return work;
    return new Promise<T>((resolve, reject) => {
      const timer = io.setTimeout(
        () =>
          reject(new Error(`the cycle deadline of ${deadline} ms passed; nothing more is sent this cycle`)),
        Math.max(0, left),
      );
      work.then(
        (v) => (timer.cancel(), resolve(v)),
        (e: unknown) => (timer.cancel(), reject(e instanceof Error ? e : new Error(String(e)))),
      );
    });
  };
  try {
    enter('sense');
    const [account, positions, openOrders] = await bounded(
      Promise.all([deps.broker.accountSummary(), deps.broker.positions(), deps.broker.openOrders()]),
    );
    record.sense = { account, positions, openOrders };

    enter('think');
    swarm = await bounded(deps.consult(positions));
    record.swarm = {
      signals: swarm.signals,
      instances: swarm.instances,
      usage: swarm.usage,
      unavailableSymbols: swarm.unavailableSymbols,
    };

    enter('decide');
    const fresh = await bounded(chainsForSignals(deps.marketData, swarm));
    if (Object.keys(fresh.errors).length > 0) record.chainErrors = fresh.errors;
    const input = commanderInput(
      cycleId,
      clock.now(),
      account,
      positions,
      openOrders,
      swarm,
      deps.limits,
      fresh.chains,
    );
    record.commanderInput = { ...input, chains: [...input.chains.values()] };
    commander = await bounded(deps.commander.decide(input));
    record.decision = commander.decision;
    record.evaluations = commander.evaluations;
    if ('transcript' in commander) record.transcript = (commander as { transcript: unknown }).transcript;

    enter('act');
    if (commander.decision.kind === 'trade') {
      for (const intent of commander.decision.intents) {
        if (io.now() - ioStarted > deadline) {
          throw new Error(
            `the cycle deadline of ${deadline} ms passed before ${intent.clientOrderId} was sent; it is not sent`,
          );
        }
        const outcome = await deps.gate.placeOrderWithGuard(intent, {
          cycle: { id: cycleId, ordersSoFar: orders.filter((o) => o.outcome.accepted).length },
          onContext: (ctx) => (contexts[intent.clientOrderId] = recordContext(ctx)),
        });
        orders.push({ intent, outcome });
      }
    }
    record.orders = orders.map((o) => ({ ...o, gateContext: contexts[o.intent.clientOrderId] ?? null }));

    enter('record');
    journal.recordSignals(cycleId, signalRows(swarm));
    journal.recordDecision(commander.decision, clock.now());
    return finish('completed', null);
  } catch (e) {
    const message = `${phase}: ${(e as Error).message}`;
    journal.logSafetyEvent({
      time: clock.now(),
      severity: 'warning',
      code: 'CYCLE_FAILED',
      message: `cycle ${cycleId} failed in ${message}`,
      cycleId,
    });
    return finish('failed', message);
  }

  function finish(status: 'completed' | 'failed', error: string | null): CycleReport {
    const finishedAt = clock.now();
    record.finishedAt = finishedAt;
    record.status = status;
    if (error) record.error = error;
    let snapshotId: string | null = null;
    try {
      snapshotId = saveSnapshot(journal, { cycleId, time: finishedAt, data: record }).id;
    } catch (e) {
      error = `${error ? `${error}; ` : ''}snapshot: ${(e as Error).message}`;
    }
    journal.finishCycle(cycleId, {
      status,
      time: finishedAt,
      error: error ?? undefined,
      summary: {
        signals: swarm?.signals.length ?? 0,
        decision: commander?.decision.kind ?? null,
        accepted: orders.filter((o) => o.outcome.accepted).length,
        rejected: orders.filter((o) => !o.outcome.accepted).length,
      },
    });
    return {
      cycleId,
      status,
      breaker,
      swarm,
      commander,
      orders,
      snapshotId,
      error,
      startedAt,
      finishedAt,
    };
  }
}

export function commanderInput(
  cycleId: CycleId,
  now: number,
  account: AccountSummary,
  positions: readonly Position[],
  openOrders: readonly Order[],
  swarm: SwarmResult,
  limits: SizingLimits,
  chains: Map<string, OptionChain>,
): CommanderInput {
  return { cycleId, now, chains, account, positions, openOrders, signals: swarm.signals, limits };
}

/** One journal row per signal an instance produced, or one for the instance when it produced none. */
function signalRows(swarm: SwarmResult): SignalRow[] {
  return swarm.instances.flatMap((i): SignalRow[] => {
    const base = {
      reason: i.reason ?? null,
      detail: i.detail ?? null,
      provider: i.provider,
      model: i.model,
      usage: i.usage ?? null,
      refusals: i.refusals,
    };
    if (i.signals.length === 0)
      return [{ instanceId: i.id, outcome: i.outcome, signalKey: null, payload: base }];
    return i.signals.map((signal) => ({
      instanceId: i.id,
      outcome: i.outcome,
      signalKey: signalKey(signal),
      payload: { ...base, signal },
    }));
  });
}
