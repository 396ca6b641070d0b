/** swarmdesk's public API. */
export * from './domain/index.js';
export * from './config/index.js';
export * from './journal/index.js';
export * from './market/index.js';
export * from './broker/index.js';
