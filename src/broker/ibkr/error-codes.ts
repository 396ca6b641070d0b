/**
 * IB's error and notice codes, classified (pure). What a code means for an order, a request or
 * the connection, and which `BrokerError` reason it becomes.
 */
import type { BrokerErrorCode } from '../errors.js';

export type IbCodeKind =
  /** The order is refused (terminal): 201, 200, 110, 321, 103–105, … */
  | 'order_rejected'
  /** The order is cancelled (terminal, expected after a cancel): 202. */
  | 'order_cancelled'
  /** A cancel found no such order (10147). */
  | 'cancel_unknown'
  /** A cancel found the order finished (10148). */
  | 'cancel_finished'
  /** A warning that leaves the order alive: 399, 2100–2999 with an order id. */
  | 'warning'
  /** Farm and system notices: 2104/2106/2158 OK, 2103/2105/2157 broken, … */
  | 'notice'
  /** IB ↔ Gateway connectivity: 1100 lost / 2110 broken. */
  | 'connectivity_lost'
  /** 1101: restored, market data and account subscriptions lost. */
  | 'restored_data_lost'
  /** 1102: restored, data kept. */
  | 'restored_data_kept'
  | 'client_id_in_use'
  /** Client side: 502 could not connect / socket error, 504 not connected. */
  | 'not_connected'
  /** 505/506: the client could not decode a message (a version or fake bug). */
  | 'decode_error'
  /** 100: too many messages per second. */
  | 'pacing'
  /** A request failed (market data permissions, historical data, …). */
  | 'request_failed';

const ORDER_REJECTS = new Set([
  103, 104, 105, 106, 107, 109, 110, 135, 161, 200, 201, 203, 321, 382, 383, 387, 404, 434, 435, 436, 437,
]);

export function classifyIbCode(code: number): IbCodeKind {
  if (code === 202) return 'order_cancelled';
  if (code === 10147) return 'cancel_unknown';
  if (code === 10148 || code === 10149) return 'cancel_finished';
  if (code === 1100 || code === 2110) return 'connectivity_lost';
  if (code === 1101) return 'restored_data_lost';
  if (code === 1102) return 'restored_data_kept';
  if (code === 326) return 'client_id_in_use';
  if (code === 502 || code === 504 || code === 1300) return 'not_connected';
  if (code === 505 || code === 506) return 'decode_error';
  if (code === 100) return 'pacing';
  if (code === 399 || code === 10167 || code === 10090) return 'warning';
  if (code >= 2100 && code <= 2999) return 'notice';
  if (ORDER_REJECTS.has(code)) return 'order_rejected';
  return 'request_failed';
}

/** The `BrokerError` reason of an order refusal with this code and text. */
export function rejectionReason(code: number, text: string): BrokerErrorCode {
  if (code === 110) return 'OFF_TICK';
  if (code === 200) return 'UNKNOWN_CONTRACT';
  if (code === 103 || code === 104 || code === 105 || code === 321 || code === 387) return 'INVALID_ORDER';
  if (code === 201 && /EQUITY WITH LOAN|MARGIN|BUYING POWER|INSUFFICIENT/i.test(text))
    return 'INSUFFICIENT_BUYING_POWER';
  return 'REJECTED';
}
