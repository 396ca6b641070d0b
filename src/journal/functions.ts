import type { Journal } from './journal.js';
import type { SafetyEventRecord, TradeQuery, TradeRecord } from './records.js';

/** `log_trade`: one trade-log row, validated; returns its id. */
export function logTrade(journal: Journal, record: TradeRecord): number {
  return journal.logTrade(record);
}

/** `log_safety_event`: one safety event with its stable code; returns its id. */
export function logSafetyEvent(journal: Journal, event: SafetyEventRecord): number {
  return journal.logSafetyEvent(event);
}

/** `query_trades`: the trade log by time, underlying and instance, newest first. */
export function queryTrades(journal: Journal, query: TradeQuery = {}) {
  return journal.queryTrades(query);
}
