export * from './market-data.js';
export * from './errors.js';
