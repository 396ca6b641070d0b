export * from './schema.js';
export * from './load-config.js';

export { DEFAULT_SYMBOLS } from './sections/market-data.js';
