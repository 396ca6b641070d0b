/**
 * The quant core: Black-Scholes-Merton and Black-76 prices, implied volatility to machine precision
 * ("Let's Be Rational"), Greeks, Kelly sizing, IV rank/percentile, implied probabilities and whole-chain
 * (typed-array) versions. Pure functions, no I/O.
 */
export { IvError, QuantInputError } from './errors.js';
export type { IvErrorCode, QuantInputErrorCode } from './errors.js';
export { blackScholesPrice, blackScholesIv } from './black-scholes.js';
export type { BlackScholesInput, BlackScholesIvInput } from './black-scholes.js';
export { black76Price, black76Iv } from './black76.js';
export type { Black76Input, Black76IvInput } from './black76.js';
export {
  calculateGreeks,
  toTraderGreeks,
  vegaPerVolPoint,
  thetaPerCalendarDay,
  rhoPerRatePoint,
} from './greeks.js';
export type { PricedGreeks, TraderGreeks } from './greeks.js';
export { kellyCriterion, fractionalKelly, kellyContracts } from './kelly.js';
export type { KellyInput, FractionalKellyInput, KellyContractsInput } from './kelly.js';
export { ivRank, ivPercentile } from './iv-rank.js';
export type { IvHistoryInput } from './iv-rank.js';
export { probabilityBeyond, probabilityBeyondBreakeven } from './probability.js';
export type { Beyond, ProbabilityBeyondInput, BreakevenInput } from './probability.js';
export { priceChain, impliedVolChain, greeksChain, createGreeksChain, IvReason } from './chain-vectorised.js';
export type {
  ChainMarket,
  ChainContracts,
  IvChainResult,
  IvReasonCode,
  GreeksChain,
} from './chain-vectorised.js';
export { normCdf, normPdf } from './normal-cdf.js';
export { erf, erfc, erfcx } from './erf-cody.js';
