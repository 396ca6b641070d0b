import { SwarmdeskError } from '../domain/index.js';

export type JournalErrorReason =
  | 'DATA_DIR_NOT_WRITABLE'
  | 'SCHEMA_TOO_NEW'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'SNAPSHOT_CORRUPT'
  | 'SNAPSHOT_NOT_FOUND'
  /** `trades.db` is damaged (the message names the file and what to do). */
  | 'CORRUPT';

export class JournalError extends SwarmdeskError {
  constructor(
    readonly reason: JournalErrorReason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(`JOURNAL_${reason}`, message, options);
  }
}
