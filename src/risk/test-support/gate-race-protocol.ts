/**
 * What the race test's parent and its child processes say to each other, one line at a time: the
 * child prints `up` once loaded; then for each `RaceSpec` (JSON) on its stdin it prints `ready`,
 * waits for the `go` file, calls the gate once and prints `outcome <RaceOutcome JSON>`.
 */
import type { OrderIntent, SafetyCode } from '../../domain/index.js';
import type { RiskLimits } from '../limits.js';

/** One child's part in one trial. */
export interface RaceSpec {
  /** The book: a data dir whose sim-start file the parent has written (pinned start, one anchor). */
  readonly dataDir: string;
  /** The start barrier: the child fires once this file exists. */
  readonly go: string;
  readonly intent: OrderIntent;
  readonly risk: RiskLimits;
  /**
   * The serialisation switched off: the gate gets a journal whose lease is always granted
   * (`leaseless-journal.ts`). Only for showing that the race test can fail.
   */
  readonly unserialised?: boolean;
}

/** What one child's gate call came to. */
export interface RaceOutcome {
  readonly pid: number;
  readonly clientOrderId: string;
  readonly accepted: boolean;
  readonly codes: readonly SafetyCode[];
  /** The broker's status of an accepted order. */
  readonly status: string | null;
  /** Wall-clock ms when the child saw the barrier open, and when the gate answered. */
  readonly firedAt: number;
  readonly answeredAt: number;
}

/** Printed once, when the child has loaded and waits for specs. */
export const UP = 'up';
export const READY = 'ready';
export const OUTCOME_PREFIX = 'outcome ';
