import { CommanderError } from 'commander';
import { ConfigError, type SafetyCode } from '../domain/index.js';
import type { GateResult } from '../risk/index.js';
import { LlmSetupError, LoopAlreadyRunningError, WatchdogAlreadyRunningError } from '../runtime/index.js';
import { CliError } from './io.js';

/**
 * The exit codes of every `swarmdesk` command (README "Exit codes"):
 * 0 done (an order accepted, or a dry run passed); 1 refused — the gate refused the order, or a
 * check found problems (validate, reconciliation); 2 usage — bad arguments, options or config;
 * 3 failure — swarmdesk could not do its job (broker unreachable, journal unusable, a bug).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, failure: 3 } as const;

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigError || error instanceof LlmSetupError) return EXIT.usage;
  // The book already has its one loop or watchdog: refused, not broken.
  if (error instanceof LoopAlreadyRunningError || error instanceof WatchdogAlreadyRunningError)
    return EXIT.refused;
  return EXIT.failure;
}

// Codes that say the gate could not judge or record the order, or the broker's answer is unknown:
// the operator must look at the system, not at the order.
const FAILURE_CODES: ReadonlySet<SafetyCode> = new Set([
  'GATE_INTERNAL_ERROR',
  'JOURNAL_WRITE_FAILED',
  'BROKER_ERROR',
  'BROKER_DISCONNECTED',
  'ACCOUNT_DATA_MISSING',
  'GATE_BUSY',
  'GATE_LEASE_LOST',
]);

/**
 * 0 accepted (or the dry run passed); 3 when the refusal is the system's failure — a code above, an
 * outcome unknown, or data the gate could not fetch; else 1, the gate refused the order itself.
 */
export function gateExitCode(result: GateResult): number {
  if (result.accepted) return EXIT.ok;
  const failed =
    result.outcomeUnknown ||
    Object.keys(result.fetchErrors).length > 0 ||
    result.codes.some((c) => FAILURE_CODES.has(c));
  return failed ? EXIT.failure : EXIT.refused;
}
