export * from './broker.js';
export * from './errors.js';
export * from './order-validation.js';
