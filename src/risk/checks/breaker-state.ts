import type { OrderIntent } from '../../domain/index.js';
import { analyze, isMissing } from '../analysis/analyze.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 1. Circuit breaker: ACTIVE lets all through, REDUCING only exposure-reducing orders, HALTED none. */
export function checkBreakerState(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.breaker === null) {
    return reject('BREAKER_HALTED', 'the circuit breaker state could not be read; judged as HALTED');
  }
  if (ctx.breaker === 'HALTED') {
    return reject(
      'BREAKER_HALTED',
      'the circuit breaker is HALTED: no orders until a person runs `swarmdesk resume`',
    );
  }
  if (ctx.breaker === 'REDUCING') {
    const verdict = analyze(intent, ctx).exposure();
    if (isMissing(verdict)) {
      return reject(
        'BREAKER_REDUCING_ONLY',
        `the breaker is REDUCING and ${verdict.missing}, so the order cannot be shown to reduce exposure`,
      );
    }
    if (!verdict.reduces) {
      return reject(
        'BREAKER_REDUCING_ONLY',
        `the breaker is REDUCING: only orders that reduce held positions pass; ${verdict.why}`,
      );
    }
  }
  return null;
}
