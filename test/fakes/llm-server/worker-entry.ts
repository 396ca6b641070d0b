/**
 * The fake LLM server in a worker thread, so its own CPU (parsing requests, building replies) does
 * not compete with the client it serves. Used by the bench; the reply is chosen by `mode`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { spreadFromContext } from '../../../src/swarm/test-support/context-replies.js';
import { FakeLlmServer } from './server.js';

interface WorkerOptions {
  readonly latencyMs: number;
  readonly mode: 'spread-from-context' | 'empty';
}

const options = workerData as WorkerOptions;
// Instances that share a context get the same answer: made once, so the fake's own CPU stays small
// next to the latency it simulates (a real API serves requests in parallel).
const answers = new Map<string, string>();
const answer = (user: string): string => {
  let text = answers.get(user);
  if (text === undefined) answers.set(user, (text = spreadFromContext(user)));
  return text;
};
const server = await FakeLlmServer.start({
  handler: (req) => ({
    kind: 'text',
    text: options.mode === 'spread-from-context' ? answer(req.user) : '{"signals": []}',
    latencyMs: options.latencyMs,
  }),
});
parentPort!.on('message', (message: unknown) => {
  if (message === 'close') {
    void server.close().then(() => process.exit(0));
  } else if (message === 'count') {
    parentPort!.postMessage({ count: server.requests.length });
  }
});
parentPort!.postMessage({ port: server.port });
