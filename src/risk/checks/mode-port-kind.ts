import type { OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 2c. The connection's port (IB paper 4002/7497, live 4001/7496) must match the configured mode too. */
export function checkModePortKind(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  const { configured, portKind } = ctx.mode;
  if (portKind !== null && portKind !== configured) {
    return reject(
      'MODE_ACCOUNT_MISMATCH',
      `the broker connection's port is a ${portKind} port but config mode is "${configured}"`,
      {
        portKind,
        configured,
      },
    );
  }
  return null;
}
