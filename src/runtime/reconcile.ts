import type { BrokerView } from '../broker/index.js';
import { OPEN_ORDER_STATUSES, statusPath, contractKey, type Clock, type Position } from '../domain/index.js';
import type { Journal } from '../journal/index.js';

export interface ReconcileReport {
  /** True when every difference was explained (or there were none): trading may start. */
  readonly ok: boolean;
  /** What reconciliation changed in the journal to match the broker. */
  readonly actions: readonly string[];
  /** Differences it could not explain; any one halts trading until a person resumes. */
  readonly mismatches: readonly string[];
  readonly positions: readonly Position[];
}

const OPEN_STATUSES = OPEN_ORDER_STATUSES;

/**
 * Start-up is recovery: compare the journal with the broker, by client order id, before trading.
 * - An intent journaled but never seen by the broker (a crash between the two) is closed as
 *   cancelled, never resubmitted: no order is ever sent twice.
 * - Orders the broker moved on (filled, cancelled) while we were down are brought up to date.
 * - A working order the journal does not know, a journaled working order the broker does not
 *   know, or a position the fills do not explain, halts trading until a person resumes.
 */
export async function reconcileWithBroker(deps: {
  broker: BrokerView;
  journal: Journal;
  clock: Clock;
  /** Today in market time (`YYYY-MM-DD`): contracts that expired before it explain position differences. */
  marketDate: string;
}): Promise<ReconcileReport> {
  const { broker, journal, clock } = deps;
  const actions: string[] = [];
  const mismatches: string[] = [];
  const now = (): number => clock.now();

  for (const stored of journal.listOrders({ statuses: OPEN_STATUSES, limit: 10_000 })) {
    const id = stored.clientOrderId;
    const live = await broker.orderByClientId(id);
    if (!live) {
      if (stored.status === 'pending_submit') {
        journal.updateOrderStatus(id, {
          status: 'cancelled',
          time: now(),
          reason: 'never reached the broker (stopped between journal and submit); not resubmitted',
        });
        actions.push(`${id}: journaled but never submitted; closed as cancelled, not resubmitted`);
      } else {
        mismatches.push(`${id}: the journal says ${stored.status} but the broker has no such order`);
      }
      continue;
    }
    if (live.status === stored.status) continue;
    const path = statusPath(stored.status, live.status);
    for (const step of path ?? []) {
      journal.updateOrderStatus(id, {
        status: step,
        time: now(),
        brokerOrderId: live.brokerOrderId,
        filledQuantity: live.filledQuantity,
        reason: 'reconciled with the broker at start-up',
      });
    }
    const moved = path !== null;
    if (moved) actions.push(`${id}: ${stored.status} -> ${live.status} (from the broker)`);
    else mismatches.push(`${id}: the journal says ${stored.status}, the broker says ${live.status}`);
  }

  const known = new Set(journal.listOrders({ limit: 100_000 }).map((o) => o.clientOrderId as string));
  for (const o of await broker.openOrders()) {
    if (!known.has(o.clientOrderId))
      mismatches.push(`${o.clientOrderId}: the broker has a working order the journal never recorded`);
  }

  const positions = await broker.positions();
  mismatches.push(...positionMismatches(journal, positions, deps.marketDate));

  if (mismatches.length > 0) {
    const accepted = acceptedByPerson(journal, mismatches);
    const open = mismatches.filter((m) => !accepted.has(m));
    for (const m of mismatches) if (accepted.has(m)) actions.push(`accepted earlier by a person: ${m}`);
    if (open.length > 0) {
      journal.logSafetyEvent({
        time: now(),
        severity: 'critical',
        code: 'RECONCILE_MISMATCH',
        message: open.join('; '),
        details: { mismatches: open },
      });
      journal.setBreaker({
        state: 'HALTED',
        actor: 'runtime',
        reason: `start-up reconciliation: ${open.length} unexplained difference(s); check the broker, then swarmdesk resume`,
        time: now(),
      });
      return { ok: false, actions, mismatches: open, positions };
    }
  }
  return { ok: true, actions, mismatches: [], positions };
}

/** Positions the journal's own fills do not account for (expired and assigned contracts excepted). */
function positionMismatches(journal: Journal, positions: readonly Position[], today: string): string[] {
  const fromFills = new Map<string, number>();
  const underlyingsWithOptions = new Set<string>();
  for (const t of journal.queryTrades({ limit: 100_000 })) {
    if (!t.clientOrderId) continue;
    fromFills.set(
      t.contract,
      (fromFills.get(t.contract) ?? 0) + (t.side === 'buy' ? t.quantity : -t.quantity),
    );
  }
  const held = new Map(positions.map((p) => [contractKey(p.contract), p] as const));
  const out: string[] = [];
  for (const key of new Set([...fromFills.keys(), ...held.keys()])) {
    const expected = fromFills.get(key) ?? 0;
    const p = held.get(key);
    const actual = p?.quantity ?? 0;
    if (Math.abs(expected - actual) < 1e-9) continue;
    const [symbol, expiry] = key.split(' ');
    if (expiry && expiry < today) continue; // expired, exercised or assigned since
    if (!expiry) {
      for (const k of fromFills.keys()) if (k.startsWith(`${symbol} `)) underlyingsWithOptions.add(symbol!);
      if (underlyingsWithOptions.has(symbol!)) continue; // stock from an exercise or assignment
    }
    out.push(`position ${key}: the broker holds ${actual}, the journal's fills give ${expected}`);
  }
  return out;
}

/** Mismatches a person already saw (the same text) and resumed trading after. */
function acceptedByPerson(journal: Journal, mismatches: readonly string[]): Set<string> {
  const lastResume = journal.breakerHistory(200).find((c) => c.actor === 'person' && c.state === 'ACTIVE');
  if (!lastResume) return new Set();
  const seen = journal
    .querySafetyEvents({ code: 'RECONCILE_MISMATCH', until: lastResume.time + 1, limit: 50 })
    .flatMap((e) => (e.details?.mismatches as string[] | undefined) ?? []);
  return new Set(mismatches.filter((m) => seen.includes(m)));
}
