export { FakeThetaTerminal } from './server.js';
export type { FakeThetaTerminalOptions, FakeApiVersion, RecordedRequest } from './server.js';
export type { Tier } from './params.js';
export { nyStamp } from './wire-format.js';
export { V2_NO_DATA } from './routes-v2.js';
