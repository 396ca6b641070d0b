import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../domain/index.js';
import { LlmCallError } from '../llm/provider.js';
import { priceUsage } from '../llm/usage.js';
import { defaultLlmConfig } from '../llm/llm-config.js';
import {
  jobs,
  ScriptedProvider,
  settleWithClock,
  type ScriptStep,
} from '../test-support/scripted-provider.js';
import { executeSwarmConcurrent, type ExecuteOptions, type JobResult } from './execute-concurrent.js';
import { seededRandom } from './seeded-random.js';

const T0 = Date.UTC(2026, 10, 24, 15, 30);
const config = defaultLlmConfig();

function options(clock: SimulatedClock, over: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return {
    clock,
    concurrency: 4,
    callTimeoutMs: 1000,
    deadlineMs: 5000,
    retries: { max: 3, baseDelay: 100, maxDelay: 1000 },
    budget: { maxTokens: 1_000_000, maxCostUsd: 100 },
    price: (raw, model) => priceUsage(raw, model, config),
    random: seededRandom(7),
    ...over,
  };
}

function setup(script: (id: string, attempt: number) => ScriptStep) {
  const clock = new SimulatedClock(T0);
  const provider = new ScriptedProvider(clock, script);
  return { clock, provider };
}

const byId = (results: JobResult[]) => Object.fromEntries(results.map((r) => [r.instanceId, r]));

describe('executeSwarmConcurrent', () => {
  it('runs every job, never more at once than the concurrency limit', async () => {
    const { clock, provider } = setup(() => ({ delayMs: 100 }));
    const results = await settleWithClock(
      clock,
      executeSwarmConcurrent(jobs(10, provider), options(clock, { concurrency: 3 })),
    );
    expect(results.map((r) => r.outcome)).toEqual(Array(10).fill('ok'));
    expect(provider.maxInFlight).toBe(3);
    // 10 jobs of 100 ms in waves of 3: the last starts at 300 ms.
    expect(Math.max(...provider.starts.map((s) => s.at - T0))).toBe(300);
  });

  it('asks all instances at once when the limit allows, so the cycle takes one latency', async () => {
    const { clock, provider } = setup(() => ({ delayMs: 2000 }));
    const run = executeSwarmConcurrent(
      jobs(10, provider),
      options(clock, { concurrency: 10, callTimeoutMs: 5000 }),
    );
    const results = await settleWithClock(clock, run, 50);
    expect(provider.starts.every((s) => s.at === T0)).toBe(true);
    expect(Math.max(...results.map((r) => r.durationMs))).toBe(2000);
  });

  it('times out one slow call without sinking the others', async () => {
    const { clock, provider } = setup((id) => ({ delayMs: id === 'i1' ? 10_000 : 50 }));
    const results = byId(
      await settleWithClock(clock, executeSwarmConcurrent(jobs(3, provider), options(clock))),
    );
    expect(results.i0!.outcome).toBe('ok');
    expect(results.i2!.outcome).toBe('ok');
    expect(results.i1).toMatchObject({ outcome: 'timeout', reason: 'call_timeout', attempts: 1 });
    expect(provider.aborted).toEqual(['i1']);
  });

  it('cancels stragglers at the deadline and reports jobs that never started', async () => {
    const { clock, provider } = setup(() => ({ delayMs: 900 }));
    const results = await settleWithClock(
      clock,
      executeSwarmConcurrent(
        jobs(5, provider),
        options(clock, { concurrency: 2, deadlineMs: 1500, callTimeoutMs: 10_000 }),
      ),
    );
    // Wave 1 (0-900) finishes; wave 2 (900-1800) is cut at 1500; job 5 never starts.
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'timeout', 'timeout', 'timeout']);
    expect(results.slice(2).every((r) => r.outcome !== 'ok' && r.reason === 'deadline')).toBe(true);
    expect(results[4]!.attempts).toBe(0);
    expect(provider.aborted.sort()).toEqual(['i2', 'i3']);
  });

  it('retries a 429 after exactly the Retry-After the server asked for', async () => {
    const { clock, provider } = setup((_, attempt) =>
      attempt === 0
        ? { error: new LlmCallError('rate_limited', '429', { retryable: true, retryAfterMs: 700 }) }
        : { delayMs: 10 },
    );
    const [result] = await settleWithClock(
      clock,
      executeSwarmConcurrent(jobs(1, provider), options(clock)),
      1,
    );
    expect(result).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(provider.starts.map((s) => s.at - T0)).toEqual([0, 700]);
    expect(result!.usage.calls).toBe(2);
  });

  it('backs off exponentially with seeded jitter on 529 and 5xx, then gives up with the reason', async () => {
    const { clock, provider } = setup((_, attempt) => ({
      error:
        attempt % 2 === 0
          ? new LlmCallError('overloaded', '529', { retryable: true })
          : new LlmCallError('server_error', '500', { retryable: true }),
    }));
    const [result] = await settleWithClock(
      clock,
      executeSwarmConcurrent(
        jobs(1, provider),
        options(clock, { retries: { max: 3, baseDelay: 100, maxDelay: 250 } }),
      ),
      1,
    );
    expect(result).toMatchObject({ outcome: 'error', reason: 'server_error', attempts: 4 });
    const gaps = provider.starts.slice(1).map((s, i) => s.at - provider.starts[i]!.at);
    expect(gaps).toHaveLength(3);
    // base 100, 200, then capped at 250; each less up to 25 % jitter (rounded up to the 1 ms step).
    [100, 200, 250].forEach((nominal, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(Math.floor(nominal * 0.75));
      expect(gaps[i]).toBeLessThanOrEqual(nominal);
    });
    // Same seed, same waits.
    const again = setup((_, attempt) => ({
      error: new LlmCallError(attempt % 2 ? 'server_error' : 'overloaded', 'x', { retryable: true }),
    }));
    await settleWithClock(
      again.clock,
      executeSwarmConcurrent(
        jobs(1, again.provider),
        options(again.clock, { retries: { max: 3, baseDelay: 100, maxDelay: 250 } }),
      ),
      1,
    );
    expect(again.provider.starts.map((s) => s.at)).toEqual(provider.starts.map((s) => s.at));
  });

  it('does not wait for a Retry-After that ends past the deadline', async () => {
    const { clock, provider } = setup(() => ({
      error: new LlmCallError('rate_limited', '429', { retryable: true, retryAfterMs: 60_000 }),
    }));
    const [result] = await settleWithClock(clock, executeSwarmConcurrent(jobs(1, provider), options(clock)));
    expect(result).toMatchObject({ outcome: 'error', reason: 'rate_limited', attempts: 1 });
    expect(result!.outcome !== 'ok' && result!.detail).toMatch(/past the deadline/);
    expect(clock.now()).toBeLessThan(T0 + 1000);
  });

  it('does not retry what cannot help (auth, bad request, bad response)', async () => {
    const { clock, provider } = setup((id) => ({
      error: new LlmCallError(id === 'i0' ? 'auth' : id === 'i1' ? 'bad_request' : 'bad_response', 'no'),
    }));
    const results = await settleWithClock(clock, executeSwarmConcurrent(jobs(3, provider), options(clock)));
    expect(results.map((r) => [r.outcome, r.outcome === 'ok' ? null : r.reason, r.attempts])).toEqual([
      ['error', 'auth', 1],
      ['error', 'bad_request', 1],
      ['error', 'bad_response', 1],
    ]);
  });

  it('stops making calls when the cycle budget cannot cover the next one', async () => {
    const { clock, provider } = setup(() => ({
      delayMs: 10,
      usage: { inputTokens: 900, outputTokens: 100 },
    }));
    // Each call may use 1,000 tokens; the budget holds 2,500: two calls, then no more.
    const results = await settleWithClock(
      clock,
      executeSwarmConcurrent(
        jobs(4, provider, 1000),
        options(clock, { concurrency: 1, budget: { maxTokens: 2500, maxCostUsd: 100 } }),
      ),
    );
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'error', 'error']);
    expect(
      results
        .slice(2)
        .every((r) => r.outcome === 'error' && r.reason === 'budget_exhausted' && r.attempts === 0),
    ).toBe(true);
    expect(provider.starts).toHaveLength(2);
  });

  it('stops making calls when the dollar budget is spent', async () => {
    const { clock, provider } = setup(() => ({ delayMs: 10 }));
    const results = await settleWithClock(
      clock,
      executeSwarmConcurrent(
        jobs(3, provider, 10, 0.4),
        options(clock, { concurrency: 3, budget: { maxTokens: 1e9, maxCostUsd: 1 } }),
      ),
    );
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'error']);
  });

  it('records usage and cost per call', async () => {
    const { clock, provider } = setup(() => ({ usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } }));
    const [result] = await settleWithClock(clock, executeSwarmConcurrent(jobs(1, provider), options(clock)));
    // gpt-4o-mini: $0.15 in + $0.60 out per million.
    expect(result!.usage).toMatchObject({ inputTokens: 1_000_000, outputTokens: 1_000_000, calls: 1 });
    expect(result!.usage.costUsd).toBeCloseTo(0.75, 10);
  });

  it('reports an unexpected throw as an internal error of that instance only', async () => {
    const { clock, provider } = setup((id) =>
      id === 'i0' ? { error: new TypeError('boom') as unknown as LlmCallError } : {},
    );
    const results = await settleWithClock(clock, executeSwarmConcurrent(jobs(2, provider), options(clock)));
    expect(results.map((r) => r.outcome)).toEqual(['error', 'ok']);
    expect(results[0]).toMatchObject({ reason: 'internal' });
  });

  it('leaves no timers armed when it returns', async () => {
    const { clock, provider } = setup(() => ({ delayMs: 10 }));
    await settleWithClock(clock, executeSwarmConcurrent(jobs(3, provider), options(clock)));
    expect(clock.pendingTimers()).toBe(0);
  });
});
