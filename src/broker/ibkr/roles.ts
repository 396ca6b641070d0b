/**
 * Who connects with which client id (docs/ibkr.md §3). Every swarmdesk process that talks to the
 * Gateway has a role, every role its own fixed client id, so a manual command never waits on the
 * loop's id and each role's orders stay bound to one id IB can route them by.
 */
import { clientOrderId } from '../../domain/index.js';
import type { ParsedIbkrBrokerOptions } from './options.js';

/**
 * - `main`: the trading loop (and `demo`), `clientId`;
 * - `watchdog`: the watchdog's cancel and flatten, `watchdogClientId`;
 * - `status`: read-only looks (`status`, `chain`, `order --dry-run`), `statusClientId`; it refuses
 *   to place, preview or cancel;
 * - `manual`: manual orders, cancels and flattens (`order`, `cancel`, `flatten`), `manualClientId`.
 */
export type IbkrRole = 'main' | 'watchdog' | 'status' | 'manual';

const FIELD: Record<IbkrRole, 'clientId' | 'watchdogClientId' | 'statusClientId' | 'manualClientId'> = {
  main: 'clientId',
  watchdog: 'watchdogClientId',
  status: 'statusClientId',
  manual: 'manualClientId',
};

const WHO: Record<IbkrRole, string> = {
  main: 'the trading loop',
  watchdog: 'the watchdog',
  status: 'read-only commands (status, chain, order --dry-run)',
  manual: 'manual commands (order, cancel, flatten)',
};

/** The client id `role` connects with. */
export function clientIdFor(options: ParsedIbkrBrokerOptions, role: IbkrRole): number {
  return options[FIELD[role]];
}

/** `broker.clientId (the trading loop)`: for messages that must say whose id is taken. */
export function describeRole(role: IbkrRole): string {
  return `broker.${FIELD[role]}, ${WHO[role]}`;
}

/** The client ids swarmdesk places orders from (the read-only id never does). */
export function orderingClientIds(options: ParsedIbkrBrokerOptions): ReadonlySet<number> {
  return new Set([options.clientId, options.watchdogClientId, options.manualClientId]);
}

/**
 * An order swarmdesk placed, whichever of its processes: it came from one of swarmdesk's client ids
 * and carries a client order id as `orderRef`. Anything else (a TWS order, another tool's) is not
 * ours, and reconciliation leaves it for a person.
 */
export function isSwarmdeskOrder(
  ours: ReadonlySet<number>,
  ownerClientId: number | undefined,
  orderRef: string | undefined,
): boolean {
  if (ownerClientId === undefined || !ours.has(ownerClientId) || !orderRef) return false;
  if (orderRef.startsWith('ib-')) return false;
  try {
    clientOrderId(orderRef);
    return true;
  } catch {
    return false;
  }
}
