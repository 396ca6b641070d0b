export { FakeIbGateway } from './gateway.js';
export type { FakeIbGatewayOptions, RejectOptions } from './gateway.js';
export type { StartingPosition } from './account.js';
export type { FakeOrder, FakeExecution } from './exchange.js';
export { conIdOf, wireContract } from './instruments.js';
export { decodeMessages, encodeRequest } from './oracle.js';
