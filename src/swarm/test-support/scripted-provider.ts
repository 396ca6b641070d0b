import type { Clock, InstanceId, SimulatedClock } from '../../domain/index.js';
import { buildInstanceContext, type MarketSnapshot } from '../context/market-context.js';
import {
  LlmCallError,
  type CallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../llm/provider.js';
import type { SwarmJob } from '../execute/execute-concurrent.js';

/** One scripted step: wait `delayMs` on the clock, then answer `text` or throw `error`. */
export interface ScriptStep {
  readonly delayMs?: number;
  readonly text?: string;
  readonly error?: LlmCallError;
  readonly usage?: Partial<LlmResponse['usage']>;
}

/**
 * An in-memory provider for executor tests, driven by an injected (simulated) clock: each call takes
 * the next step for its instance. Records concurrency and every call's start time.
 */
export class ScriptedProvider implements LlmProvider {
  readonly kind = 'openai' as const;
  inFlight = 0;
  maxInFlight = 0;
  readonly starts: { instanceId: string; at: number }[] = [];
  readonly aborted: string[] = [];
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly script: (instanceId: string, attempt: number) => ScriptStep,
  ) {}

  async complete(request: LlmRequest, call: CallOptions): Promise<LlmResponse> {
    const attempt = this.attempts.get(request.instanceId) ?? 0;
    this.attempts.set(request.instanceId, attempt + 1);
    const step = this.script(request.instanceId, attempt);
    this.starts.push({ instanceId: request.instanceId, at: this.clock.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (step.delayMs) await this.clock.sleep(step.delayMs, call.signal);
      else if (call.signal.aborted) throw call.signal.reason;
    } catch {
      this.aborted.push(request.instanceId);
      throw new LlmCallError('aborted', 'scripted: aborted');
    } finally {
      this.inFlight--;
    }
    if (step.error) throw step.error;
    return {
      text: step.text ?? '{"signals": []}',
      model: request.model,
      stopReason: 'end_turn',
      usage: {
        inputTokens: 100,
        outputTokens: 20,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        estimated: false,
        ...step.usage,
      },
    };
  }
}

const EMPTY_MARKET: MarketSnapshot = { time: 0, today: '2026-11-24', symbols: new Map() };

/** A minimal request for executor tests. */
export function bareRequest(instanceId: string, model: string | null = 'gpt-4o-mini'): LlmRequest {
  return {
    instanceId: instanceId as InstanceId,
    model,
    system: [{ text: 'contract', cache: false }],
    user: 'context',
    maxOutputTokens: 100,
    temperature: 0,
    structured: {
      template: 'vol_sniper.md',
      rulesScreen: 'vol_sniper',
      parameters: { symbol_pool: [] },
      context: buildInstanceContext(EMPTY_MARKET, [], {
        dte: [0, 1],
        deltas: [0, 1],
        maxExpiries: 1,
        maxRowsPerRight: 40,
      }),
    },
  };
}

/** Jobs `i0`..`i{n-1}` on one provider. */
export function jobs(
  n: number,
  provider: LlmProvider,
  worstCaseTokens = 200,
  worstCaseCostUsd: number | null = 0.001,
): SwarmJob[] {
  return Array.from({ length: n }, (_, i) => ({
    instanceId: `i${i}` as InstanceId,
    provider,
    request: bareRequest(`i${i}`),
    worstCaseTokens,
    worstCaseCostUsd,
  }));
}

/**
 * Settles a promise that waits on a simulated clock: lets pending work run, then moves time forward
 * `stepMs` at a time, until the promise settles (or `maxMs` of simulated time have passed).
 */
export async function settleWithClock<T>(
  clock: SimulatedClock,
  promise: Promise<T>,
  stepMs = 5,
  maxMs = 600_000,
): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  for (let elapsed = 0; ; elapsed += stepMs) {
    for (let i = 0; i < 3 && !settled; i++) await new Promise((r) => setImmediate(r));
    if (settled || elapsed >= maxMs) break;
    clock.advance(stepMs);
  }
  return watched;
}
