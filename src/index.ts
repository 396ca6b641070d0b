/** swarmdesk's public API. */
export * from './domain/index.js';
