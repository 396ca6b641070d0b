import { SwarmdeskError } from '../domain/index.js';

export type JournalErrorReason =
  | 'DATA_DIR_NOT_WRITABLE'
  | 'SCHEMA_TOO_NEW'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'SNAPSHOT_CORRUPT'
  | 'SNAPSHOT_NOT_FOUND';

export class JournalError extends SwarmdeskError {
  constructor(
    readonly reason: JournalErrorReason,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(`JOURNAL_${reason}`, message, options);
  }
}
