import type { FakeHandler, FakeReply } from './replies.js';

/**
 * A script keyed by model name: each request for a model takes the next reply of its list (the last
 * one repeats). Models not listed get `fallback`.
 */
export function byModel(
  script: Readonly<Record<string, readonly FakeReply[]>>,
  fallback?: FakeReply,
): FakeHandler {
  return (request) => {
    const replies = script[request.model];
    if (!replies || replies.length === 0) return fallback ?? { kind: 'text', text: '{"signals": []}' };
    return replies[Math.min(request.indexForModel, replies.length - 1)]!;
  };
}
