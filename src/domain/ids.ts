/** Branded identifiers: a plain string at run time, a distinct type at compile time. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Our id for an order; deterministic per cycle and intent so a retry can never double an order. */
export type ClientOrderId = Brand<string, 'ClientOrderId'>;
/** The broker's id for an order (IB order id, paper sequence). */
export type BrokerOrderId = Brand<string, 'BrokerOrderId'>;
/** A swarm instance id, e.g. `tech_aggressive`. */
export type InstanceId = Brand<string, 'InstanceId'>;
/** A cycle id: time-sortable (`c-20261124T064100123Z-0001`). */
export type CycleId = Brand<string, 'CycleId'>;

const CLIENT_ORDER_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** A swarm instance id: lower-case `[a-z0-9_-]`, 1–64, starting alphanumeric. */
export const INSTANCE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class InvalidIdError extends TypeError {
  readonly code = 'INVALID_ID';
  constructor(kind: string, value: unknown, rule: string) {
    super(`${kind}: ${JSON.stringify(value)} is not valid (${rule})`);
    this.name = 'InvalidIdError';
  }
}

export function clientOrderId(value: string): ClientOrderId {
  if (!CLIENT_ORDER_ID.test(value))
    throw new InvalidIdError('ClientOrderId', value, '1-64 of [A-Za-z0-9._:-]');
  return value as ClientOrderId;
}

export function brokerOrderId(value: string | number): BrokerOrderId {
  const s = String(value);
  if (s.length === 0 || s.length > 64) throw new InvalidIdError('BrokerOrderId', value, '1-64 characters');
  return s as BrokerOrderId;
}

export function instanceId(value: string): InstanceId {
  if (!INSTANCE_ID_PATTERN.test(value))
    throw new InvalidIdError('InstanceId', value, 'lower-case [a-z0-9_-], 1-64, starting alphanumeric');
  return value as InstanceId;
}

export function cycleId(value: string): CycleId {
  if (!/^c-\d{8}T\d{9}Z-\d{4,}$/.test(value))
    throw new InvalidIdError('CycleId', value, 'c-YYYYMMDDTHHMMSSmmmZ-NNNN');
  return value as CycleId;
}

/** A cycle id from a time and a sequence number; ids sort by time, then sequence. */
export function newCycleId(epochMs: number, sequence: number): CycleId {
  const iso = new Date(epochMs).toISOString(); // 2026-11-24T06:41:00.123Z
  const compact = iso.replace(/[-:]/g, '').replace('.', '');
  return cycleId(`c-${compact}-${String(sequence).padStart(4, '0')}`);
}
