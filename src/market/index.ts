export * from './market-data.js';
export * from './errors.js';
export * from './chain-view.js';
