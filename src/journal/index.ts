export {
  Journal,
  openJournal,
  type StoredOrder,
  type CycleRow,
  type BreakerStatus,
  type SignalRow,
  type EquityMark,
} from './journal.js';
export { LeaseTable, type Lease, type LeaseClaim, type TakeResult, type TakeOptions } from './leases.js';
export { JournalError, type JournalErrorReason } from './errors.js';
export { JOURNAL_FILE, ensureWritableDir } from './database.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export * from './records.js';
export * from './snapshot-store.js';
export { logTrade, logSafetyEvent, queryTrades } from './functions.js';
