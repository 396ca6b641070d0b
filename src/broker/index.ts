export * from './broker.js';
export * from './errors.js';
