/**
 * The root of our typed errors. `code` is stable and machine-readable; `retryable` says whether
 * trying again can help; the message says what to fix (file, field, value, bound).
 */
export class SwarmdeskError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** One problem in a file or record: where, and what is wrong. */
export interface Issue {
  /** e.g. `risk.maxContractsPerOrder` */
  readonly path: string;
  readonly message: string;
}

/** Formats issues as `path: message` lines. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n');
}

/** A bad config file or value. Lists every problem at once. */
export class ConfigError extends SwarmdeskError {
  constructor(
    readonly source: string,
    readonly issues: readonly Issue[],
  ) {
    super(
      'CONFIG_INVALID',
      issues.length === 1 && !issues[0]!.path
        ? `${source}: ${issues[0]!.message}`
        : `${source}: ${issues.length} problem(s)\n${formatIssues(issues)}`,
    );
  }
}

/** A record refused before it was written (journal, snapshot). Nothing partial lands. */
export class RecordValidationError extends SwarmdeskError {
  constructor(
    readonly record: string,
    readonly issues: readonly Issue[],
  ) {
    super('RECORD_INVALID', `${record} refused: ${formatIssues(issues).replace(/\n/g, '; ')}`);
  }
}
