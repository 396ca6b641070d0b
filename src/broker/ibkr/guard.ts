/**
 * The live/paper guard, pure. Paper by default; live trading needs config `mode: live` and the
 * environment switch, and every mismatch between mode, port and account is refused:
 * - a live port (Gateway 4001, TWS 7496) or a live account (not starting with `D`) in paper mode;
 * - a paper port (4002, 7497) or a paper account (`D…`) in live mode;
 * - live mode without the switch.
 */
import type { SafetyCode } from '../../domain/index.js';

export type TradingMode = 'paper' | 'live';

export const LIVE_PORTS: readonly number[] = [4001, 7496];
export const PAPER_PORTS: readonly number[] = [4002, 7497];

export interface GuardRefusal {
  readonly code: Extract<SafetyCode, 'MODE_ACCOUNT_MISMATCH' | 'MODE_LIVE_NOT_ENABLED'>;
  readonly message: string;
}

/** Before connecting: mode, switch and port. */
export function checkPort(port: number, mode: TradingMode, liveSwitch: boolean): GuardRefusal | null {
  if (mode === 'live' && !liveSwitch) {
    return {
      code: 'MODE_LIVE_NOT_ENABLED',
      message:
        'ibkr: mode is "live" but the live switch is off; live trading needs both config mode "live" and the environment switch',
    };
  }
  if (mode === 'paper' && LIVE_PORTS.includes(port)) {
    return {
      code: 'MODE_ACCOUNT_MISMATCH',
      message: `ibkr: port ${port} is a live trading port (Gateway 4001, TWS 7496) but mode is "paper"; use 4002 (Gateway) or 7497 (TWS) for paper`,
    };
  }
  if (mode === 'live' && PAPER_PORTS.includes(port)) {
    return {
      code: 'MODE_ACCOUNT_MISMATCH',
      message: `ibkr: port ${port} is a paper trading port (Gateway 4002, TWS 7497) but mode is "live"; use 4001 (Gateway) or 7496 (TWS)`,
    };
  }
  return null;
}

/** IB paper accounts start with `D` (`DU…`, `DF…`). */
export function isPaperAccount(account: string): boolean {
  return account.startsWith('D');
}

/**
 * After the handshake: which account to trade, or why not. `configured` must be one the login
 * manages; without it the login must manage exactly one.
 */
export function chooseAccount(
  managed: readonly string[],
  configured: string | undefined,
  mode: TradingMode,
): { account: string } | GuardRefusal {
  let account: string;
  if (configured !== undefined) {
    if (!managed.includes(configured)) {
      return {
        code: 'MODE_ACCOUNT_MISMATCH',
        message: `ibkr: account ${configured} (broker.account) is not managed by this login (managed: ${managed.join(', ') || 'none'})`,
      };
    }
    account = configured;
  } else if (managed.length === 1) {
    account = managed[0]!;
  } else {
    return {
      code: 'MODE_ACCOUNT_MISMATCH',
      message: `ibkr: the login manages ${managed.length} accounts (${managed.join(', ')}); set broker.account to the one to trade`,
    };
  }
  const paper = isPaperAccount(account);
  if (mode === 'paper' && !paper) {
    return {
      code: 'MODE_ACCOUNT_MISMATCH',
      message: `ibkr: account ${account} is a live account (paper accounts start with "D") but mode is "paper"; refusing to trade it`,
    };
  }
  if (mode === 'live' && paper) {
    return {
      code: 'MODE_ACCOUNT_MISMATCH',
      message: `ibkr: account ${account} is a paper account but mode is "live"; point live mode at a live login`,
    };
  }
  return { account };
}
