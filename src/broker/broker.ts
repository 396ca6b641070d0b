import type { AccountSummary, ClientOrderId, Fill, Order, OrderIntent, Position } from '../domain/index.js';

export type BrokerConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

/** The account kind as the broker itself reports it (IB paper accounts start with `D`). */
export type AccountKind = 'paper' | 'live';

/** A what-if preview: margin and commission the broker would charge for an order. Dollars. */
export interface MarginPreview {
  readonly initialMarginChange: number;
  readonly maintenanceMarginChange: number;
  readonly commission: number;
  /** Buying power left after the order. */
  readonly buyingPowerAfter: number;
  /** Where the figure came from: the broker's own what-if, or our margin model. */
  readonly source: 'broker' | 'model';
}

export interface BrokerEvents {
  status: (status: BrokerConnectionStatus, detail?: string) => void;
  order: (order: Order) => void;
  fill: (fill: Fill) => void;
}

/**
 * Everything about a broker except sending orders. This is the handle the Commander and the
 * runtime hold: they cannot place an order except through the execution gate.
 */
export interface BrokerView {
  readonly name: string;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  connectionStatus(): BrokerConnectionStatus;
  /** Subscribe; returns the unsubscribe function. */
  on<E extends keyof BrokerEvents>(event: E, listener: BrokerEvents[E]): () => void;
  accountKind(): Promise<AccountKind>;
  accountSummary(): Promise<AccountSummary>;
  positions(): Promise<readonly Position[]>;
  /** Orders not yet in a terminal state. */
  openOrders(): Promise<readonly Order[]>;
  /** An order we sent, by our id, whatever its state; null when the broker never saw it. */
  orderByClientId(id: ClientOrderId): Promise<Order | null>;
  /** Fills since `sinceEpochMs`. */
  fills(sinceEpochMs: number): Promise<readonly Fill[]>;
  previewOrder(intent: OrderIntent): Promise<MarginPreview>;
  /** Cancels reduce risk, so they do not pass the gate. Unknown or finished orders: BrokerError. */
  cancelOrder(id: ClientOrderId): Promise<void>;
  cancelAll(): Promise<void>;
}

/**
 * What a reader (`swarmdesk status`, `orders`) asks of a broker: the book as it stands, and nothing
 * that changes it or the data dir. The paper broker's reader reads its file without matching
 * resting orders (the process that holds the book does that); IBKR's is a short connection of its own.
 */
export interface BrokerReader {
  readonly name: string;
  accountSummary(): Promise<AccountSummary>;
  positions(): Promise<readonly Position[]>;
  /** Orders not yet in a terminal state. */
  openOrders(): Promise<readonly Order[]>;
  close(): Promise<void>;
}

/** A connected broker as a reader; closing it disconnects. */
export function brokerReader(view: BrokerView): BrokerReader {
  return {
    name: view.name,
    accountSummary: () => view.accountSummary(),
    positions: () => view.positions(),
    openOrders: () => view.openOrders(),
    close: () => view.disconnect(),
  };
}

/**
 * The broker port. Implementations: `paper` (embedded default), `ibkr`.
 * `placeOrder` is idempotent on `intent.clientOrderId`: the same id twice returns the first order.
 * Refusals throw `BrokerError` with the broker's reason.
 */
export interface Broker extends BrokerView {
  placeOrder(intent: OrderIntent): Promise<Order>;
}

const VIEW_METHODS = [
  'connect',
  'disconnect',
  'connectionStatus',
  'on',
  'accountKind',
  'accountSummary',
  'positions',
  'openOrders',
  'orderByClientId',
  'fills',
  'previewOrder',
  'cancelOrder',
  'cancelAll',
] as const satisfies readonly (keyof BrokerView)[];

/** A handle without `placeOrder` — not just by type: the method does not exist on the object. */
export function brokerView(broker: Broker): BrokerView {
  const view: Record<string, unknown> = { name: broker.name };
  for (const method of VIEW_METHODS) {
    view[method] = (...args: unknown[]) =>
      (broker[method] as (...a: unknown[]) => unknown).apply(broker, args);
  }
  return Object.freeze(view) as unknown as BrokerView;
}
