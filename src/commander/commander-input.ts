import type {
  AccountSummary,
  ConsensusSignal,
  CycleId,
  Decision,
  OptionChain,
  OrderIntent,
  Order,
  Position,
} from '../domain/index.js';

/** Limits the Commander sizes within (the gate enforces them again, independently). */
export interface SizingLimits {
  readonly maxContractsPerOrder: number;
  readonly maxLossPerTrade: number;
  readonly maxOrdersPerCycle: number;
}

/** Everything the Decide step sees: plain data gathered by Sense and Think. */
export interface CommanderInput {
  readonly cycleId: CycleId;
  /** Clock time. Market time (quote ages, time to expiry) is each chain's own `time`. */
  readonly now: number;
  readonly chains: ReadonlyMap<string, OptionChain>;
  readonly account: AccountSummary;
  readonly positions: readonly Position[];
  readonly openOrders: readonly Order[];
  readonly signals: readonly ConsensusSignal[];
  readonly limits: SizingLimits;
}

/** How the Commander judged one consensus signal. */
export interface SignalEvaluation {
  readonly key: string;
  readonly underlying: string;
  readonly strategy: string;
  readonly verdict: 'trade' | 'skip';
  readonly reason: string;
  readonly winProbability?: number;
  readonly kellyFraction?: number;
  readonly maxLossPerUnit?: number;
  readonly quantity?: number;
  readonly score?: number;
}

export interface CommanderResult {
  readonly decision: Decision;
  readonly evaluations: readonly SignalEvaluation[];
}

/** The Decide step: signals in, a Decision out (order intents with reasons, or an explicit no-trade). */
export interface Commander {
  readonly kind: 'rules' | 'llm';
  decide(input: CommanderInput): Promise<CommanderResult>;
}

export type { OrderIntent };
