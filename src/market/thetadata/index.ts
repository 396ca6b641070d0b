/** ThetaData market data: a `MarketData` over the Theta Terminal's REST API (v3, or v2 behind `apiVersion`). */
import type { Clock } from '../../domain/index.js';
import type { ThetaDataMarketOptions, ThetaDataTuning } from './options.js';
import { ThetaDataMarket } from './thetadata-market.js';

export { ThetaDataMarket } from './thetadata-market.js';
export { ThetaTerminalError } from './errors.js';
export type { TerminalCode } from './errors.js';
export { TIER_CONCURRENCY, terminalEndpoint } from './options.js';
export {
  thetaDataOptionsSchema,
  parseThetaDataOptions,
  THETADATA_DEFAULT_SYMBOLS,
} from './options-schema.js';
export type { ThetaDataOptionsInput } from './options-schema.js';
export type {
  ThetaDataMarketOptions,
  ThetaDataTuning,
  ThetaDataTier,
  ThetaDataApiVersion,
} from './options.js';

/** A ThetaData market from the parsed `marketData` config section (`source: "thetadata"`). */
export function createThetaDataMarket(
  options: ThetaDataMarketOptions,
  deps: { readonly clock: Clock },
  tuning?: ThetaDataTuning,
): ThetaDataMarket {
  return new ThetaDataMarket(options, deps.clock, tuning);
}
