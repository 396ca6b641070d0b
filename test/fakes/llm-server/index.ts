export { FakeLlmServer } from './server.js';
export type { FakeLlmServerOptions } from './server.js';
export type { FakeApi, FakeHandler, FakeReply, FakeRequest, FakeUsage } from './replies.js';
export { byModel } from './scripts.js';
