import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 2b. The broker's own account kind must match the configured mode (a paper config never reaches a live account). */
export function checkModeAccountKind(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  const { configured, accountKind } = ctx.mode;
  if (accountKind === null) {
    return reject(
      'MODE_ACCOUNT_UNKNOWN',
      `the broker did not say whether its account is paper or live (config mode "${configured}")`,
    );
  }
  if (accountKind !== configured) {
    return reject(
      'MODE_ACCOUNT_MISMATCH',
      `the broker's account is ${accountKind} but config mode is "${configured}"`,
      {
        accountKind,
        configured,
      },
    );
  }
  return null;
}
