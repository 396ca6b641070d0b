/**
 * IB's execution filter (`reqExecutions`), as TWS applies it: every field narrows, an empty one
 * (client id 0) does not. So client id 0 returns every client's executions — other API clients',
 * TWS's — which is how one client learns of fills IB only ever sent live to another.
 */
import { nyToEpoch } from '../../../src/domain/index.js';
import type { FakeExecution } from './exchange.js';
import { executionVenue } from './messages.js';
import { ProtocolError, type ExecutionsRequest } from './requests.js';

/**
 * The filter's time as epoch ms: `yyyymmdd-hh:mm:ss` is UTC; `yyyymmdd hh:mm:ss` is TWS's own
 * time zone (New York here) unless a zone follows. Null when the field is empty.
 */
export function filterTime(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})([- ])(\d{2}):(\d{2})(?::(\d{2}))?(?: (\S+))?$/.exec(t);
  if (!m) {
    throw new ProtocolError(
      `REQ_EXECUTIONS: time "${text}" is neither yyyymmdd-hh:mm:ss nor yyyymmdd hh:mm:ss [zone]`,
    );
  }
  const n = (i: number): number => Number(m[i] ?? 0);
  const zone = m[8] ?? (m[4] === '-' ? 'UTC' : 'US/Eastern');
  if (zone === 'UTC' || zone === 'GMT') return Date.UTC(n(1), n(2) - 1, n(3), n(5), n(6), n(7));
  if (zone !== 'US/Eastern' && zone !== 'America/New_York')
    throw new ProtocolError(`REQ_EXECUTIONS: time zone "${zone}" is not one the fake knows`);
  return nyToEpoch(`${m[1]}-${m[2]}-${m[3]}`, n(5), n(6), n(7));
}

const ACTION_OF_SIDE: Record<string, string> = { BOT: 'BUY', SLD: 'SELL' };

/** The executions `req` selects, in the order they happened. */
export function selectExecutions(
  executions: readonly FakeExecution[],
  req: ExecutionsRequest,
): FakeExecution[] {
  const since = filterTime(req.time);
  const side = req.side.toUpperCase();
  return executions.filter(
    (e) =>
      (req.clientId === 0 || e.clientId === req.clientId) &&
      (req.account === '' || e.wire.account === req.account) &&
      (since === null || e.time >= since) &&
      (req.symbol === '' || e.contract.symbol === req.symbol) &&
      (req.secType === '' || e.contract.secType === req.secType) &&
      (req.exchange === '' || executionVenue(e.contract) === req.exchange) &&
      (side === '' || side === e.wire.side || side === ACTION_OF_SIDE[e.wire.side]),
  );
}
