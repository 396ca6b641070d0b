import { describe, expect, it } from 'vitest';
import { classifyIbCode, rejectionReason } from './error-codes.js';
import { mapRequestError } from './requests.js';

describe('IB error codes', () => {
  it('classifies the codes the adapter acts on', () => {
    const table: [number, string][] = [
      [201, 'order_rejected'],
      [200, 'order_rejected'],
      [110, 'order_rejected'],
      [103, 'order_rejected'],
      [202, 'order_cancelled'],
      [10147, 'cancel_unknown'],
      [10148, 'cancel_finished'],
      [399, 'warning'],
      [10167, 'warning'],
      [2104, 'notice'],
      [2106, 'notice'],
      [2158, 'notice'],
      [2103, 'notice'],
      [1100, 'connectivity_lost'],
      [2110, 'connectivity_lost'],
      [1101, 'restored_data_lost'],
      [1102, 'restored_data_kept'],
      [326, 'client_id_in_use'],
      [502, 'not_connected'],
      [504, 'not_connected'],
      [505, 'decode_error'],
      [100, 'pacing'],
      [354, 'request_failed'],
      [162, 'request_failed'],
    ];
    for (const [code, kind] of table) expect(classifyIbCode(code), String(code)).toBe(kind);
  });

  it('gives order refusals their port reason', () => {
    expect(rejectionReason(110, 'The price does not conform')).toBe('OFF_TICK');
    expect(rejectionReason(200, 'No security definition')).toBe('UNKNOWN_CONTRACT');
    expect(
      rejectionReason(201, 'Order rejected - reason:YOUR ORDER IS NOT ACCEPTED ... EQUITY WITH LOAN VALUE'),
    ).toBe('INSUFFICIENT_BUYING_POWER');
    expect(rejectionReason(201, 'Order rejected - reason:Trading is halted')).toBe('REJECTED');
    expect(rejectionReason(103, 'Duplicate order id')).toBe('INVALID_ORDER');
    expect(rejectionReason(321, 'Error validating request')).toBe('INVALID_ORDER');
  });

  it('gives request failures a reason and keeps the code', () => {
    expect(mapRequestError(200, 'No security definition').reason).toBe('UNKNOWN_CONTRACT');
    const md = mapRequestError(354, 'Requested market data is not subscribed');
    expect([md.reason, md.brokerCode]).toEqual(['INTERNAL', 354]);
    expect(mapRequestError(162, 'pacing violation').retryable).toBe(true);
  });
});
