import { formatDuration, structureKey, type OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 11e. The same legs and sides at the same price were not ordered within `risk.duplicateWindow`. */
export function checkDuplicateOrderWindow(intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.history === null)
    return reject(
      'DUPLICATE_ORDER_WINDOW',
      'the order history could not be read, so duplicates cannot be ruled out',
    );
  const window = ctx.limits.duplicateWindow;
  const structure = structureKey(intent.legs);
  const twin = ctx.history.recent.find(
    (o) =>
      o.clientOrderId !== intent.clientOrderId &&
      o.createdAt > ctx.now - window &&
      o.structure === structure &&
      o.priceEffect === intent.priceEffect &&
      o.limitPrice === intent.limitPrice,
  );
  if (twin) {
    return reject(
      'DUPLICATE_ORDER_WINDOW',
      `the same order (${structure} at ${intent.limitPrice ?? 'market'} ${intent.priceEffect}) was sent as ${twin.clientOrderId} ${formatDuration(Math.max(0, ctx.now - twin.createdAt))} ago; risk.duplicateWindow is ${formatDuration(window)}`,
      { twin: twin.clientOrderId },
    );
  }
  return null;
}
