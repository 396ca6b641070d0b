import { SwarmdeskError } from '../domain/index.js';

/** One problem in a swarm file: which file, where in it, what is wrong. */
export interface SwarmFileIssue {
  /** Path relative to the swarm root, e.g. `swarm_intelligence/active_instances/tech_aggressive.json`. */
  readonly file: string;
  /** Where inside the file, e.g. `parameters.min_iv_rank`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** The swarm's templates or instances are invalid. Lists every problem in every file at once. */
export class SwarmFilesError extends SwarmdeskError {
  constructor(readonly issues: readonly SwarmFileIssue[]) {
    super(
      'SWARM_FILES_INVALID',
      `swarm files: ${issues.length} problem(s)\n${issues
        .map((i) => `${i.file}${i.path ? ` ${i.path}` : ''}: ${i.message}`)
        .join('\n')}`,
    );
  }
}

/**
 * Why an instance's output was refused. Stable, machine-readable; a refused output means no trade.
 * - `unparseable`: no JSON block, or it is not valid JSON.
 * - `ambiguous_output`: more than one JSON block, so which one was meant is a guess we do not make.
 * - `schema_mismatch`: JSON that does not follow the output contract.
 * - `too_many_signals`: more signals than an instance may propose per cycle.
 * - `symbol_outside_pool`: an underlying the instance was not asked about.
 * - `contract_not_in_chain`: a leg that is not a listed contract in the chain we showed.
 * - `unpriceable`: a leg without a two-sided quote, so the price cannot be checked.
 * - `absurd_number`: a number outside any sane range (price, ratio, confidence, horizon).
 * - `invalid_structure`: no legs, too many legs, or the same contract twice.
 * - `price_effect_mismatch`: a debit called a credit or the reverse.
 */
export const REFUSAL_REASONS = [
  'unparseable',
  'ambiguous_output',
  'schema_mismatch',
  'too_many_signals',
  'symbol_outside_pool',
  'contract_not_in_chain',
  'unpriceable',
  'absurd_number',
  'invalid_structure',
  'price_effect_mismatch',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A refused output or signal, with the reason code and what exactly was wrong. */
export interface Refusal {
  readonly reason: RefusalReason;
  readonly detail: string;
  /** Index of the signal in the instance's output, when the refusal is about one signal. */
  readonly signalIndex?: number;
}

/** Stable reasons an instance produced no output at all (outcome `error` or `timeout`). */
export const FAILURE_REASONS = [
  'call_timeout',
  'deadline',
  'rate_limited',
  'overloaded',
  'server_error',
  'connection',
  'bad_response',
  'auth',
  'bad_request',
  'missing_api_key',
  'budget_exhausted',
  'no_rules_screen',
  'internal',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];
