/**
 * swarmdesk's public API. The Commander's tools keep the seed's snake_case names; the functions
 * behind them are their camelCase twins, exported here.
 */
export * from './domain/index.js';
export * from './config/index.js';
export * from './journal/index.js';
export * from './market/index.js';
export * from './broker/index.js';
export * from './quant/index.js';
export * from './risk/index.js';
export * from './swarm/index.js';
export * from './commander/index.js';
export * from './runtime/index.js';
