import { SwarmdeskError } from '../domain/index.js';

export type BrokerErrorCode =
  | 'NOT_CONNECTED'
  | 'REJECTED'
  | 'UNKNOWN_CONTRACT'
  | 'OFF_TICK'
  | 'INSUFFICIENT_BUYING_POWER'
  | 'INVALID_ORDER'
  | 'UNKNOWN_ORDER'
  | 'ORDER_FINISHED'
  | 'CLIENT_ID_IN_USE'
  | 'ACCOUNT_MISMATCH'
  | 'TIMEOUT'
  | 'INTERNAL';

/** The broker refused or could not do something; `reason` is stable, the message human. */
export class BrokerError extends SwarmdeskError {
  constructor(
    readonly reason: BrokerErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; brokerCode?: number } = {},
  ) {
    super(`BROKER_${reason}`, message, options);
    this.brokerCode = options.brokerCode;
  }
  readonly brokerCode: number | undefined;
}
