import type { Clock } from '../domain/index.js';
import type { Broker } from '../broker/index.js';
import type { Journal } from '../journal/index.js';
import type { MarketData } from '../market/index.js';
import type { BookLockOptions } from './book-lock.js';
import type { RiskLimits } from './limits.js';

/** How the broker is reached, as far as the mode guard cares (from the config's `broker` section). */
export type BrokerConnection = { readonly type: 'paper' } | { readonly type: 'ibkr'; readonly port: number };

/** Which cycle an order belongs to and how many orders the runtime already sent in it. */
export interface CycleInfo {
  readonly id: string | null;
  readonly ordersSoFar: number;
}

/** What the gate needs from the outside world. Only the gate holds the full `Broker`. */
export interface GateDeps {
  readonly broker: Broker;
  readonly marketData: MarketData;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly config: {
    readonly mode: 'paper' | 'live';
    readonly risk: RiskLimits;
    /** Lets the mode guard compare the connection's port with the mode; omitted: the account kind alone decides. */
    readonly broker?: BrokerConnection;
  };
  /** The process environment (for `SWARMDESK_LIVE_TRADING`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cycle?: CycleInfo;
  /** Longest wait for any one broker or market-data answer, ms (default 10 s): a timeout is missing data. */
  readonly fetchTimeoutMs?: number;
  /** The book's gate lease: how long to wait for another gate, and what this one is (for its refusals). */
  readonly lock?: Partial<Omit<BookLockOptions, 'clock'>>;
  /**
   * I/O time: the broker and market-data answer timeouts (default: `clock`) and the gate lease
   * (default: real time). Never the simulated market's clock.
   */
  readonly ioClock?: Clock;
}

const PAPER_PORTS = [4002, 7497];
const LIVE_PORTS = [4001, 7496];

/** What a connection implies about the account: IB Gateway/TWS ports, or the paper broker. */
export function portKind(connection: BrokerConnection | undefined): 'paper' | 'live' | null {
  if (!connection) return null;
  if (connection.type === 'paper') return 'paper';
  if (PAPER_PORTS.includes(connection.port)) return 'paper';
  if (LIVE_PORTS.includes(connection.port)) return 'live';
  return null;
}
