import { LIVE_TRADING_ENV, type OrderIntent } from '../../domain/index.js';
import type { GateContext } from '../gate-context.js';
import { reject, type Rejection } from '../rejection.js';

/** 2a. Live orders need both switches: config `mode: "live"` and the environment variable. */
export function checkModeLiveSwitch(_intent: OrderIntent, ctx: GateContext): Rejection | null {
  if (ctx.mode.configured === 'live' && !ctx.mode.liveSwitch) {
    return reject(
      'MODE_LIVE_NOT_ENABLED',
      `config mode is "live" but ${LIVE_TRADING_ENV} is not "yes": live trading needs both switches`,
    );
  }
  return null;
}
