/** The Interactive Brokers adapter: `Broker` (and `MarketData`) over IB Gateway / TWS with `@stoqey/ib`. */
import { IbkrBroker, type IbkrBrokerDeps } from './ibkr-broker.js';
import { IbkrMarketData, type IbkrMarketDataDeps } from './market-data/ibkr-market-data.js';
import type { IbkrMarketDataOptions } from './market-data/options.js';
import type { IbkrBrokerOptions } from './options.js';

export { IbkrBroker } from './ibkr-broker.js';
export type { IbkrBrokerDeps, IbkrDiagnostics } from './ibkr-broker.js';
export { clientIdFor, describeRole } from './roles.js';
export type { IbkrRole } from './roles.js';
export { ibkrBrokerOptionsSchema, MARKET_DATA_TYPES } from './options.js';
export type { IbkrBrokerOptions, ParsedIbkrBrokerOptions } from './options.js';
export { checkPort, chooseAccount, isPaperAccount, LIVE_PORTS, PAPER_PORTS } from './guard.js';
export type { TradingMode, GuardRefusal } from './guard.js';
export type { SafetyLog } from './journal.js';
export { IbkrMarketData, asMarketDataError } from './market-data/ibkr-market-data.js';
export type { IbkrMarketDataDeps } from './market-data/ibkr-market-data.js';
export { ibkrMarketDataOptionsSchema } from './market-data/options.js';
export type { IbkrMarketDataOptions, ParsedIbkrMarketDataOptions } from './market-data/options.js';

/**
 * An IB broker, not yet connected. `role` picks the client id: `main` (`clientId`, 1), `watchdog`
 * (`watchdogClientId`, 999), `status` (`statusClientId`, 998, read-only) or `manual`
 * (`manualClientId`, 997).
 */
export function createIbkrBroker(options: IbkrBrokerOptions, deps: IbkrBrokerDeps): IbkrBroker {
  return new IbkrBroker(options, deps);
}

/** `MarketData` over IB, riding on a connected `IbkrBroker`'s connection. */
export function createIbkrMarketData(
  options: IbkrMarketDataOptions,
  deps: IbkrMarketDataDeps,
): IbkrMarketData {
  return new IbkrMarketData(options, deps);
}
