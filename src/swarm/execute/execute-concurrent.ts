import type { Clock, InstanceId } from '../../domain/index.js';
import type { FailureReason } from '../errors.js';
import { LlmCallError, type LlmProvider, type LlmRequest, type LlmResponse } from '../llm/provider.js';
import { ZERO_USAGE, addUsage, totalTokens, type RawUsage, type TokenUsage } from '../llm/usage.js';
import { CycleBudget, type BudgetLimits } from './budget.js';
import { retryDelayMs, type RetrySettings } from './retry-policy.js';

/** One instance's call: who, through which provider, what, and its worst case for the budget. */
export interface SwarmJob {
  readonly instanceId: InstanceId;
  readonly provider: LlmProvider;
  readonly request: LlmRequest;
  /** Prompt estimate plus the output cap. */
  readonly worstCaseTokens: number;
  /** The same in dollars; null when the model's price is unknown. */
  readonly worstCaseCostUsd: number | null;
}

interface ResultBase {
  readonly instanceId: InstanceId;
  readonly usage: TokenUsage;
  /** HTTP attempts made (0 when the call never started). */
  readonly attempts: number;
  readonly durationMs: number;
}

export type JobResult =
  | (ResultBase & { readonly outcome: 'ok'; readonly response: LlmResponse })
  | (ResultBase & {
      readonly outcome: 'timeout' | 'error';
      readonly reason: FailureReason;
      readonly detail: string;
    });

export interface ExecuteOptions {
  readonly clock: Clock;
  readonly concurrency: number;
  /** Per attempt. */
  readonly callTimeoutMs: number;
  /** For the whole run, from the call of this function. */
  readonly deadlineMs: number;
  readonly retries: RetrySettings;
  readonly budget: BudgetLimits;
  /** Prices a call's raw usage by the model requested (null for rules). */
  readonly price: (raw: RawUsage, model: string | null) => TokenUsage;
  /** Jitter source; seed it in tests. */
  readonly random?: () => number;
  /** Called as each job finishes (for progress or journaling). */
  readonly onResult?: (result: JobResult) => void;
}

class Abort {
  constructor(readonly why: 'deadline' | 'call_timeout') {}
}

/** Rejects when `signal` aborts, whatever the provider does: a deadline is a deadline. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        // Passed through untouched: the caller classifies whatever the provider threw.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(e);
      },
    );
  });
}

/**
 * The run's deadline, and every abortable thing still running under it. Each attempt (and each wait
 * before a retry) gets its own controller, aborted when the deadline passes; no listener piles up
 * on one shared signal however many calls run at once.
 */
class DeadlineGroup {
  passed = false;
  private readonly active = new Set<AbortController>();

  /** A controller aborted at the deadline (at once if it has passed). */
  open(): AbortController {
    const controller = new AbortController();
    if (this.passed) controller.abort(new Abort('deadline'));
    else this.active.add(controller);
    return controller;
  }

  close(controller: AbortController): void {
    this.active.delete(controller);
  }

  expire(): void {
    this.passed = true;
    for (const controller of this.active) controller.abort(new Abort('deadline'));
    this.active.clear();
  }
}

/**
 * Asks every job's provider, at most `concurrency` at a time, each attempt under `callTimeoutMs` and
 * the whole run under `deadlineMs`. Retries 429, 5xx, 529 and dropped connections with backoff and
 * jitter, honouring Retry-After (never past the deadline). At the deadline every call still running
 * is aborted (its connection closed) and every job not started is reported as `timeout/deadline`.
 * Calls the budget cannot cover are not made (`error/budget_exhausted`). One failure never sinks the
 * others: every job gets a result, in the order given.
 */
export async function executeSwarmConcurrent(
  jobs: readonly SwarmJob[],
  options: ExecuteOptions,
): Promise<JobResult[]> {
  const { clock } = options;
  const random = options.random ?? Math.random;
  const start = clock.now();
  const deadlineAt = start + options.deadlineMs;
  const deadline = new DeadlineGroup();
  const deadlineTimer = clock.setTimeout(() => deadline.expire(), options.deadlineMs);
  const budget = new CycleBudget(options.budget);
  const results: JobResult[] = new Array<JobResult>(jobs.length);
  let next = 0;

  const runJob = async (job: SwarmJob): Promise<JobResult> => {
    const began = clock.now();
    let usage: TokenUsage = ZERO_USAGE;
    let attempts = 0;
    const fail = (outcome: 'timeout' | 'error', reason: FailureReason, detail: string): JobResult => ({
      instanceId: job.instanceId,
      outcome,
      reason,
      detail,
      usage,
      attempts,
      durationMs: clock.now() - began,
    });
    if (deadline.passed)
      return fail('timeout', 'deadline', 'the deadline passed before this call could start');
    const reservation = budget.tryReserve(job.worstCaseTokens, job.worstCaseCostUsd);
    if (!reservation) {
      const spent = budget.spent;
      return fail(
        'error',
        'budget_exhausted',
        `cycle budget spent (${spent.tokens} tokens, $${spent.costUsd.toFixed(4)} so far)`,
      );
    }
    try {
      for (;;) {
        attempts++;
        const controller = deadline.open();
        const timer = clock.setTimeout(
          () => controller.abort(new Abort('call_timeout')),
          options.callTimeoutMs,
        );
        try {
          const response = await raceAbort(
            job.provider.complete(job.request, {
              signal: controller.signal,
              timeoutMs: options.callTimeoutMs + 1000,
            }),
            controller.signal,
          );
          // Priced by the model asked for (config keys), not the dated name a server may answer with.
          usage = addUsage(usage, options.price(response.usage, job.request.model));
          return {
            instanceId: job.instanceId,
            outcome: 'ok',
            response,
            usage,
            attempts,
            durationMs: clock.now() - began,
          };
        } catch (err) {
          usage = addUsage(usage, { ...ZERO_USAGE, calls: 1 });
          const why = controller.signal.reason instanceof Abort ? controller.signal.reason.why : null;
          if (why === 'deadline')
            return fail('timeout', 'deadline', `cancelled at the ${options.deadlineMs} ms deadline`);
          if (why === 'call_timeout')
            return fail('timeout', 'call_timeout', `no answer within ${options.callTimeoutMs} ms`);
          const e =
            err instanceof LlmCallError ? err : new LlmCallError('internal', String(err), { cause: err });
          const reason: FailureReason = e.reason === 'aborted' ? 'internal' : e.reason;
          if (reason === 'call_timeout') return fail('timeout', reason, e.message);
          if (!e.retryable || attempts > options.retries.max) {
            return fail(
              'error',
              reason,
              attempts > 1 ? `${e.message} (after ${attempts} attempts)` : e.message,
            );
          }
          const wait = retryDelayMs(attempts, options.retries, e.retryAfterMs, random);
          if (clock.now() + wait >= deadlineAt) {
            return fail(
              'error',
              reason,
              `${e.message}; the next try (in ${Math.round(wait)} ms) would be past the deadline`,
            );
          }
          const sleeper = deadline.open();
          try {
            await clock.sleep(wait, sleeper.signal);
          } catch {
            return fail(
              'timeout',
              'deadline',
              `cancelled at the ${options.deadlineMs} ms deadline while waiting to retry`,
            );
          } finally {
            deadline.close(sleeper);
          }
        } finally {
          timer.cancel();
          deadline.close(controller);
        }
      }
    } finally {
      budget.settle(reservation, totalTokens(usage), usage.costUsd);
    }
  };

  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const result = await runJob(jobs[index]!);
      results[index] = result;
      options.onResult?.(result);
    }
  };

  try {
    await Promise.all(
      Array.from({ length: Math.min(Math.max(1, options.concurrency), jobs.length) }, () => worker()),
    );
  } finally {
    deadlineTimer.cancel();
  }
  return results;
}
